// Amount encodings (IEC 62055-41 6.3.6). Exact decimal arithmetic only: BigInt, never binary floats.
// Every conversion rounds up, in the customer's favour.
import { StsFormatError, StsRangeError } from './errors.ts';

/** Offset of exponent e: sum_{n=1..e} 2^14 * 10^(n-1). */
export function amountOffset(e: number): bigint {
  let s = 0n;
  for (let n = 1; n <= e; n++) s += 16384n * 10n ** BigInt(n - 1);
  return s;
}

/** Largest value of the 2-bit-exponent transfer amount (field 0xFFFF), in 0.1 units (or watts). */
export const MAX_TRANSFER_AMOUNT = 10n ** 3n * 16383n + amountOffset(3); // 18201624

function ceilDiv(a: bigint, b: bigint): bigint {
  return a <= 0n ? -((-a) / b) : (a + b - 1n) / b;
}

/** Smallest (exponent, mantissa) with value >= t, exponent in 0..maxExp, mantissa 14 bits. */
function encodeExpMant(t: bigint, maxExp: number, what: string): { e: number; m: number } {
  if (t < 0n) throw new StsRangeError(`${what} must not be negative`);
  for (let e = 0; e <= maxExp; e++) {
    const m = ceilDiv(t - amountOffset(e), 10n ** BigInt(e));
    if (m <= 16383n) return { e, m: Number(m < 0n ? 0n : m) };
  }
  throw new StsRangeError(`${what} ${t} exceeds the largest encodable amount`);
}

/** Encodes t (0.1 units for credit, watts for MPL/MPPUL) into the 16-bit field, rounding up. */
export function encodeTransferAmount(t: bigint | number): number {
  const v = BigInt(t);
  if (v > MAX_TRANSFER_AMOUNT) throw new StsRangeError(`amount ${v} exceeds the maximum ${MAX_TRANSFER_AMOUNT} (field 0xFFFF)`, 'amount');
  const { e, m } = encodeExpMant(v, 3, 'amount');
  return (e << 14) | m;
}

/** The value (0.1 units or watts) of a 16-bit amount field. */
export function decodeTransferAmount(fieldValue: number): bigint {
  const e = (fieldValue >>> 14) & 3;
  const m = BigInt(fieldValue & 0x3fff);
  return 10n ** BigInt(e) * m + amountOffset(e);
}

/**
 * Parses a non-negative decimal string into an integer count of 10^-scale units, rounding any
 * remainder up. "12.5" with scale 1 -> 125n; "0.01" with scale 1 -> 1n. Accepts "12", "12.", ".5".
 */
export function parseDecimalCeil(s: string, scale: number, what = 'amount'): bigint {
  const t = s.trim();
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) {
    throw new StsFormatError(`${what} "${s}" is not a non-negative decimal number`, what);
  }
  const intPart = m[1] || '0';
  const frac = m[2] ?? '';
  const kept = frac.slice(0, scale).padEnd(scale, '0');
  const rest = frac.slice(scale);
  let v = BigInt(intPart + kept);
  if (/[1-9]/.test(rest)) v += 1n;
  return v;
}

/** Formats an integer count of 10^-scale units as a decimal string ("125", 1 -> "12.5"). */
export function formatDecimal(v: bigint, scale: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  if (scale === 0) return (neg ? '-' : '') + a.toString();
  const s = a.toString().padStart(scale + 1, '0');
  let out = s.slice(0, -scale) + '.' + s.slice(-scale);
  out = out.replace(/0+$/, '').replace(/\.$/, '');
  return (neg ? '-' : '') + out;
}

/** Units (decimal string in service units, e.g. kWh) -> tenths, rounded up. */
export function unitsToTenths(units: string): bigint {
  return parseDecimalCeil(units, 1, 'units');
}

// ---- Currency (subclasses 4..7): unit 10^-5 currency, 5-bit exponent, sign bit.

export const CURRENCY_SCALE = 5;

export interface CurrencyAmount {
  negative: boolean;
  exponent: number; // 0..31
  mantissa: number; // 0..16383
}

export const MAX_CURRENCY_EXPONENT = 31;

/** Encodes a currency amount in 10^-5 units (magnitude), rounding up. */
export function encodeCurrencyAmount(units: bigint, negative = false): CurrencyAmount {
  const { e, m } = encodeExpMant(units, MAX_CURRENCY_EXPONENT, 'currency amount');
  return { negative, exponent: e, mantissa: m };
}

export function decodeCurrencyAmount(a: CurrencyAmount): bigint {
  const v = 10n ** BigInt(a.exponent) * BigInt(a.mantissa) + amountOffset(a.exponent);
  return a.negative ? -v : v;
}

/** Packs into {amountField(16), se(4)}: e0,e1 at field bits 14,15; S&E = s<<3 | e4<<2 | e3<<1 | e2. */
export function packCurrency(a: CurrencyAmount): { amountField: number; se: number } {
  const e = a.exponent;
  const amountField = (((e >> 1) & 1) << 15) | ((e & 1) << 14) | a.mantissa;
  const se = ((a.negative ? 1 : 0) << 3) | (((e >> 4) & 1) << 2) | (((e >> 3) & 1) << 1) | ((e >> 2) & 1);
  return { amountField, se };
}

export function unpackCurrency(amountField: number, se: number): CurrencyAmount {
  const e = ((amountField >> 14) & 1) | (((amountField >> 15) & 1) << 1) | ((se & 1) << 2) | (((se >> 1) & 1) << 3) | (((se >> 2) & 1) << 4);
  return { negative: ((se >> 3) & 1) === 1, exponent: e, mantissa: amountField & 0x3fff };
}
