// DES (FIPS 46-3), single block ECB, own implementation (Node 20's OpenSSL 3 has no single DES).
// 32-bit halves and combined S-box/P tables; blocks and keys are 64-bit big-endian BigInts or 8 bytes.
import { join64, split64 } from './bits.ts';

const IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7];
const FP = [40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31, 38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27, 34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4];
const PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8, 4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13],
  [15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5, 0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9],
  [10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1, 13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12],
  [7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9, 10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14],
  [2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6, 4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3],
  [12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8, 9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13],
  [4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6, 1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12],
  [13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2, 7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11],
];

/** SP[i][v]: S-box i applied to 6-bit v, placed in its nibble and passed through P. */
const SP: Uint32Array[] = S.map((box, i) => {
  const t = new Uint32Array(64);
  for (let v = 0; v < 64; v++) {
    const row = ((v >> 4) & 2) | (v & 1);
    const col = (v >> 1) & 15;
    const s = box[row * 16 + col]! << (28 - 4 * i); // nibble i counted from the MSB
    let out = 0;
    for (let j = 0; j < 32; j++) if ((s >>> (32 - P[j]!)) & 1) out |= 1 << (31 - j);
    t[v] = out >>> 0;
  }
  return t;
});

/**
 * Byte-wise lookup tables for a 64->64 bit permutation given as 1-based MSB-first source positions.
 * table[pos*256+byte] = [hi, lo] contribution of that input byte.
 */
function permTables(perm: number[]): Uint32Array {
  const t = new Uint32Array(8 * 256 * 2);
  for (let pos = 0; pos < 8; pos++) {
    for (let b = 0; b < 256; b++) {
      let hi = 0, lo = 0;
      for (let j = 0; j < 64; j++) {
        const src = perm[j]! - 1; // 0-based from MSB
        if ((src >> 3) !== pos) continue;
        if ((b >> (7 - (src & 7))) & 1) {
          if (j < 32) hi |= 1 << (31 - j);
          else lo |= 1 << (63 - j);
        }
      }
      t[(pos * 256 + b) * 2] = hi >>> 0;
      t[(pos * 256 + b) * 2 + 1] = lo >>> 0;
    }
  }
  return t;
}
const IPT = permTables(IP);
const FPT = permTables(FP);

function permute(t: Uint32Array, hi: number, lo: number): [number, number] {
  let h = 0, l = 0;
  for (let pos = 0; pos < 8; pos++) {
    const b = pos < 4 ? (hi >>> (24 - 8 * pos)) & 0xff : (lo >>> (56 - 8 * pos)) & 0xff;
    const k = (pos * 256 + b) * 2;
    h |= t[k]!;
    l |= t[k + 1]!;
  }
  return [h >>> 0, l >>> 0];
}

/** Round keys: 16 rounds x 8 six-bit chunks. */
export type DesKeySchedule = Uint8Array;

export function desKeySchedule(key: bigint): DesKeySchedule {
  const bit = (pos1: number): number => Number((key >> BigInt(64 - pos1)) & 1n);
  let c = 0, d = 0;
  for (let i = 0; i < 28; i++) c = (c << 1) | bit(PC1[i]!);
  for (let i = 28; i < 56; i++) d = (d << 1) | bit(PC1[i]!);
  const ks = new Uint8Array(16 * 8);
  for (let r = 0; r < 16; r++) {
    const s = SHIFTS[r]!;
    c = ((c << s) | (c >>> (28 - s))) & 0x0fffffff;
    d = ((d << s) | (d >>> (28 - s))) & 0x0fffffff;
    const cdBit = (p1: number): number => (p1 <= 28 ? (c >>> (28 - p1)) & 1 : (d >>> (56 - p1)) & 1);
    for (let i = 0; i < 8; i++) {
      let v = 0;
      for (let j = 0; j < 6; j++) v = (v << 1) | cdBit(PC2[i * 6 + j]!);
      ks[r * 8 + i] = v;
    }
  }
  return ks;
}

function f(r: number, ks: DesKeySchedule, round: number): number {
  let out = 0;
  const base = round * 8;
  for (let i = 0; i < 8; i++) {
    // E expansion: the 6 bits of R at MSB-first positions 4i..4i+5 (position 0 = bit 32, wrapping).
    const sh = 27 - 4 * i;
    const rot = sh >= 0 ? ((r >>> sh) | (r << (32 - sh))) : ((r << -sh) | (r >>> (32 + sh)));
    out |= SP[i]![((rot & 0x3f) ^ ks[base + i]!) & 0x3f]!;
  }
  return out >>> 0;
}

function crypt(block: bigint, ks: DesKeySchedule, decrypt: boolean): bigint {
  const [h0, l0] = split64(block);
  let [l, r] = permute(IPT, h0, l0);
  for (let i = 0; i < 16; i++) {
    const t = (l ^ f(r, ks, decrypt ? 15 - i : i)) >>> 0;
    l = r;
    r = t;
  }
  const [h, lo] = permute(FPT, r, l);
  return join64(h, lo);
}

export function desEncryptBlock(block: bigint, ks: DesKeySchedule): bigint {
  return crypt(block, ks, false);
}

export function desDecryptBlock(block: bigint, ks: DesKeySchedule): bigint {
  return crypt(block, ks, true);
}

/** One-shot DES-ECB encryption of a 64-bit block under a 64-bit key. */
export function desEncrypt(key: bigint, block: bigint): bigint {
  return crypt(block, desKeySchedule(key), false);
}

export function desDecrypt(key: bigint, block: bigint): bigint {
  return crypt(block, desKeySchedule(key), true);
}
