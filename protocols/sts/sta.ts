// STA, the Standard Transfer Algorithm (EA07, IEC 62055-41 6.5.4): a 16-round substitution-permutation
// network on 64 bits with two 4-bit S-boxes chosen per nibble by key bits and one 64-bit permutation.
//   encrypt: k = ROR64(NOT K, 12); 16 x { nibble n -> (bit(k,4n+3) ? S2 : S1); out bit P[i] = in bit i; k = ROL64(k,1) }
//   decrypt: the exact inverse (rounds in reverse order).
// Two table sets exist: the IEC sample tables (worked example only) and the real tables (Appendix A of NOTES.md).
import { MASK64, join64, rol64, ror64, split64 } from './bits.ts';

export interface StaTables {
  s1: readonly number[]; // 16 entries
  s2: readonly number[]; // 16 entries
  p: readonly number[]; // 64 entries: input bit i goes to output bit p[i] (bit 0 = LSB)
}

export const STA_REAL_TABLES: StaTables = {
  s1: [14, 10, 7, 9, 12, 3, 2, 5, 13, 0, 15, 1, 4, 8, 6, 11],
  s2: [12, 8, 2, 13, 7, 6, 1, 3, 11, 5, 9, 15, 0, 4, 10, 14],
  p: [55, 42, 10, 18, 24, 21, 44, 35, 2, 22, 56, 43, 27, 58, 9, 50, 6, 36, 12, 61, 37, 38, 53, 16, 62, 3, 7, 4, 32, 20, 63, 25,
    51, 52, 54, 33, 49, 19, 46, 29, 48, 31, 23, 30, 41, 28, 13, 5, 40, 60, 39, 11, 15, 17, 1, 0, 57, 34, 59, 8, 47, 14, 45, 26],
};

export const STA_SAMPLE_TABLES: StaTables = {
  s1: [12, 10, 8, 4, 3, 15, 0, 2, 14, 1, 5, 13, 6, 9, 7, 11],
  s2: [6, 9, 7, 4, 3, 10, 12, 14, 2, 13, 1, 15, 0, 11, 8, 5],
  p: [29, 27, 34, 9, 16, 62, 55, 2, 40, 49, 38, 25, 33, 61, 30, 23, 1, 41, 21, 57, 42, 15, 5, 58, 19, 53, 22, 17, 48, 28, 24, 39,
    3, 60, 36, 14, 11, 52, 54, 12, 31, 51, 10, 26, 0, 45, 37, 43, 44, 6, 59, 4, 7, 35, 56, 50, 13, 18, 32, 47, 46, 63, 20, 8],
};

function inverse(t: readonly number[]): number[] {
  const inv = new Array<number>(t.length);
  t.forEach((v, i) => { inv[v] = i; });
  return inv;
}

/** Precomputed lookup tables for one table set. */
interface StaEngine {
  /** enc[((pos*4 + sel)*256 + byte)*2 + {0:hi,1:lo}]: S then P of one input byte (sel: bit0 low nibble S2, bit1 high nibble S2). */
  enc: Uint32Array;
  /** inverse permutation by input byte position. */
  invP: Uint32Array;
  /** invS[sel*256 + byte]: inverse substitution of a byte. */
  invS: Uint8Array;
}

function buildPermTable(map: readonly number[], sub?: (pos: number, b: number, sel: number) => number, sels = 1): Uint32Array {
  const t = new Uint32Array(8 * sels * 256 * 2);
  for (let pos = 0; pos < 8; pos++) {
    for (let sel = 0; sel < sels; sel++) {
      for (let b = 0; b < 256; b++) {
        const v = sub ? sub(pos, b, sel) : b;
        let hi = 0, lo = 0;
        for (let j = 0; j < 8; j++) {
          if (!((v >> j) & 1)) continue;
          const dst = map[pos * 8 + j]!;
          if (dst >= 32) hi |= 1 << (dst - 32);
          else lo |= 1 << dst;
        }
        const k = ((pos * sels + sel) * 256 + b) * 2;
        t[k] = hi >>> 0;
        t[k + 1] = lo >>> 0;
      }
    }
  }
  return t;
}

function buildEngine(tables: StaTables): StaEngine {
  const { s1, s2, p } = tables;
  if (s1.length !== 16 || s2.length !== 16 || p.length !== 64) throw new RangeError('STA tables: S-boxes need 16 entries, P needs 64');
  if (new Set(s1).size !== 16 || new Set(s2).size !== 16 || new Set(p).size !== 64) throw new RangeError('STA tables must be permutations');
  const subByte = (b: number, sel: number, a: readonly number[], c: readonly number[]): number =>
    ((sel & 2 ? c : a)[b >> 4]! << 4) | (sel & 1 ? c : a)[b & 15]!;
  const enc = buildPermTable(p, (_pos, b, sel) => subByte(b, sel, s1, s2), 4);
  const invP = buildPermTable(inverse(p));
  const is1 = inverse(s1), is2 = inverse(s2);
  const invS = new Uint8Array(4 * 256);
  for (let sel = 0; sel < 4; sel++) for (let b = 0; b < 256; b++) invS[sel * 256 + b] = subByte(b, sel, is1, is2);
  return { enc, invP, invS };
}

/** Per-key schedule: sel[round*8 + bytePos] (2 bits: which S-box each nibble of that byte uses). */
/** The encryption key register before round 1: ROR64(NOT K, 12). */
export function staEncryptionKey(key: bigint): bigint {
  return ror64(~key & MASK64, 12);
}

function keySchedule(key: bigint): Uint8Array {
  let k = staEncryptionKey(key);
  const sel = new Uint8Array(16 * 8);
  for (let r = 0; r < 16; r++) {
    for (let pos = 0; pos < 8; pos++) {
      const lowNib = Number((k >> BigInt(8 * pos + 3)) & 1n);
      const highNib = Number((k >> BigInt(8 * pos + 7)) & 1n);
      sel[r * 8 + pos] = lowNib | (highNib << 1);
    }
    k = rol64(k, 1);
  }
  return sel;
}

export interface BlockCipher {
  encrypt(block: bigint): bigint;
  decrypt(block: bigint): bigint;
}

const engines = new WeakMap<StaTables, StaEngine>();

/** An STA cipher bound to a 64-bit decoder key (big-endian integer) and a table set. */
export function staCipher(key: bigint, tables: StaTables = STA_REAL_TABLES): BlockCipher {
  let eng = engines.get(tables);
  if (!eng) {
    eng = buildEngine(tables);
    engines.set(tables, eng);
  }
  const { enc, invP, invS } = eng;
  const sel = keySchedule(key & MASK64);
  return {
    encrypt(block: bigint): bigint {
      let [hi, lo] = split64(block);
      for (let r = 0; r < 16; r++) {
        let nh = 0, nl = 0;
        for (let pos = 0; pos < 8; pos++) {
          const b = pos < 4 ? (lo >>> (8 * pos)) & 0xff : (hi >>> (8 * (pos - 4))) & 0xff;
          const k = ((pos * 4 + sel[r * 8 + pos]!) * 256 + b) * 2;
          nh |= enc[k]!;
          nl |= enc[k + 1]!;
        }
        hi = nh >>> 0;
        lo = nl >>> 0;
      }
      return join64(hi, lo);
    },
    decrypt(block: bigint): bigint {
      let [hi, lo] = split64(block);
      for (let r = 15; r >= 0; r--) {
        let nh = 0, nl = 0;
        for (let pos = 0; pos < 8; pos++) {
          const b = pos < 4 ? (lo >>> (8 * pos)) & 0xff : (hi >>> (8 * (pos - 4))) & 0xff;
          nh |= invP[b * 2 + pos * 512]!;
          nl |= invP[b * 2 + pos * 512 + 1]!;
        }
        hi = 0;
        lo = 0;
        for (let pos = 0; pos < 8; pos++) {
          const b = pos < 4 ? (nl >>> (8 * pos)) & 0xff : (nh >>> (8 * (pos - 4))) & 0xff;
          const s = invS[sel[r * 8 + pos]! * 256 + b]!;
          if (pos < 4) lo |= s << (8 * pos);
          else hi |= s << (8 * (pos - 4));
        }
        hi >>>= 0;
        lo >>>= 0;
      }
      return join64(hi, lo);
    },
  };
}
