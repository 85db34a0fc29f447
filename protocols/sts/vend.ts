// Vending side: request -> token fields -> encrypted, transposed, 20-digit tokens.
import { randomInt } from 'node:crypto';
import { encodeCurrencyAmount, encodeTransferAmount, parseDecimalCeil, unitsToTenths, CURRENCY_SCALE } from './amount.ts';
import { createCipher } from './ciphers.ts';
import type { BlockCipher, CipherOptions, Ea } from './ciphers.ts';
import { StsFormatError, StsKeyError, StsRangeError } from './errors.ts';
import { buildDataBlock } from './token-data.ts';
import type { TokenFields } from './token-data.ts';
import { insertClass, token66ToDigits, formatToken } from './transposition.ts';
import { assertTid, nextUniqueTid, tidFromDate } from './tid.ts';
import type { MeterKeyRef, VendingKeyStore } from './keystore.ts';
import type { BaseDate } from './tid.ts';
import { assertKeyType, assertKrn, assertSgc, assertTi } from './dkga.ts';
import { keyChangeFields } from './key-change.ts';
import type { NewKeyInfo } from './key-change.ts';

export { formatToken, keyChangeFields };
export type { NewKeyInfo };

/** When and with what the TID and RND of a TID-bearing token are chosen. */
export interface TimeFields {
  /** Explicit TID (minutes since the base date). Takes precedence over issuedAt. */
  tid?: number;
  /** ISO date-time (naive = vending time zone) or Date. Default: the context's `now`. */
  issuedAt?: string | Date;
  /** Random nibble 0..15; default random. */
  rnd?: number;
}

export type VendRequest =
  | ({
    type: 'credit'; subclass?: 0 | 1 | 2 | 3;
    /** Decimal in service units (kWh, m3, ...), rounded up to 0.1. */
    units?: string | number;
    /** Or the raw 16-bit amount field (reproducing third-party tokens only). */
    amountField?: number;
  } & TimeFields)
  | ({ type: 'currency'; subclass: 4 | 5 | 6 | 7; /** Decimal currency amount, rounded up to 10^-5. */ amount: string | number } & Omit<TimeFields, 'rnd'>)
  | ({ type: 'maxPowerLimit' | 'maxPhasePowerUnbalanceLimit'; watts?: number; /** Or the raw 16-bit field. */ amountField?: number } & TimeFields)
  | ({ type: 'clearCredit'; /** Register = credit subclass: 0 elec, 1 water, 2 gas, 3 time, 4-7 their currency registers; 65535 all. */ register: number } & TimeFields)
  | ({ type: 'clearTamper'; pad?: number } & TimeFields)
  | ({ type: 'setTariffRate' | 'setWaterMeterFactor'; value: number } & TimeFields)
  | { type: 'meterTest'; subclass: 0 | 1; mfrCode: number; control: number | bigint | string };

export interface VendContext {
  /** Base date of the key the token is encrypted with (default 1993). */
  baseDate?: BaseDate;
  /** IANA zone in which naive ISO times are read and TIDs counted (default UTC). */
  timeZone?: string;
  /** Clock for requests without tid/issuedAt (default Date.now()). */
  now?: () => number | Date;
  /** RND source (default crypto.randomInt(16)). */
  random?: () => number;
}

function asInt(x: unknown, name: string, min: number, max: number): number {
  const n = typeof x === 'string' && /^\d+$/.test(x.trim()) ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new StsRangeError(`${name} must be an integer ${min}..${max}`, name);
  return n;
}

/** The TID and RND of a request: explicit tid, else issuedAt, else now; explicit rnd, else random. */
export function resolveTime(req: TimeFields, ctx: VendContext): { tid: number; rnd: number } {
  let tid: number;
  if (req.tid !== undefined && req.tid !== null) tid = assertTid(req.tid);
  else {
    const when = req.issuedAt ?? new Date((() => { const n = (ctx.now ?? Date.now)(); return n instanceof Date ? n.getTime() : n; })());
    tid = tidFromDate(when, ctx.baseDate ?? 1993, ctx.timeZone ?? 'UTC');
  }
  const rnd = req.rnd !== undefined && req.rnd !== null ? asInt(req.rnd, 'rnd', 0, 15) : (ctx.random ?? (() => randomInt(16)))();
  return { tid, rnd: asInt(rnd, 'rnd', 0, 15) };
}

function decimalString(x: string | number, name: string): string {
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || x < 0) throw new StsRangeError(`${name} must be a non-negative number`, name);
    // Numbers are converted through their shortest decimal representation, never through binary arithmetic.
    const s = String(x);
    if (/e/i.test(s)) throw new StsFormatError(`${name} ${s}: pass large or tiny values as decimal strings`, name);
    return s;
  }
  return x;
}

/** Exactly one of a raw 16-bit field or a value to encode. */
function rawOr(raw: unknown, value: unknown, name: string, encode: () => number): number {
  if (raw !== undefined && raw !== null) {
    if (value !== undefined && value !== null) throw new StsFormatError(`give either ${name} or amountField, not both`, name);
    return asInt(raw, 'amountField', 0, 0xffff);
  }
  if (value === undefined || value === null) throw new StsFormatError(`${name} is required`, name);
  return encode();
}

/** Turns a vend request into token fields (amounts rounded up, TID from the time). */
export function requestToFields(req: VendRequest, ctx: VendContext = {}): TokenFields {
  switch (req.type) {
    case 'credit': {
      const subclass = asInt(req.subclass ?? 0, 'subclass', 0, 3) as 0 | 1 | 2 | 3;
      const amountField = rawOr(req.amountField, req.units, 'units', () => encodeTransferAmount(unitsToTenths(decimalString(req.units!, 'units'))));
      return { type: 'credit', subclass, ...resolveTime(req, ctx), amountField };
    }
    case 'currency': {
      const subclass = asInt(req.subclass, 'subclass', 4, 7) as 4 | 5 | 6 | 7;
      const units = parseDecimalCeil(decimalString(req.amount, 'amount'), CURRENCY_SCALE, 'amount');
      const { tid } = resolveTime({ ...req, rnd: 0 }, ctx);
      return { type: 'currency', subclass, tid, amount: encodeCurrencyAmount(units) };
    }
    case 'maxPowerLimit':
    case 'maxPhasePowerUnbalanceLimit': {
      const amountField = rawOr(req.amountField, req.watts, 'watts', () => encodeTransferAmount(asInt(req.watts, 'watts', 0, Number.MAX_SAFE_INTEGER)));
      return { type: req.type, ...resolveTime(req, ctx), amountField };
    }
    case 'clearCredit':
      return { type: 'clearCredit', ...resolveTime(req, ctx), register: asInt(req.register, 'register', 0, 0xffff) };
    case 'clearTamper':
      return { type: 'clearTamper', ...resolveTime(req, ctx), pad: asInt(req.pad ?? 0, 'pad', 0, 0xffff) };
    case 'setTariffRate':
    case 'setWaterMeterFactor':
      return { type: req.type, ...resolveTime(req, ctx), value: asInt(req.value, 'value', 0, 0xffff) };
    case 'meterTest': {
      const subclass = asInt(req.subclass, 'subclass', 0, 1) as 0 | 1;
      const mfrCode = asInt(req.mfrCode, 'mfrCode', 0, subclass === 0 ? 0xff : 0xffff);
      let control: bigint;
      try {
        control = BigInt(req.control);
      } catch {
        throw new StsFormatError('control must be an integer', 'control');
      }
      const bits = subclass === 0 ? 36n : 28n;
      if (control < 0n || control >= 1n << bits) throw new StsRangeError(`control must fit in ${bits} bits for subclass ${subclass}`, 'control');
      return { type: 'meterTest', subclass, mfrCode, control };
    }
    default:
      throw new StsFormatError(`unknown token type "${(req as { type?: unknown }).type}"`, 'type');
  }
}

/** Encodes fields into a 20-digit token with a cipher (class 1 is never encrypted). */
export function encodeToken(fields: TokenFields, cipher: BlockCipher | null): string {
  const { tokenClass, block } = buildDataBlock(fields);
  let enc = block;
  if (tokenClass !== 1) {
    if (!cipher) throw new StsKeyError('a decoder key is needed for class 0 and 2 tokens');
    enc = cipher.encrypt(block);
  }
  return token66ToDigits(insertClass(enc, tokenClass));
}

/** Vends one token with a known decoder key (for tests, simulators and the `{decoderKey, ea}` CLI form). */
export function vendWithDecoderKey(decoderKey: string | Uint8Array, ea: Ea, req: VendRequest, ctx: VendContext = {}, opts: CipherOptions = {}): { token: string; fields: TokenFields } {
  const fields = requestToFields(req, ctx);
  const cipher = fields.type === 'meterTest' ? null : createCipher(ea, decoderKey, opts);
  return { token: encodeToken(fields, cipher), fields };
}

export function assertNewKeyInfo(n: { keyType: unknown; krn: unknown; ti: unknown; sgc: unknown; ken?: unknown; rollover?: unknown }): NewKeyInfo {
  const ken = n.ken === undefined ? 255 : asInt(n.ken, 'ken', 0, 255);
  if (n.rollover !== undefined && typeof n.rollover !== 'boolean') throw new StsFormatError('rollover must be true or false', 'rollover');
  return { keyType: assertKeyType(n.keyType), krn: assertKrn(n.krn), ti: assertTi(n.ti), sgc: assertSgc(n.sgc), ken, rollover: n.rollover === true };
}

/** Key change tokens encrypted under the current decoder key. */
export function vendKeyChangeWithDecoderKeys(currentKey: string | Uint8Array, currentEa: Ea, newKey: Uint8Array, info: NewKeyInfo, opts: CipherOptions = {}): string[] {
  const cipher = createCipher(currentEa, currentKey, opts);
  return keyChangeFields(newKey, info).map((f) => encodeToken(f, cipher));
}


// ---- Through the key store: what the rest of the product uses.

/** Vends one token (not a key change) for a meter through the key store. */
export async function vendToken(store: VendingKeyStore, meter: MeterKeyRef, req: VendRequest, ctx: VendContext = {}): Promise<VendedToken> {
  const fields = requestToFields(req, { baseDate: meter.baseDate, ...ctx });
  const [token] = await store.encodeTokens(meter, [fields]);
  return { token: token!, formatted: formatToken(token!), fields, ...('tid' in fields ? { tid: fields.tid } : {}) };
}

export interface VendedToken {
  token: string;
  /** Groups of 4 digits. */
  formatted: string;
  fields: TokenFields;
  tid?: number;
}

/**
 * Vends a credit token for a meter: `units` is a decimal in service units (e.g. "12.5" kWh), rounded up
 * to 0.1 in the customer's favour. With `lastTid` the same-minute rule is applied (TID = lastTid + 1
 * when the clock has not moved past it). The result's `tid` is what to store as the meter's last TID.
 */
export async function vendCreditToken(
  store: VendingKeyStore,
  meter: MeterKeyRef,
  credit: { units: string | number; subclass?: 0 | 1 | 2 | 3; issuedAt?: string | Date; tid?: number; rnd?: number; lastTid?: number },
  ctx: VendContext = {},
): Promise<VendedToken & { tid: number }> {
  const c = { baseDate: meter.baseDate, ...ctx };
  const wanted = credit.tid !== undefined ? assertTid(credit.tid) : resolveTime({ issuedAt: credit.issuedAt, rnd: 0 }, c).tid;
  const tid = nextUniqueTid(wanted, credit.lastTid);
  const req: VendRequest = { type: 'credit', subclass: credit.subclass ?? 0, units: credit.units, tid };
  if (credit.rnd !== undefined) req.rnd = credit.rnd;
  const r = await vendToken(store, meter, req, ctx);
  return { ...r, tid };
}

/** Key change tokens for a meter through the key store, in section order. */
export async function vendKeyChange(store: VendingKeyStore, current: MeterKeyRef, next: MeterKeyRef, opts: { ken?: number; rollover?: boolean } = {}): Promise<string[]> {
  const ken = opts.ken ?? 255;
  if (!Number.isInteger(ken) || ken < 0 || ken > 255) throw new StsRangeError('ken must be 0..255', 'ken');
  return store.keyChangeTokens(current, next, { ken, rollover: opts.rollover === true });
}
