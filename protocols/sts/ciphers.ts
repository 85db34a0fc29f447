// Encryption algorithms by EA code: STA (07), DEA (09), MISTY1 (11).
import { bytesToBigInt, hexToBytes } from './bits.ts';
import { deaCipher } from './dea.ts';
import { StsKeyError, StsRangeError } from './errors.ts';
import { misty1DecryptBlock, misty1EncryptBlock, misty1KeySchedule } from './misty1.ts';
import { STA_REAL_TABLES, staCipher } from './sta.ts';
import type { BlockCipher, StaTables } from './sta.ts';

export type { BlockCipher } from './sta.ts';

export type Ea = 'STA' | 'DEA' | 'MISTY1';
export const EAS: readonly Ea[] = ['STA', 'DEA', 'MISTY1'];
export const EA_CODES: Record<Ea, string> = { STA: '07', DEA: '09', MISTY1: '11' };

/** Accepts "STA" | "DEA" | "MISTY1" (any case) or the EA codes "07" | "09" | "11" / 7 | 9 | 11. */
export function parseEa(x: unknown, fieldName = 'ea'): Ea {
  const s = String(x).trim().toUpperCase();
  if (s === 'STA' || s === '07' || s === '7' || s === 'EA07') return 'STA';
  if (s === 'DEA' || s === '09' || s === '9' || s === 'EA09' || s === 'DES') return 'DEA';
  if (s === 'MISTY1' || s === '11' || s === 'EA11') return 'MISTY1';
  throw new StsRangeError(`${fieldName} must be STA, DEA or MISTY1 (EA 07, 09, 11)`, fieldName);
}

/** Decoder key length in bytes for an EA: 8 (64-bit) for STA and DEA, 16 (128-bit) for MISTY1. */
export function keyBytesFor(ea: Ea): 8 | 16 {
  return ea === 'MISTY1' ? 16 : 8;
}

/** Normalises a decoder key (hex string or bytes) and checks its length for the EA. */
export function decoderKeyBytes(key: string | Uint8Array, ea: Ea): Uint8Array {
  const bytes = typeof key === 'string' ? hexToBytes(key, 'decoder key') : key;
  const want = keyBytesFor(ea);
  if (bytes.length !== want) throw new StsKeyError(`decoder key for ${ea} must be ${want * 8} bits (${want * 2} hex digits), got ${bytes.length * 8} bits`, 'decoderKey');
  return bytes;
}

export interface CipherOptions {
  /** STA tables (default: the real tables). The IEC sample tables exist only for the worked example. */
  staTables?: StaTables;
}

/** A block cipher for the 64-bit data block, bound to a decoder key. */
export function createCipher(ea: Ea, key: string | Uint8Array, opts: CipherOptions = {}): BlockCipher {
  const bytes = decoderKeyBytes(key, ea);
  switch (ea) {
    case 'STA':
      return staCipher(bytesToBigInt(bytes), opts.staTables ?? STA_REAL_TABLES);
    case 'DEA':
      return deaCipher(bytesToBigInt(bytes));
    case 'MISTY1': {
      const ek = misty1KeySchedule(bytes);
      return { encrypt: (b) => misty1EncryptBlock(b, ek), decrypt: (b) => misty1DecryptBlock(b, ek) };
    }
  }
}

