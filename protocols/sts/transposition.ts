// Class-bit transposition (IEC 62055-41 6.4) and the 20-digit decimal token (IEC 62055-51).
// token66 = (enc bit28 << 65) | (enc bit27 << 64) | enc with bit28 := class>>1, bit27 := class&1.
import { MASK64 } from './bits.ts';
import { StsFormatError } from './errors.ts';

export const TOKEN66_LIMIT = 1n << 66n; // values >= 2^66 are not tokens

const B27 = 1n << 27n;
const B28 = 1n << 28n;

export function insertClass(encrypted: bigint, tokenClass: number): bigint {
  const b28 = (encrypted >> 28n) & 1n;
  const b27 = (encrypted >> 27n) & 1n;
  const body = (encrypted & ~(B27 | B28) & MASK64) | (BigInt((tokenClass >> 1) & 1) << 28n) | (BigInt(tokenClass & 1) << 27n);
  return (b28 << 65n) | (b27 << 64n) | body;
}

/** Splits a 66-bit token into its class and the encrypted 64-bit block (bits 64/65 put back at 28/27). */
export function extractClass(token66: bigint): { tokenClass: number; block: bigint } {
  const tokenClass = Number((token66 >> 27n) & 3n);
  const b65 = (token66 >> 65n) & 1n;
  const b64 = (token66 >> 64n) & 1n;
  const block = (token66 & MASK64 & ~(B27 | B28)) | (b65 << 28n) | (b64 << 27n);
  return { tokenClass, block };
}

export function token66ToDigits(token66: bigint): string {
  if (token66 < 0n || token66 >= TOKEN66_LIMIT) throw new StsFormatError('token value must be below 2^66');
  return token66.toString().padStart(20, '0');
}

/** Strict: exactly 20 ASCII digits (spaces and dashes between groups allowed), value < 2^66. */
export function parseTokenDigits(input: string): bigint {
  const s = String(input).replace(/[\s-]/g, '');
  if (!/^\d{20}$/.test(s)) throw new StsFormatError('a token is exactly 20 decimal digits', 'token');
  const v = BigInt(s);
  if (v >= TOKEN66_LIMIT) throw new StsFormatError('token value is 2^66 or more (above 73786976294838206463)', 'token');
  return v;
}

/** Formats a token as groups of 4 digits: "2371 6100 5011 8319 4197". */
export function formatToken(digits: string, separator = ' '): string {
  const s = String(digits).replace(/[\s-]/g, '');
  return s.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
}
