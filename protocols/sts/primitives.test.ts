// Ciphers and primitives against published known answers and independent oracles.
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bytesToBigInt, hexToBytes } from './bits.ts';
import { createCipher } from './ciphers.ts';
import { crc16Modbus, stsCrc } from './crc.ts';
import { desDecrypt, desEncrypt } from './des.ts';
import { misty1DecryptBlock, misty1EncryptBlock, misty1KeySchedule } from './misty1.ts';
import { STA_REAL_TABLES, STA_SAMPLE_TABLES, staCipher } from './sta.ts';
import { extractClass, formatToken, insertClass, parseTokenDigits, token66ToDigits } from './transposition.ts';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('DES (FIPS 46-3)', () => {
  // Published known answers: FIPS 46 worked example, the "Now is t" example, and NBS/Rivest validation values.
  it.each([
    ['133457799BBCDFF1', '0123456789ABCDEF', '85E813540F0AB405'],
    ['0123456789ABCDEF', '4E6F772069732074', '3FA40E8A984D4815'],
    ['0000000000000000', '0000000000000000', '8CA64DE9C1B123A7'],
    ['FFFFFFFFFFFFFFFF', 'FFFFFFFFFFFFFFFF', '7359B2163E4EDC58'],
    ['3000000000000000', '1000000000000001', '958E6E627A05557B'],
    ['1111111111111111', '1111111111111111', 'F40379AB9E0EC533'],
    ['0123456789ABCDEF', '1111111111111111', '17668DFC7292532D'],
    ['FEDCBA9876543210', '0123456789ABCDEF', 'ED39D950FA74BCC4'],
  ])('key %s, plain %s -> %s', (k, p, c) => {
    const key = BigInt('0x' + k), plain = BigInt('0x' + p), cipher = BigInt('0x' + c);
    expect(desEncrypt(key, plain)).toBe(cipher);
    expect(desDecrypt(key, cipher)).toBe(plain);
  });

  it('equals OpenSSL 3DES-EDE with K1=K2=K3 (single DES) on random keys and blocks', () => {
    fc.assert(fc.property(u64, u64, (k, p) => {
      const kb = Buffer.from(bigIntToBytes(k, 8));
      const c = createCipheriv('des-ede3-ecb', Buffer.concat([kb, kb, kb]), null);
      c.setAutoPadding(false);
      const want = bytesToBigInt(Buffer.concat([c.update(Buffer.from(bigIntToBytes(p, 8))), c.final()]));
      expect(desEncrypt(k, p)).toBe(want);
      expect(desDecrypt(k, want)).toBe(p);
    }), { numRuns: 300 });
  });
});

describe('MISTY1 (RFC 2994)', () => {
  const ek = misty1KeySchedule(hexToBytes('00112233445566778899aabbccddeeff'));
  it.each([
    ['0123456789abcdef', '8b1da5f56ab3d07c'],
    ['fedcba9876543210', '04b68240b13be95d'],
  ])('%s -> %s', (p, c) => {
    expect(misty1EncryptBlock(BigInt('0x' + p), ek)).toBe(BigInt('0x' + c));
    expect(misty1DecryptBlock(BigInt('0x' + c), ek)).toBe(BigInt('0x' + p));
  });
  it('decrypt inverts encrypt for random keys and blocks', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), u64, (k, p) => {
      const s = misty1KeySchedule(k);
      expect(misty1DecryptBlock(misty1EncryptBlock(p, s), s)).toBe(p);
    }), { numRuns: 300 });
  });
});

describe('STA (EA07)', () => {
  it('IEC worked example: sample tables and real tables', () => {
    const block = 0x0b19eb230100c207n, key = 0x0abc12def3456789n;
    expect(insertClass(staCipher(key, STA_SAMPLE_TABLES).encrypt(block), 0)).toBe(0x2c45ed1618406df95n);
    expect(token66ToDigits(insertClass(staCipher(key, STA_REAL_TABLES).encrypt(block), 0))).toBe('29054347139309851356');
  });
  it('decrypt inverts encrypt for random keys and blocks (both table sets)', () => {
    fc.assert(fc.property(u64, u64, fc.boolean(), (k, p, sample) => {
      const c = staCipher(k, sample ? STA_SAMPLE_TABLES : STA_REAL_TABLES);
      expect(c.decrypt(c.encrypt(p))).toBe(p);
    }), { numRuns: 500 });
  });
  it('matches a straightforward bit-level reference implementation of NOTES.md §4.1 (decrypt as the meter does it)', () => {
    const { s1, s2, p: P } = STA_REAL_TABLES;
    const inv = (t: readonly number[]): number[] => { const r: number[] = []; t.forEach((v, i) => { r[v] = i; }); return r; };
    const is1 = inv(s1), is2 = inv(s2);
    const M = (1n << 64n) - 1n;
    const bit = (x: bigint, i: number): bigint => (x >> BigInt(i)) & 1n;
    const rol = (x: bigint, n: bigint): bigint => ((x << n) | (x >> (64n - n))) & M;
    const ror = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & M;
    const refEncrypt = (d0: bigint, K: bigint): bigint => {
      let d = d0, k = ror(~K & M, 12n);
      for (let r = 0; r < 16; r++) {
        let s = 0n;
        for (let n = 0; n < 16; n++) s |= BigInt((bit(k, 4 * n + 3) ? s2 : s1)[Number((d >> BigInt(4 * n)) & 15n)]!) << BigInt(4 * n);
        let o = 0n;
        for (let i = 0; i < 64; i++) o |= bit(s, i) << BigInt(P[i]!);
        d = o;
        k = rol(k, 1n);
      }
      return d;
    };
    const refDecrypt = (c0: bigint, K: bigint): bigint => {
      let c = c0, k = K;
      for (let r = 0; r < 16; r++) {
        let o = 0n;
        for (let i = 0; i < 64; i++) o |= bit(c, P[i]!) << BigInt(i);
        let s = 0n;
        for (let n = 0; n < 16; n++) s |= BigInt((bit(k, 4 * n) ? is1 : is2)[Number((o >> BigInt(4 * n)) & 15n)]!) << BigInt(4 * n);
        c = s;
        k = ror(k, 1n);
      }
      return c;
    };
    fc.assert(fc.property(u64, u64, (k, p) => {
      const c = staCipher(k);
      const e = c.encrypt(p);
      expect(e).toBe(refEncrypt(p, k));
      expect(refDecrypt(e, k)).toBe(p);
    }), { numRuns: 100 });
  });
});

describe('DEA (EA09)', () => {
  it('is single DES with the decoder key', () => {
    fc.assert(fc.property(u64, u64, (k, p) => {
      const c = createCipher('DEA', bigIntToBytes(k, 8));
      expect(c.encrypt(p)).toBe(desEncrypt(k, p));
      expect(c.decrypt(c.encrypt(p))).toBe(p);
    }), { numRuns: 100 });
  });
});

describe('CRC-16', () => {
  it('is CRC-16/MODBUS (check value 0x4B37 over "123456789")', () => {
    expect(crc16Modbus([...'123456789'].map((c) => c.charCodeAt(0)))).toBe(0x4b37);
  });
  it('known answers: IEC example, KF, STSA KEN page', () => {
    expect(stsCrc(0x0b19eb230100n)).toBe(0xc207);
    expect(stsCrc(0x00004a2d900ff2n)).toBe(0x0ffa);
    expect(stsCrc((5n << 40n) | (0xc02a55n << 16n) | 0x2710n)).toBe(0x1970);
  });
  it('CRC_C differs from CRC (0x01 appended)', () => {
    expect(stsCrc(0x0123456789abn, true)).not.toBe(stsCrc(0x0123456789abn, false));
    expect(stsCrc(0x0123456789abn, true)).toBe(((c) => ((c & 0xff) << 8) | (c >> 8))(crc16Modbus([0, 1, 0x23, 0x45, 0x67, 0x89, 0xab, 1])));
  });
});

describe('transposition and the 20-digit form', () => {
  it('class bits go to 27/28 and the displaced bits to 64/65, and back', () => {
    fc.assert(fc.property(u64, fc.integer({ min: 0, max: 3 }), (enc, cls) => {
      const t = insertClass(enc, cls);
      expect(t < 1n << 66n).toBe(true);
      expect(extractClass(t)).toEqual({ tokenClass: cls, block: enc });
      expect(parseTokenDigits(token66ToDigits(t))).toBe(t);
    }));
  });
  it('keeps leading zeros and rejects values >= 2^66', () => {
    expect(token66ToDigits(150997584n)).toBe('00000000000150997584');
    expect(parseTokenDigits('73786976294838206463')).toBe((1n << 66n) - 1n);
    expect(() => parseTokenDigits('73786976294838206464')).toThrow(/2\^66/);
    expect(() => parseTokenDigits('99999999999999999999')).toThrow(/2\^66/);
    expect(() => parseTokenDigits('1234')).toThrow(/20 decimal digits/);
    expect(() => parseTokenDigits('1234567890123456789x')).toThrow();
  });
  it('formats in groups of 4 and parses them back', () => {
    expect(formatToken('23716100501183194197')).toBe('2371 6100 5011 8319 4197');
    expect(formatToken('23716100501183194197', '-')).toBe('2371-6100-5011-8319-4197');
    expect(parseTokenDigits('2371 6100 5011 8319 4197')).toBe(23716100501183194197n);
  });
});
