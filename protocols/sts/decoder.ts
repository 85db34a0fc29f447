// Meter side: the token decoder a (simulated) meter runs (IEC 62055-41 clause 7/8 decoder processes).
// decrypt -> CRC -> class/subclass dispatch -> key type -> key expiry -> TID memory (OLD/USED) -> apply.
// It never throws: every input yields a TokenResult. The state is a plain JSON-serialisable object
// that a simulator persists between tokens; decodeToken returns a new state and never mutates its input.
import type { TokenResult } from '../telemetry.ts';
import { CURRENCY_SCALE, decodeCurrencyAmount, decodeTransferAmount, formatDecimal } from './amount.ts';
import { bytesToHex } from './bits.ts';
import { createCipher, decoderKeyBytes, keyBytesFor } from './ciphers.ts';
import type { BlockCipher, CipherOptions, Ea } from './ciphers.ts';
import type { KeyType } from './dkga.ts';
import { StsRangeError } from './errors.ts';
import { checkBlockCrc, classOf, parseDataBlock } from './token-data.ts';
import type { TokenFields } from './token-data.ts';
import { extractClass, parseTokenDigits } from './transposition.ts';
import { isBaseDate, isKeyExpired, tidToIso } from './tid.ts';
import type { BaseDate } from './tid.ts';

export type { TokenResult };

/** The 1st..4th key change sections received so far (what a meter keeps between KCTs). */
export interface PendingKeyChange {
  s1?: { kenho: number; krn: number; ro: 0 | 1; kt: number; nkho: number };
  s2?: { kenlo: number; ti: number; nklo: number };
  s3?: { sgcLo: number; nkmo2: number };
  s4?: { sgcHi: number; nkmo1: number };
}

export interface DecoderState {
  v: 1;
  ea: Ea;
  /** Current decoder key, hex (16 digits for STA/DEA, 32 for MISTY1). */
  decoderKey: string;
  keyType: KeyType;
  krn: number;
  ti: number;
  sgc: string;
  /** Key expiry number: tokens with (TID >> 16) > ken are rejected; 255 never expires. */
  ken: number;
  /** Base date TIDs are counted from (advanced by a roll-over key change). */
  baseDate: BaseDate;
  /** Accepted TIDs, ascending; at most tidMemorySize entries. */
  tidMemory: number[];
  tidMemorySize: number;
  pendingKeyChange: PendingKeyChange | null;
  /** Manufacturer code of the meter, for class 1 test tokens addressed to one manufacturer. */
  mfrCode?: number;
  /** Keypad lockout policy after repeated wrong (CRC/format) tokens; absent: no lockout. */
  lockout?: LockoutPolicy;
  /** Consecutive wrong meter-specific tokens. */
  failures?: number;
  /** Epoch ms until which meter-specific tokens are refused with 'lockout'. */
  lockedUntil?: number;
}

/**
 * Lockout as meters implement it (e.g. CLOU): after `after` wrong tokens the keypad locks for
 * `firstSeconds`, doubling with each further wrong token up to `maxSeconds`. Class 1 tokens still work;
 * an accepted meter-specific token resets it.
 */
export interface LockoutPolicy {
  after: number;
  firstSeconds: number;
  maxSeconds: number;
}
export const DEFAULT_LOCKOUT: LockoutPolicy = { after: 3, firstSeconds: 10, maxSeconds: 1280 };

export interface CreateDecoderStateOptions {
  ea: Ea;
  decoderKey: string | Uint8Array;
  keyType?: KeyType;
  krn?: number;
  ti?: number;
  sgc?: string;
  ken?: number;
  baseDate?: BaseDate;
  /** TID memory depth (default 50; the firmware in NOTES.md keeps 20). */
  tidMemorySize?: number;
  mfrCode?: number;
  /**
   * TID the memory is filled with at manufacture (STSA: the minutes since the base date at the time of
   * manufacture), so that tokens older than the meter are OLD. Default: an empty memory.
   */
  initialTid?: number;
  /** Keypad lockout: true for DEFAULT_LOCKOUT, or a policy. Default: none. */
  lockout?: boolean | LockoutPolicy;
}

export const DEFAULT_TID_MEMORY = 50;

export function createDecoderState(o: CreateDecoderStateOptions): DecoderState {
  const key = decoderKeyBytes(o.decoderKey, o.ea);
  const ken = o.ken ?? 255;
  if (!Number.isInteger(ken) || ken < 0 || ken > 255) throw new StsRangeError('ken must be 0..255', 'ken');
  const size = o.tidMemorySize ?? DEFAULT_TID_MEMORY;
  if (!Number.isInteger(size) || size < 1) throw new StsRangeError('tidMemorySize must be a positive integer', 'tidMemorySize');
  const baseDate = o.baseDate ?? 1993;
  if (!isBaseDate(baseDate)) throw new StsRangeError('baseDate must be 1993, 2014 or 2035', 'baseDate');
  const state: DecoderState = {
    v: 1, ea: o.ea, decoderKey: bytesToHex(key), keyType: o.keyType ?? 2, krn: o.krn ?? 1, ti: o.ti ?? 1, sgc: o.sgc ?? '000000', ken, baseDate,
    tidMemory: [], tidMemorySize: size, pendingKeyChange: null,
  };
  if (o.mfrCode !== undefined) state.mfrCode = o.mfrCode;
  if (o.initialTid !== undefined) {
    if (!Number.isInteger(o.initialTid) || o.initialTid < 0 || o.initialTid > 0xffffff) throw new StsRangeError('initialTid must be 0..0xFFFFFF', 'initialTid');
    state.tidMemory = new Array<number>(size).fill(o.initialTid);
  }
  if (o.lockout) {
    state.lockout = o.lockout === true ? { ...DEFAULT_LOCKOUT } : { ...o.lockout };
    state.failures = 0;
  }
  return state;
}

export type Service = 'electricity' | 'water' | 'gas' | 'time';
const SERVICES: Service[] = ['electricity', 'water', 'gas', 'time'];
const REGISTER_UNIT: Record<Service, { unit: 'Wh' | 'L' | 's'; perTenth: number }> = {
  electricity: { unit: 'Wh', perTenth: 100 }, water: { unit: 'L', perTenth: 100 }, gas: { unit: 'L', perTenth: 100 }, time: { unit: 's', perTenth: 6 },
};

/** Credit carried by an accepted class 0 token. */
export type Credit =
  | {
    kind: 'units'; subclass: 0 | 1 | 2 | 3; service: Service;
    /** Amount in 0.1 service units (0.1 kWh, 0.1 m3, 0.1 min). */
    tenths: number;
    /** Same amount as a decimal string in service units, e.g. "25.6". */
    units: string;
    /** Same amount in the telemetry register unit: Wh (electricity), L (water, gas), s (time). */
    registerUnits: number;
    registerUnit: 'Wh' | 'L' | 's';
  }
  | {
    kind: 'currency'; subclass: 4 | 5 | 6 | 7; service: Service;
    /** Decimal currency amount, e.g. "100.00624" (may be negative). */
    amount: string;
    /** Integer count of 10^-5 currency units, as a decimal string. */
    amountE5: string;
  };

/** JSON-friendly view of decoded token fields. */
export interface DecodedToken {
  class: number;
  subclass: number;
  type: TokenFields['type'];
  tid?: number;
  issuedAt?: string;
  rnd?: number;
  amountField?: number;
  /** Credit in service units (decimal string), subclasses 0..3. */
  units?: string;
  tenths?: number;
  /** Currency credit (decimal string), subclasses 4..7. */
  amount?: string;
  watts?: number;
  register?: number;
  value?: number;
  pad?: number;
  mfrCode?: number;
  control?: string;
  section?: 1 | 2 | 3 | 4;
  ken?: { high?: number; low?: number };
  kenho?: number;
  kenlo?: number;
  krn?: number;
  ro?: number;
  reserved?: number;
  kt?: number;
  ti?: number;
  sgcLo?: number;
  sgcHi?: number;
  /** The 32 key bits the section carries, hex (also under their own name below). */
  keyBits?: string;
  /** New key high-order word (section 1), low-order (2), middle-order 2 (3), middle-order 1 (4); 128-bit key = NKHO||NKMO2||NKMO1||NKLO. */
  nkho?: string;
  nklo?: string;
  nkmo2?: string;
  nkmo1?: string;
  payload?: string;
}

function hex32(w: number): string {
  return (w >>> 0).toString(16).padStart(8, '0');
}

export function describeFields(f: TokenFields, baseDate: BaseDate = 1993, timeZone = 'UTC'): DecodedToken {
  const { tokenClass, subclass } = classOf(f);
  const d: DecodedToken = { class: tokenClass, subclass, type: f.type };
  if ('tid' in f) {
    d.tid = f.tid;
    d.issuedAt = tidToIso(f.tid, baseDate, timeZone);
  }
  if ('rnd' in f) d.rnd = f.rnd;
  switch (f.type) {
    case 'credit': {
      const t = decodeTransferAmount(f.amountField);
      Object.assign(d, { amountField: f.amountField, tenths: Number(t), units: formatDecimal(t, 1) });
      break;
    }
    case 'currency':
      d.amount = formatDecimal(decodeCurrencyAmount(f.amount), CURRENCY_SCALE);
      break;
    case 'maxPowerLimit':
    case 'maxPhasePowerUnbalanceLimit':
      Object.assign(d, { amountField: f.amountField, watts: Number(decodeTransferAmount(f.amountField)) });
      break;
    case 'clearCredit': d.register = f.register; break;
    case 'setTariffRate':
    case 'setWaterMeterFactor': d.value = f.value; break;
    case 'clearTamper': d.pad = f.pad; break;
    case 'keyChange1': Object.assign(d, { section: 1, kenho: f.kenho, krn: f.krn, ro: f.ro, reserved: f.res, kt: f.kt, keyBits: hex32(f.nkho), nkho: hex32(f.nkho) }); break;
    case 'keyChange2': Object.assign(d, { section: 2, kenlo: f.kenlo, ti: f.ti, keyBits: hex32(f.nklo), nklo: hex32(f.nklo) }); break;
    case 'keyChange3': Object.assign(d, { section: 3, sgcLo: f.sgcLo, keyBits: hex32(f.nkmo2), nkmo2: hex32(f.nkmo2) }); break;
    case 'keyChange4': Object.assign(d, { section: 4, sgcHi: f.sgcHi, keyBits: hex32(f.nkmo1), nkmo1: hex32(f.nkmo1) }); break;
    case 'meterTest': Object.assign(d, { mfrCode: f.mfrCode, control: f.control.toString() }); break;
    case 'other': d.payload = f.payload.toString(16).padStart(11, '0'); break;
  }
  return d;
}

export type RawDecode =
  | { ok: true; tokenClass: number; block: bigint; fields: TokenFields }
  | { ok: false; result: 'format' | 'crc'; detail: string; tokenClass?: number };

/** Stateless: 20 digits -> class, decrypted block and fields (class 1 is not decrypted). Never throws. */
export function decryptToken(digits: string, cipher: BlockCipher): RawDecode {
  let t66: bigint;
  try {
    t66 = parseTokenDigits(digits);
  } catch (e) {
    return { ok: false, result: 'format', detail: e instanceof Error ? e.message : 'not a token' };
  }
  const { tokenClass, block: enc } = extractClass(t66);
  if (tokenClass === 3) return { ok: false, result: 'format', detail: 'class 3 is reserved', tokenClass };
  const block = tokenClass === 1 ? enc : cipher.decrypt(enc);
  if (!checkBlockCrc(tokenClass, block)) return { ok: false, result: 'crc', detail: 'CRC mismatch (wrong key or mistyped token)', tokenClass };
  return { ok: true, tokenClass, block, fields: parseDataBlock(tokenClass, block) };
}

export interface DecodeOptions extends CipherOptions {
  /** Meter clock, epoch ms or Date (default Date.now()); used for keypad lockout only, TIDs are never compared with it. */
  now?: number | Date;
  /** Time zone for issuedAt in the output (default UTC). */
  timeZone?: string;
  /** Lets the meter refuse credit that would overflow its register: return false -> 'overflow'. */
  canAcceptCredit?: (credit: Credit) => boolean;
}

export interface DecodeResult {
  result: TokenResult;
  /** New state (the same object when nothing changed). */
  state: DecoderState;
  /** Short machine-readable reason, e.g. 'crc_mismatch', 'kct_section_1_stored', 'key_changed'. */
  detail?: string;
  tokenClass?: number;
  subclass?: number;
  tid?: number;
  /** Decoded fields whenever the token decrypted with a valid CRC (also for rejected tokens). */
  token?: DecodedToken;
  /** Present when a class 0 token was accepted. */
  credit?: Credit;
  /** Present for accepted key change sections. */
  keyChange?: { section: 1 | 2 | 3 | 4; complete: boolean; missing: number[]; rollover?: boolean };
}

const cipherCache = new Map<string, BlockCipher>();
function cipherFor(state: DecoderState, opts: CipherOptions): BlockCipher {
  if (opts.staTables) return createCipher(state.ea, state.decoderKey, opts);
  const id = `${state.ea}:${state.decoderKey}`;
  let c = cipherCache.get(id);
  if (!c) {
    c = createCipher(state.ea, state.decoderKey);
    if (cipherCache.size > 256) cipherCache.clear();
    cipherCache.set(id, c);
  }
  return c;
}

function nextBaseDate(b: BaseDate): BaseDate {
  return b === 1993 ? 2014 : 2035;
}

function requiredSections(ea: Ea): number[] {
  return keyBytesFor(ea) === 16 ? [1, 2, 3, 4] : [1, 2];
}

function rememberTid(mem: readonly number[], tid: number, size: number): number[] {
  const out = [...mem, tid].sort((a, b) => a - b);
  while (out.length > size) out.shift();
  return out;
}

function creditOf(f: Extract<TokenFields, { type: 'credit' | 'currency' }>): Credit {
  const service = SERVICES[f.subclass % 4]!;
  if (f.type === 'credit') {
    const tenths = Number(decodeTransferAmount(f.amountField));
    const ru = REGISTER_UNIT[service];
    return { kind: 'units', subclass: f.subclass, service, tenths, units: formatDecimal(BigInt(tenths), 1), registerUnits: tenths * ru.perTenth, registerUnit: ru.unit };
  }
  const v = decodeCurrencyAmount(f.amount);
  return { kind: 'currency', subclass: f.subclass, service, amount: formatDecimal(v, CURRENCY_SCALE), amountE5: v.toString() };
}

/** Validates a state read back from storage; returns a message when it is unusable. */
export function checkDecoderState(s: unknown): string | undefined {
  if (!s || typeof s !== 'object') return 'state is not an object';
  const st = s as Partial<DecoderState>;
  if (st.v !== 1) return 'unknown state version';
  if (st.ea !== 'STA' && st.ea !== 'DEA' && st.ea !== 'MISTY1') return 'unknown EA';
  if (typeof st.decoderKey !== 'string' || st.decoderKey.length !== keyBytesFor(st.ea) * 2 || !/^[0-9a-fA-F]+$/.test(st.decoderKey)) return `decoder key must be ${keyBytesFor(st.ea) * 2} hex digits for ${st.ea}`;
  if (!Array.isArray(st.tidMemory) || !isBaseDate(st.baseDate)) return 'state is incomplete';
  return undefined;
}

/**
 * Decodes one token as the meter would. Never throws: malformed input gives 'format', an internal
 * fault 'error'. On rejection the returned state is the input state (except for the lockout counters
 * when a lockout policy is set).
 */
export function decodeToken(state: DecoderState, digits: string, opts: DecodeOptions = {}): DecodeResult {
  try {
    const text = String(digits ?? '');
    if (!state?.lockout) return decodeInner(state, text, opts);
    return withLockout(state, text, opts);
  } catch {
    return { result: 'error', state, detail: 'internal_error' };
  }
}

/** Class of a well-formed token without decrypting, or undefined. */
function peekClass(digits: string): number | undefined {
  try {
    return extractClass(parseTokenDigits(digits)).tokenClass;
  } catch {
    return undefined;
  }
}

function withLockout(state: DecoderState, digits: string, opts: DecodeOptions): DecodeResult {
  const policy = state.lockout!;
  const now = opts.now === undefined ? Date.now() : opts.now instanceof Date ? opts.now.getTime() : opts.now;
  const cls = peekClass(digits);
  const meterSpecific = cls !== 1;
  if (meterSpecific && cls !== undefined && state.lockedUntil !== undefined && now < state.lockedUntil) {
    return { result: 'lockout', state, detail: `locked_for_${Math.ceil((state.lockedUntil - now) / 1000)}s`, tokenClass: cls };
  }
  const r = decodeInner(state, digits, opts);
  if (!meterSpecific) return r;
  if (r.result === 'crc' || r.result === 'format') {
    const failures = (state.failures ?? 0) + 1;
    const next: DecoderState = { ...state, failures };
    if (failures >= policy.after) {
      const secs = Math.min(policy.firstSeconds * 2 ** (failures - policy.after), policy.maxSeconds);
      next.lockedUntil = now + secs * 1000;
    }
    return { ...r, state: next };
  }
  if (r.result === 'accept' && ((state.failures ?? 0) > 0 || state.lockedUntil !== undefined)) {
    const next: DecoderState = { ...r.state, failures: 0 };
    delete next.lockedUntil;
    return { ...r, state: next };
  }
  return r;
}

function decodeInner(state: DecoderState, digits: string, opts: DecodeOptions): DecodeResult {
  const bad = checkDecoderState(state);
  if (bad) return { result: 'error', state, detail: 'invalid_state' };
  const raw = decryptToken(digits, cipherFor(state, opts));
  if (!raw.ok) {
    const r: DecodeResult = { result: raw.result, state, detail: raw.result === 'crc' ? 'crc_mismatch' : raw.detail };
    if (raw.tokenClass !== undefined) r.tokenClass = raw.tokenClass;
    return r;
  }
  const f = raw.fields;
  const { tokenClass, subclass } = classOf(f);
  const token = describeFields(f, state.baseDate, opts.timeZone);
  const base = { state, tokenClass, subclass, token };
  const reject = (result: TokenResult, detail: string): DecodeResult => ({ ...base, result, detail, ...('tid' in f ? { tid: f.tid } : {}) });

  switch (f.type) {
    case 'other':
      return reject('function', 'unsupported_class_subclass');
    case 'meterTest':
      if (f.mfrCode !== 0 && state.mfrCode !== undefined && f.mfrCode !== state.mfrCode) return reject('function', 'mfr_code');
      return { ...base, result: 'accept', detail: 'meter_test' };
    case 'keyChange1':
    case 'keyChange2':
    case 'keyChange3':
    case 'keyChange4':
      return keyChange(state, f, base);
    default:
      break;
  }

  // TID-bearing tokens: credit (class 0) and management (class 2).
  const tid = f.tid;
  if (f.type === 'credit' || f.type === 'currency') {
    if (state.keyType === 1) return reject('ddtk', 'default_key_refuses_credit');
    if (state.keyType === 0) return reject('ddtk', 'initialisation_key_refuses_credit');
  }
  if (f.type === 'clearCredit' && !(f.register <= 7 || f.register === 0xffff)) return reject('range', 'unknown_register');
  if (isKeyExpired(tid, state.ken)) return reject('key_expired', 'ken');
  if (state.tidMemory.includes(tid)) return reject('used', 'tid_used');
  if (state.tidMemory.length >= state.tidMemorySize && tid < state.tidMemory[0]!) return reject('old', 'tid_older_than_memory');
  let credit: Credit | undefined;
  if (f.type === 'credit' || f.type === 'currency') {
    credit = creditOf(f);
    if (opts.canAcceptCredit && !opts.canAcceptCredit(credit)) return reject('overflow', 'register_overflow');
  }
  const next: DecoderState = { ...state, tidMemory: rememberTid(state.tidMemory, tid, state.tidMemorySize) };
  const out: DecodeResult = { result: 'accept', state: next, tokenClass, subclass, tid, token };
  if (credit) out.credit = credit;
  return out;
}

function keyChange(
  state: DecoderState,
  f: Extract<TokenFields, { type: 'keyChange1' | 'keyChange2' | 'keyChange3' | 'keyChange4' }>,
  base: { state: DecoderState; tokenClass: number; subclass: number; token: DecodedToken },
): DecodeResult {
  const required = requiredSections(state.ea);
  const section = (f.type === 'keyChange1' ? 1 : f.type === 'keyChange2' ? 2 : f.type === 'keyChange3' ? 3 : 4) as 1 | 2 | 3 | 4;
  if (!required.includes(section)) return { ...base, result: 'function', detail: 'kct_section_not_used_with_this_key_length' };
  if (f.type === 'keyChange1' && f.kt === 0 && state.keyType !== 0) return { ...base, result: 'range', detail: 'key_type_cannot_return_to_ditk' };
  const p: PendingKeyChange = { ...(state.pendingKeyChange ?? {}) };
  if (f.type === 'keyChange1') p.s1 = { kenho: f.kenho, krn: f.krn, ro: f.ro, kt: f.kt, nkho: f.nkho };
  else if (f.type === 'keyChange2') p.s2 = { kenlo: f.kenlo, ti: f.ti, nklo: f.nklo };
  else if (f.type === 'keyChange3') p.s3 = { sgcLo: f.sgcLo, nkmo2: f.nkmo2 };
  else p.s4 = { sgcHi: f.sgcHi, nkmo1: f.nkmo1 };
  const have = (n: number): boolean => (n === 1 ? !!p.s1 : n === 2 ? !!p.s2 : n === 3 ? !!p.s3 : !!p.s4);
  const missing = required.filter((n) => !have(n));
  if (missing.length > 0) {
    return { ...base, result: 'accept', detail: `kct_section_${section}_stored`, state: { ...state, pendingKeyChange: p }, keyChange: { section, complete: false, missing } };
  }
  const s1 = p.s1!, s2 = p.s2!;
  const words = required.length === 4 ? [s1.nkho, p.s3!.nkmo2, p.s4!.nkmo1, s2.nklo] : [s1.nkho, s2.nklo];
  const keyHex = words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
  const rollover = s1.ro === 1;
  const next: DecoderState = {
    ...state,
    decoderKey: keyHex,
    keyType: s1.kt as KeyType,
    krn: s1.krn,
    ti: s2.ti,
    ken: (s1.kenho << 4) | s2.kenlo,
    sgc: required.length === 4 ? String(((p.s4!.sgcHi << 12) | p.s3!.sgcLo) >>> 0).padStart(6, '0') : state.sgc,
    baseDate: rollover ? nextBaseDate(state.baseDate) : state.baseDate,
    tidMemory: rollover ? [] : state.tidMemory,
    pendingKeyChange: null,
  };
  return { ...base, result: 'accept', detail: 'key_changed', state: next, keyChange: { section, complete: true, missing: [], rollover } };
}

/** Convenience: decode one token with a key and no history (a fresh meter). */
export function decodeWithKey(digits: string, o: CreateDecoderStateOptions, opts: DecodeOptions = {}): DecodeResult {
  return decodeToken(createDecoderState(o), digits, opts);
}

