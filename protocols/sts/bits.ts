// Bit and byte helpers for 64/66-bit values (BigInt) and 32-bit halves (numbers).
import { StsFormatError } from './errors.ts';

export const MASK64 = (1n << 64n) - 1n;
export const MASK66 = (1n << 66n) - 1n;

export function rol64(x: bigint, n: number): bigint {
  const s = BigInt(((n % 64) + 64) % 64);
  return ((x << s) | (x >> (64n - s))) & MASK64;
}

export function ror64(x: bigint, n: number): bigint {
  return rol64(x, 64 - (((n % 64) + 64) % 64));
}

/** Reads `width` bits starting at bit `pos` (bit 0 = LSB). */
export function getBits(x: bigint, pos: number, width: number): number {
  return Number((x >> BigInt(pos)) & ((1n << BigInt(width)) - 1n));
}

/** Places `value` (width bits) at bit `pos`; throws if it does not fit. */
export function field(value: number | bigint, pos: number, width: number): bigint {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(width)) throw new RangeError(`value ${v} does not fit in ${width} bits`);
  return v << BigInt(pos);
}

export function isHex(s: string): boolean {
  return /^[0-9a-fA-F]*$/.test(s) && s.length % 2 === 0;
}

export function hexToBytes(hex: string, what = 'hex value'): Uint8Array {
  const h = hex.replace(/\s+/g, '');
  if (!isHex(h)) throw new StsFormatError(`${what} is not an even-length hexadecimal string`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Big-endian bytes to an unsigned BigInt. */
export function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Unsigned BigInt to `len` big-endian bytes. */
export function bigIntToBytes(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = v;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export function hex64(v: bigint): string {
  return v.toString(16).padStart(16, '0');
}

/** Splits a 64-bit value into [hi32, lo32] unsigned numbers. */
export function split64(v: bigint): [number, number] {
  return [Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)];
}

export function join64(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
