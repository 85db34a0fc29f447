// Money: integer minor units in the currency's own exponent (OMR/BHD/KWD 3 decimals, AED/SAR/QAR 2).
// Decimal strings in, decimal strings out; never a binary float anywhere on the way.
import { DomainError, type ErrorKind } from '../../platform/index.ts';

export const CURRENCIES = ['OMR', 'BHD', 'KWD', 'AED', 'SAR', 'QAR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const CURRENCY_EXPONENT: Readonly<Record<Currency, number>> = { OMR: 3, BHD: 3, KWD: 3, AED: 2, SAR: 2, QAR: 2 };

/** Largest amount of one top-up, in major units (a guard against typos and overflow, not a business limit). */
export const MAX_MAJOR = 1_000_000;

export type PrepaidErrorCode =
  | 'bad_amount' | 'too_many_decimals' | 'currency_mismatch' | 'unknown_currency' | 'amount_too_small' | 'amount_too_large'
  | 'unknown_meter' | 'no_tariff' | 'idempotency_conflict' | 'not_found' | 'no_sts_params' | 'vend_failed' | 'not_refundable' | 'bad_idempotency_key' | 'bad_date';

/** What kind of failure each code is (the API's error table turns kinds into statuses), and its problem slug where it differs from the code. */
const KIND_OF: Partial<Record<PrepaidErrorCode, [ErrorKind, string]>> = {
  unknown_meter: ['not_found', 'not-found'],
  not_found: ['not_found', 'not-found'],
  idempotency_conflict: ['conflict', 'idempotency-conflict'],
  not_refundable: ['conflict', 'not-refundable'],
  no_tariff: ['conflict', 'meter-not-vendable'],
  no_sts_params: ['conflict', 'meter-not-vendable'],
};

/** Every error the prepaid loop raises for bad input or state: a code (its kind decides the status), a message a person can read. */
export class PrepaidError extends DomainError {
  override name = 'PrepaidError';
  declare readonly code: PrepaidErrorCode;
  constructor(code: PrepaidErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const [kind, slug] = KIND_OF[code] ?? ['invalid', undefined];
    super(kind, code, message, { extra, ...(slug ? { slug } : {}) });
  }
}

export function isCurrency(x: unknown): x is Currency {
  return typeof x === 'string' && (CURRENCIES as readonly string[]).includes(x);
}

export function exponentOf(c: Currency): number {
  return CURRENCY_EXPONENT[c];
}

/**
 * Parses a decimal string ("5", "5.5", "5.000") in major units into integer minor units.
 * More decimals than the currency has is an error (never rounded away): "5.0001" OMR, "1.005" AED.
 */
export function parseMoney(input: string, currency: Currency): number {
  if (typeof input !== 'string') throw new PrepaidError('bad_amount', 'amount must be a decimal string such as "5.000"');
  // Strict: no spaces, signs, exponents or leading zeros (" 5" and "0005.000" are refused, not guessed at).
  const s = input;
  const m = /^(0|[1-9]\d{0,11})(?:\.(\d+))?$/.exec(s);
  if (!m) throw new PrepaidError('bad_amount', `amount "${input.slice(0, 40)}" is not a positive decimal number such as "5.000"`);
  const exp = exponentOf(currency);
  const frac = m[2] ?? '';
  if (frac.length > exp) {
    throw new PrepaidError('too_many_decimals', `${currency} has ${exp} decimal places; "${s}" has ${frac.length}`, { exponent: exp });
  }
  const whole = BigInt(m[1]!);
  if (whole > BigInt(MAX_MAJOR)) throw new PrepaidError('amount_too_large', `amount ${s} ${currency} exceeds the limit of ${MAX_MAJOR} ${currency} per top-up`);
  const minor = whole * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
  return Number(minor);
}

/** Minor units as a decimal string with exactly the currency's decimals: 5000 OMR → "5.000", 1234 AED → "12.34". */
export function formatMoney(minor: number | bigint, currency: Currency): string {
  const v = BigInt(minor);
  const exp = exponentOf(currency);
  const neg = v < 0n;
  const a = (neg ? -v : v).toString().padStart(exp + 1, '0');
  const out = exp === 0 ? a : `${a.slice(0, -exp)}.${a.slice(-exp)}`;
  return (neg ? '-' : '') + out;
}

/** Checks a value is a safe integer of minor units (what every ledger amount must be). */
export function assertMinor(v: number, what = 'amount'): number {
  if (!Number.isSafeInteger(v)) throw new PrepaidError('bad_amount', `${what} must be an integer number of minor units, got ${String(v)}`);
  return v;
}

/** a * num / den rounded down (floor), exact, for non-negative integers. */
export function mulDivFloor(a: number | bigint, num: number | bigint, den: number | bigint): number {
  const r = (BigInt(a) * BigInt(num)) / BigInt(den);
  return Number(r);
}

/** a * num / den rounded half up, exact, for non-negative integers. */
export function mulDivHalfUp(a: number | bigint, num: number | bigint, den: number | bigint): number {
  const d = BigInt(den);
  return Number((BigInt(a) * BigInt(num) * 2n + d) / (2n * d));
}

/** Tenths of a service unit (0.1 kWh / 0.1 m³) as a decimal string: 3044 → "304.4". */
export function formatTenths(t: number): string {
  const neg = t < 0;
  const a = String(Math.abs(t)).padStart(2, '0');
  return `${neg ? '-' : ''}${a.slice(0, -1)}.${a.slice(-1)}`;
}
