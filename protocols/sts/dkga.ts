// Decoder key generation algorithms (IEC 62055-41 6.5.3): DKGA02 (DES) and DKGA04 (HMAC-SHA-256).
// Only the key store calls these with a vending key; the rest of the product sees decoder keys at most.
import { createHmac } from 'node:crypto';
import { bigIntToBytes, bytesToBigInt } from './bits.ts';
import { EA_CODES, keyBytesFor } from './ciphers.ts';
import type { Ea } from './ciphers.ts';
import { desEncrypt } from './des.ts';
import { StsKeyError, StsRangeError, StsUnsupportedError } from './errors.ts';
import { controlBlock, luhnCheckDigit, panBlock, parseMeterNumber } from './meter-number.ts';
import type { MeterNumber } from './meter-number.ts';
import type { BaseDate } from './tid.ts';
import { assertBaseDate } from './tid.ts';

export type Dkga = '02' | '04';
/** 0 DITK (initialisation), 1 DDTK (default), 2 DUTK (unique), 3 DCTK (common). */
export type KeyType = 0 | 1 | 2 | 3;
export const KEY_TYPE_NAMES: Record<KeyType, string> = { 0: 'DITK (initialisation)', 1: 'DDTK (default)', 2: 'DUTK (unique)', 3: 'DCTK (common)' };

/** Everything that identifies one decoder key apart from the vending key itself. */
export interface DecoderKeyParams {
  dkga: Dkga;
  ea: Ea;
  meter: MeterNumber;
  keyType: KeyType;
  /** Supply group code, 6 digits. */
  sgc: string;
  /** Tariff index 0..99. */
  ti: number;
  /** Key revision number 1..15 (1..9 in practice). */
  krn: number;
  /** Base date of the vending key (part of the DKGA04 input; DKGA02 keeps it beside the key). */
  baseDate: BaseDate;
}

export function parseDkga(x: unknown): Dkga {
  const s = String(x).trim().padStart(2, '0');
  if (s === '02' || s === '04') return s;
  if (s === '01' || s === '03') throw new StsUnsupportedError(`DKGA${s} is not supported (DKGA01 is undocumented legacy, DKGA03 deprecated); use 02 or 04`, 'dkga');
  throw new StsRangeError('dkga must be "02" or "04"', 'dkga');
}

export function assertKeyType(x: unknown, fieldName = 'keyType'): KeyType {
  const n = typeof x === 'string' && /^[0-3]$/.test(x.trim()) ? Number(x) : x;
  if (n === 0 || n === 1 || n === 2 || n === 3) return n;
  throw new StsRangeError(`${fieldName} must be 0 (DITK), 1 (DDTK), 2 (DUTK) or 3 (DCTK)`, fieldName);
}

export function assertSgc(x: unknown, fieldName = 'sgc'): string {
  const s = typeof x === 'number' ? String(x).padStart(6, '0') : String(x);
  if (!/^\d{6}$/.test(s)) throw new StsRangeError(`${fieldName} must be 6 digits`, fieldName);
  return s;
}

export function assertTi(x: unknown, fieldName = 'ti'): number {
  const n = typeof x === 'string' && /^\d{1,2}$/.test(x) ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 99) throw new StsRangeError(`${fieldName} must be 0..99`, fieldName);
  return n;
}

export function assertKrn(x: unknown, fieldName = 'krn'): number {
  const n = typeof x === 'string' && /^\d{1,2}$/.test(x) ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 15) throw new StsRangeError(`${fieldName} must be 1..15 (one hex digit)`, fieldName);
  return n;
}

/** Validates and normalises key parameters given loosely (e.g. from JSON). */
export function makeDecoderKeyParams(p: {
  dkga: unknown; ea: Ea; meter: MeterNumber | string; keyType: unknown; sgc: unknown; ti: unknown; krn: unknown; baseDate: unknown; validateMeterNumber?: boolean;
}): DecoderKeyParams {
  const meter = typeof p.meter === 'string' ? parseMeterNumber(p.meter, { validate: p.validateMeterNumber !== false }) : p.meter;
  const dkga = parseDkga(p.dkga);
  if (dkga === '02' && p.ea === 'MISTY1') throw new StsUnsupportedError('MISTY1 needs a 128-bit decoder key: use DKGA04', 'dkga');
  return {
    dkga, ea: p.ea, meter, keyType: assertKeyType(p.keyType), sgc: assertSgc(p.sgc), ti: assertTi(p.ti), krn: assertKrn(p.krn), baseDate: assertBaseDate(p.baseDate),
  };
}

/** DKGA02: X = PANBlock xor CONTROLBlock; DK = DES(VK, X) xor X xor VK. */
export function dkga02(vendingKey: Uint8Array, p: DecoderKeyParams): Uint8Array {
  if (vendingKey.length !== 8) throw new StsKeyError('DKGA02 needs a 64-bit vending key');
  const vk = bytesToBigInt(vendingKey);
  const x = BigInt('0x' + panBlock(p.meter.iin, p.meter.drn, p.keyType)) ^ BigInt('0x' + controlBlock(p.keyType, p.sgc, p.ti, p.krn));
  return bigIntToBytes(desEncrypt(vk, x) ^ x ^ vk, 8);
}

/** The DKGA04 HMAC input (label || 0x00 || context || L), exposed for tests. */
export function dkga04Data(p: DecoderKeyParams): Uint8Array {
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  const item = (s: string): number[] => [s.length, ...ascii(s)];
  const bd = String(p.baseDate).slice(2);
  const pan = p.meter.iin + p.meter.drn + String(luhnCheckDigit(p.meter.iin + p.meter.drn));
  const bits = keyBytesFor(p.ea) * 8;
  return new Uint8Array([
    0x04, ...item('04'), ...item(bd), ...item(EA_CODES[p.ea]), ...item(String(p.ti).padStart(2, '0')),
    0x00,
    0x04, ...item(p.sgc), ...item(p.keyType.toString(16).toUpperCase()), ...item(p.krn.toString(16).toUpperCase()), ...item(pan),
    0, 0, 0, bits,
  ]);
}

/** DKGA04: DK = first 64 or 128 bits of HMAC-SHA-256(VK, data). */
export function dkga04(vendingKey: Uint8Array, p: DecoderKeyParams): Uint8Array {
  if (vendingKey.length !== 20) throw new StsKeyError('DKGA04 needs a 160-bit vending key');
  const mac = createHmac('sha256', vendingKey).update(dkga04Data(p)).digest();
  return new Uint8Array(mac.subarray(0, keyBytesFor(p.ea)));
}

export function deriveDecoderKey(vendingKey: Uint8Array, p: DecoderKeyParams): Uint8Array {
  return p.dkga === '02' ? dkga02(vendingKey, p) : dkga04(vendingKey, p);
}

