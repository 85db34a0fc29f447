// The JSON request formats of `raseed sts vend|decode|key` (single and --batch), as pure library code.
// One request object in, one result object out; errors are thrown as StsError and turned into
// `{"id", "error": {code, message}}` lines by the caller.
import { bytesToHex, hexToBytes } from './bits.ts';
import { createCipher, decoderKeyBytes, parseEa } from './ciphers.ts';
import type { Ea } from './ciphers.ts';
import { decodeToken, createDecoderState } from './decoder.ts';
import type { DecodedToken, DecoderState } from './decoder.ts';
import { assertKeyType, assertKrn, assertSgc, assertTi, makeDecoderKeyParams, parseDkga } from './dkga.ts';
import type { KeyType } from './dkga.ts';
import { StsFormatError, StsKeyError, StsRangeError, errorToJson } from './errors.ts';
import { SoftwareKeyStore } from './keystore.ts';
import type { MeterKeyRef } from './keystore.ts';
import { assertBaseDate } from './tid.ts';
import type { BaseDate } from './tid.ts';
import { encodeToken, keyChangeFields, requestToFields } from './vend.ts';
import type { NewKeyInfo, VendContext, VendRequest } from './vend.ts';
import type { TokenFields } from './token-data.ts';

export interface BatchContext {
  /** Vending time zone for ISO times without a zone (default UTC). */
  timeZone?: string;
  now?: () => number | Date;
  random?: () => number;
  /** KEY used for lines that carry none (e.g. from CLI flags). */
  defaultKey?: Record<string, unknown>;
}

/** A resolved KEY: either a decoder key in hand, or a meter key reference into a key store. */
type ResolvedKey =
  | { kind: 'decoder'; ea: Ea; key: Uint8Array; keyType?: KeyType; krn?: number; ti?: number; sgc?: string; baseDate?: BaseDate; ken?: number }
  | { kind: 'vending'; ref: MeterKeyRef; ken?: number };

function parseBool(x: unknown, name: string): boolean {
  if (x === undefined || x === null || x === false || x === 0 || x === 'false' || x === '0') return false;
  if (x === true || x === 1 || x === 'true' || x === '1') return true;
  throw new StsFormatError(`${name} must be true or false`, name);
}

function obj(x: unknown, name: string): Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new StsFormatError(`${name} must be a JSON object`, name);
  return x as Record<string, unknown>;
}

function optInt(o: Record<string, unknown>, k: string, min: number, max: number): number | undefined {
  const v = o[k];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new StsRangeError(`${k} must be an integer ${min}..${max}`, k);
  return n;
}

/**
 * The new key of a key change may name only what changes (e.g. `{"ti": 2}` or `{"krn": 2, "baseDate": 2014}`):
 * unless it brings its own decoderKey or vendingKey, the rest is taken from the current KEY.
 */
function mergeNewKey(current: unknown, next: unknown): unknown {
  const n = obj(next, 'newKey');
  if (n.decoderKey !== undefined || n.vendingKey !== undefined) return n;
  const c = obj(current, 'key');
  if (c.vendingKey === undefined) throw new StsFormatError('newKey needs a decoderKey or vendingKey when the current key is a decoder key', 'newKey');
  return { ...c, ...n };
}

/**
 * A session over one batch: vending keys given inline are loaded into a private software key store,
 * so token encryption with a vending key always goes through the VendingKeyStore interface.
 */
export class StsBatchSession {
  readonly #store = new SoftwareKeyStore();
  readonly #ids = new Map<string, string>();
  constructor(readonly ctx: BatchContext = {}) {}

  #vendingKeyId(hex: string, dkga: '02' | '04'): string {
    const k = `${dkga}:${hex.toLowerCase()}`;
    let id = this.#ids.get(k);
    if (!id) {
      id = `inline-${this.#ids.size + 1}`;
      this.#store.addVendingKey(id, hex, dkga);
      this.#ids.set(k, id);
    }
    return id;
  }

  resolveKey(x: unknown, name = 'key'): ResolvedKey {
    const o = obj(x, name);
    // Without an EA, a 128-bit decoder key means MISTY1; anything else STA.
    const ea = o.ea === undefined || o.ea === null
      ? (typeof o.decoderKey === 'string' && o.decoderKey.replace(/\s+/g, '').length === 32 ? 'MISTY1' : 'STA')
      : parseEa(o.ea, `${name}.ea`);
    const ken = optInt(o, 'ken', 0, 255);
    if (o.decoderKey !== undefined) {
      if (typeof o.decoderKey !== 'string') throw new StsFormatError(`${name}.decoderKey must be a hex string`, 'decoderKey');
      const r: ResolvedKey = { kind: 'decoder', ea, key: decoderKeyBytes(o.decoderKey, ea) };
      if (o.keyType !== undefined) r.keyType = assertKeyType(o.keyType);
      if (o.krn !== undefined) r.krn = assertKrn(o.krn);
      if (o.ti !== undefined) r.ti = assertTi(o.ti);
      if (o.sgc !== undefined) r.sgc = assertSgc(o.sgc);
      if (o.baseDate !== undefined) r.baseDate = assertBaseDate(o.baseDate);
      if (ken !== undefined) r.ken = ken;
      return r;
    }
    if (o.vendingKey !== undefined) {
      if (typeof o.vendingKey !== 'string') throw new StsFormatError(`${name}.vendingKey must be a hex string`, 'vendingKey');
      const dkga = parseDkga(o.dkga);
      if (typeof o.meterPan !== 'string' && typeof o.meterPan !== 'number') throw new StsFormatError(`${name}.meterPan is required (18-digit MeterPAN, or an 11/13-digit meter number)`, 'meterPan');
      if (o.validate !== undefined && typeof o.validate !== 'boolean') throw new StsFormatError('validate must be true or false', 'validate');
      const params = makeDecoderKeyParams({
        dkga, ea, meter: String(o.meterPan), keyType: o.keyType, sgc: o.sgc, ti: o.ti, krn: o.krn, baseDate: o.baseDate ?? 1993, validateMeterNumber: o.validate !== false,
      });
      let bytes: Uint8Array;
      try {
        bytes = hexToBytes(o.vendingKey);
      } catch {
        throw new StsKeyError(`${name}.vendingKey is not a hexadecimal string`, 'vendingKey');
      }
      const id = this.#vendingKeyId(bytesToHex(bytes), dkga);
      const r: ResolvedKey = { kind: 'vending', ref: { ...params, vendingKeyId: id } };
      if (ken !== undefined) r.ken = ken;
      return r;
    }
    throw new StsFormatError(`${name} needs either decoderKey or vendingKey`, name);
  }

  async #decoderKey(k: ResolvedKey): Promise<Uint8Array> {
    return k.kind === 'decoder' ? k.key : this.#store.exportDecoderKey(k.ref);
  }

  #baseDate(k: ResolvedKey | undefined, line: Record<string, unknown>): BaseDate {
    if (line.baseDate !== undefined && line.baseDate !== null) return assertBaseDate(line.baseDate);
    if (k?.kind === 'vending') return k.ref.baseDate;
    return k?.baseDate ?? 1993;
  }

  #newKeyInfo(k: ResolvedKey, req: Record<string, unknown>): NewKeyInfo {
    const ken = optInt(req, 'ken', 0, 255) ?? 255;
    const rollover = parseBool(req.rollover, 'rollover');
    if (k.kind === 'vending') return { keyType: k.ref.keyType, krn: k.ref.krn, ti: k.ref.ti, sgc: k.ref.sgc, ken, rollover };
    if (k.keyType === undefined || k.krn === undefined || k.ti === undefined) {
      throw new StsFormatError('newKey given as decoderKey also needs keyType, krn and ti (and sgc for 128-bit keys)', 'newKey');
    }
    if (k.key.length === 16 && k.sgc === undefined) throw new StsFormatError('newKey for a 128-bit key needs sgc', 'newKey.sgc');
    return { keyType: k.keyType, krn: k.krn, ti: k.ti, sgc: k.sgc ?? '000000', ken, rollover };
  }

  /** `sts vend`: `{"id", "key": KEY, "token": REQ}` -> `{"id", "tokens": [...]}`. */
  async vend(line: unknown): Promise<{ id: unknown; tokens: string[] }> {
    const { id, tokens } = await this.vendDetailed(line);
    return { id, tokens };
  }

  /** As vend(), also returning the token fields (for readable output; key change fields are not returned). */
  async vendDetailed(line: unknown): Promise<{ id: unknown; tokens: string[]; fields: TokenFields[]; baseDate: BaseDate }> {
    const l = obj(line, 'request');
    const req = obj(l.token, 'token');
    const id = l.id ?? null;
    if (req.type === 'meterTest') {
      const fields = requestToFields(req as unknown as VendRequest);
      return { id, tokens: [encodeToken(fields, null)], fields: [fields], baseDate: 1993 };
    }
    const key = this.resolveKey(l.key ?? this.ctx.defaultKey);
    const baseDate = this.#baseDate(key, l);
    if (req.type === 'keyChange') {
      const next = this.resolveKey(mergeNewKey(l.key ?? this.ctx.defaultKey, req.newKey), 'newKey');
      const info = this.#newKeyInfo(next, req);
      if (key.kind === 'vending' && next.kind === 'vending') {
        return { id, tokens: await this.#store.keyChangeTokens(key.ref, next.ref, { ken: info.ken, rollover: info.rollover }), fields: [], baseDate };
      }
      const cipher = createCipher(key.kind === 'vending' ? key.ref.ea : key.ea, await this.#decoderKey(key));
      return { id, tokens: keyChangeFields(await this.#decoderKey(next), info).map((f) => encodeToken(f, cipher)), fields: [], baseDate };
    }
    const vctx: VendContext = { baseDate, timeZone: this.ctx.timeZone ?? 'UTC' };
    if (this.ctx.now) vctx.now = this.ctx.now;
    if (this.ctx.random) vctx.random = this.ctx.random;
    const fields = requestToFields(req as unknown as VendRequest, vctx);
    if (key.kind === 'vending') return { id, tokens: await this.#store.encodeTokens(key.ref, [fields]), fields: [fields], baseDate };
    return { id, tokens: [encodeToken(fields, createCipher(key.ea, key.key))], fields: [fields], baseDate };
  }

  /** `sts decode`: `{"id", "key": KEY, "token": "20 digits", "baseDate"?}` -> result code and decoded fields. */
  async decode(line: unknown): Promise<{ id: unknown; result: string; detail?: string } & Partial<DecodedToken>> {
    const l = obj(line, 'request');
    const id = l.id ?? null;
    if (typeof l.token !== 'string') throw new StsFormatError('token must be a string of 20 digits', 'token');
    const key = this.resolveKey(l.key ?? this.ctx.defaultKey);
    const baseDate = this.#baseDate(key, l);
    let state: DecoderState;
    if (key.kind === 'vending') {
      state = createDecoderState({
        ea: key.ref.ea, decoderKey: await this.#decoderKey(key), keyType: key.ref.keyType, krn: key.ref.krn, ti: key.ref.ti, sgc: key.ref.sgc, baseDate, ...(key.ken !== undefined ? { ken: key.ken } : {}),
      });
    } else {
      state = createDecoderState({
        ea: key.ea, decoderKey: key.key, keyType: key.keyType ?? 2, krn: key.krn ?? 1, ti: key.ti ?? 1, sgc: key.sgc ?? '000000', baseDate, ...(key.ken !== undefined ? { ken: key.ken } : {}),
      });
    }
    const r = decodeToken(state, l.token, { timeZone: this.ctx.timeZone ?? 'UTC' });
    const out: { id: unknown; result: string; detail?: string } & Partial<DecodedToken> = { id, result: r.result };
    if (r.detail) out.detail = r.detail;
    if (r.token) Object.assign(out, r.token);
    if (r.tokenClass !== undefined && out.class === undefined) out.class = r.tokenClass;
    return out;
  }

  /** `sts key`: `{"id", "key": KEY}` -> the decoder key (hex) and its parameters. */
  async key(line: unknown): Promise<{ id: unknown; decoderKey: string; ea: Ea; keyType?: number; krn?: number; ti?: number; sgc?: string; baseDate?: number; dkga?: string; meterPan?: string }> {
    const l = obj(line, 'request');
    const id = l.id ?? null;
    const key = this.resolveKey(l.key ?? this.ctx.defaultKey);
    if (key.kind === 'decoder') return { id, decoderKey: bytesToHex(key.key), ea: key.ea };
    const r = key.ref;
    return {
      id, decoderKey: bytesToHex(await this.#decoderKey(key)), ea: r.ea, dkga: r.dkga, keyType: r.keyType, krn: r.krn, ti: r.ti, sgc: r.sgc, baseDate: r.baseDate,
      meterPan: r.meter.pan,
    };
  }

  /** Runs one parsed or unparsed batch line; never throws. */
  async line(kind: 'vend' | 'decode' | 'key', text: string): Promise<object> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { id: null, error: { code: 'format', message: 'line is not valid JSON' } };
    }
    const id = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? ((parsed as Record<string, unknown>).id ?? null) : null;
    try {
      return kind === 'vend' ? await this.vend(parsed) : kind === 'decode' ? await this.decode(parsed) : await this.key(parsed);
    } catch (e) {
      return { id, error: errorToJson(e) };
    }
  }
}
