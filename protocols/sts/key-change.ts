// Key change (class 2, subclasses 3, 4, 8, 9): the fields that carry a new decoder key. Its own file because
// both the vending side (vend.ts) and the key store (keystore.ts) build them.
import { bytesToBigInt } from './bits.ts';
import type { KeyType } from './dkga.ts';
import { StsKeyError } from './errors.ts';
import type { TokenFields } from './token-data.ts';

/** The key-material fields a key change carries about the new key. */
export interface NewKeyInfo {
  keyType: KeyType;
  krn: number;
  ti: number;
  /** Supply group code (6 digits); carried by sections 3 and 4 (128-bit keys) only. */
  sgc: string;
  /** Key expiry number 0..255 (255: never expires). */
  ken: number;
  /** TID roll-over: the meter clears its TID memory. */
  rollover: boolean;
}

/**
 * Key change token fields in section order 1, 2[, 3, 4]: two sections for a 64-bit new key,
 * four for a 128-bit one (new key = NKHO || NKMO2 || NKMO1 || NKLO).
 */
export function keyChangeFields(newKey: Uint8Array, info: NewKeyInfo): TokenFields[] {
  if (newKey.length !== 8 && newKey.length !== 16) throw new StsKeyError('a new decoder key is 64 or 128 bits');
  const k = bytesToBigInt(newKey);
  const bits = BigInt(newKey.length * 8);
  const word = (i: number): number => Number((k >> (bits - 32n * BigInt(i + 1))) & 0xffffffffn);
  const s1: TokenFields = { type: 'keyChange1', kenho: info.ken >> 4, krn: info.krn, ro: info.rollover ? 1 : 0, res: 0, kt: info.keyType, nkho: word(0) };
  if (newKey.length === 8) return [s1, { type: 'keyChange2', kenlo: info.ken & 15, ti: info.ti, nklo: word(1) }];
  const sgc = Number(info.sgc);
  return [
    s1,
    { type: 'keyChange2', kenlo: info.ken & 15, ti: info.ti, nklo: word(3) },
    { type: 'keyChange3', sgcLo: sgc & 0xfff, nkmo2: word(1) },
    { type: 'keyChange4', sgcHi: (sgc >> 12) & 0xfff, nkmo1: word(2) },
  ];
}
