// Every vector of test/fixtures/sts/vectors.json, reproduced through the library.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bits.ts';
import { StsBatchSession } from './batch.ts';
import { createCipher } from './ciphers.ts';
import { stsCrc } from './crc.ts';
import { decodeWithKey } from './decoder.ts';
import { controlBlock, luhnCheckDigit, panBlock } from './meter-number.ts';
import { deriveDecoderKey, makeDecoderKeyParams } from './dkga.ts';
import { desEncrypt } from './des.ts';
import { misty1EncryptBlock, misty1KeySchedule } from './misty1.ts';
import { STA_REAL_TABLES, STA_SAMPLE_TABLES, staCipher, staEncryptionKey } from './sta.ts';
import { tidFromDate } from './tid.ts';
import { extractClass, insertClass, parseTokenDigits, token66ToDigits } from './transposition.ts';
import { encodeToken, keyChangeFields, requestToFields } from './vend.ts';
import type { VendRequest } from './vend.ts';
import { VEND_KINDS, decodeLine, hasInvalidMeterNumber, keyOf, vendLine } from './vector-cases.ts';
import type { Vector } from './vector-cases.ts';

const VECTORS_URL = new URL('../../test/fixtures/sts/vectors.json', import.meta.url);

function loadVectors(): { sts_vectors: Vector[]; primitive_vectors: Vector[] & { inputs: unknown }[] } {
  let text: string;
  try {
    text = readFileSync(VECTORS_URL, 'utf8');
  } catch (e) {
    throw new Error(`STS vectors missing at ${VECTORS_URL.pathname}: ${(e as Error).message}`);
  }
  return JSON.parse(text);
}

// Loaded at collection time: a missing file fails the whole suite instead of skipping it.
const data = loadVectors();
const sts = data.sts_vectors;
/* eslint-disable @typescript-eslint/no-explicit-any */
const prim = data.primitive_vectors as any[];

describe('vectors.json', () => {
  it('holds the public STS share (190 STS vectors, 11 primitive vectors)', () => {
    expect(sts.length).toBe(190);
    expect(prim.length).toBe(11);
  });
});

/** The decoder key of a vector's key object, derived straight through DKGA (not the batch code). */
function decoderKeyOf(key: any): Uint8Array {
  if (!key.dkga) return hexToBytes(key.decoder_key_hex);
  const p = makeDecoderKeyParams({
    dkga: key.dkga, ea: key.ea, meter: key.meter_pan, keyType: key.key_type, sgc: key.sgc, ti: key.ti, krn: key.krn, baseDate: key.base_date,
    validateMeterNumber: !hasInvalidMeterNumber(key),
  });
  return deriveDecoderKey(hexToBytes(key.vending_key_hex), p);
}

describe('STS vectors through the batch engine (the `raseed sts` request formats)', () => {
  const session = new StsBatchSession();
  const vend = sts.filter((v) => VEND_KINDS.includes(v.kind));
  it.each(vend.map((v) => [v.id, v] as const))('vend %s', async (_id, v) => {
    const { line, index } = vendLine(v);
    const r = (await session.line('vend', JSON.stringify(line))) as { tokens?: string[]; error?: unknown };
    expect(r.error).toBeUndefined();
    expect(r.tokens![index]).toBe(v.expected.token);
  });
  const dec = sts.filter((v) => v.kind === 'decode');
  it.each(dec.map((v) => [v.id, v] as const))('decode %s', async (_id, v) => {
    const { line, expect: want } = decodeLine(v);
    const r = (await session.line('decode', JSON.stringify(line))) as Record<string, unknown>;
    expect(r).toMatchObject(want);
  });
});

describe('STS vectors through the low-level library (fields -> block -> cipher -> token, and back)', () => {
  const vend = sts.filter((v) => VEND_KINDS.includes(v.kind));
  it.each(vend.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const { line, index } = vendLine(v);
    const req = line.token as VendRequest & { newKey?: unknown; ken?: number; rollover?: boolean };
    if (v.kind === 'kct') {
      const oldKey = decoderKeyOf(v.key);
      const newKey = decoderKeyOf(v.new_key);
      const fields = keyChangeFields(newKey, {
        keyType: v.new_key.key_type, krn: v.new_key.krn, ti: Number(v.new_key.ti), sgc: v.new_key.sgc, ken: req.ken!, rollover: req.rollover!,
      });
      const token = encodeToken(fields[index]!, createCipher(v.key.ea, oldKey));
      expect(token).toBe(v.expected.token);
      // The meter side reads back the same section.
      const back = decodeWithKey(token, { ea: v.key.ea, decoderKey: oldKey });
      expect(back.result).toBe('accept');
      expect(back.keyChange?.section).toBe(index + 1);
      return;
    }
    const fields = requestToFields(req, { baseDate: v.token.tid_base_date ?? 1993 });
    if (v.kind === 'class1') {
      expect(encodeToken(fields, null)).toBe(v.expected.token);
      const back = decodeWithKey(v.expected.token, { ea: 'STA', decoderKey: '0000000000000000' });
      expect(back.result).toBe('accept');
      expect(back.token).toMatchObject({ class: 1, subclass: v.token.subclass, mfrCode: v.token.mfr_code, control: String(v.token.control) });
      return;
    }
    const dk = decoderKeyOf(v.key);
    expect(encodeToken(fields, createCipher(v.key.ea, dk))).toBe(v.expected.token);
    // Decoding the expected token gives the vector's fields back.
    const back = decodeWithKey(v.expected.token, { ea: v.key.ea, decoderKey: dk, baseDate: v.token.tid_base_date ?? 1993 });
    expect(back.result).toBe('accept');
    expect(back.token?.class).toBe(v.token.class);
    expect(back.token?.subclass).toBe(v.token.subclass);
    expect(back.tid).toBe(v.token.tid ?? tidFromDate(v.token.issued_at_local, v.token.tid_base_date));
    if (v.token.rnd !== undefined) expect(back.token?.rnd).toBe(v.token.rnd);
    if (v.kind === 'credit') expect(BigInt(back.token!.tenths!)).toBeGreaterThanOrEqual(BigInt(Math.round(Number(v.token.amount_units) * 10)));
    if (v.kind === 'clear_credit') expect(back.token?.register).toBe(v.token.register);
    if (v.kind === 'mpl') expect(back.token?.watts).toBeGreaterThanOrEqual(v.token.mpl_watts);
    if (v.kind === 'mppul') expect(back.token?.watts).toBeGreaterThanOrEqual(v.token.mppul_watts);
  });

  it('the one vector with an invalid meter number (DART README sample) is refused unless validation is off', async () => {
    const bad = sts.filter((v) => v.key?.meter_pan && hasInvalidMeterNumber(v.key));
    expect(bad.map((v) => v.id)).toEqual(['nectar_sts_dart/README/vending.json-sample']);
    const { line } = vendLine(bad[0]!);
    const strict = { ...line, key: keyOf(bad[0]!.key, { validate: true }) };
    delete (strict.key as Record<string, unknown>).validate;
    const r = (await new StsBatchSession().line('vend', JSON.stringify(strict))) as { error?: { code: string; message: string } };
    expect(r.error?.code).toBe('meter_number');
    expect(r.error?.message).toMatch(/check digit is 2, expected 4/);
  });
});

describe('STS vectors of other kinds (STA known answers, CRC)', () => {
  for (const v of sts.filter((x) => x.kind === 'sta_raw')) {
    it(`STA raw ${v.id}`, () => {
      const c = staCipher(BigInt('0x' + v.inputs.key_hex), STA_REAL_TABLES);
      expect(c.encrypt(BigInt('0x' + v.inputs.block_hex)).toString(16).padStart(16, '0')).toBe(v.expected.cipher_hex.toLowerCase());
      expect(c.decrypt(BigInt('0x' + v.expected.cipher_hex))).toBe(BigInt('0x' + v.inputs.block_hex));
      // The block is NOT(PANBlock xor CB) per the vector's provenance note.
      const pb = BigInt('0x' + panBlock('600727', v.inputs.meter_number, 2));
      expect(~(pb ^ BigInt('0x' + v.inputs.cb_hex)) & ((1n << 64n) - 1n)).toBe(BigInt('0x' + v.inputs.block_hex));
    });
  }
  for (const v of sts.filter((x) => x.kind === 'sta_sample_example')) {
    it(`STA sample tables ${v.id}`, () => {
      const enc = staCipher(BigInt('0x' + v.inputs.decoder_key_hex), STA_SAMPLE_TABLES).encrypt(BigInt('0x' + v.inputs.block_hex));
      const t66 = insertClass(enc, 0);
      expect(t66.toString(16)).toBe(v.expected.token66_hex.toLowerCase());
      expect(token66ToDigits(t66)).toBe(v.expected.token);
    });
  }
  for (const v of sts.filter((x) => x.kind === 'crc')) {
    it(`CRC ${v.id}`, () => {
      const i = v.inputs;
      const fifty = (BigInt(i.class) << 48n) | (BigInt(i.subclass) << 44n) | (BigInt(i.rnd) << 40n) | (BigInt(i.tid) << 16n) | BigInt(i.amount_field);
      expect(stsCrc(fifty).toString(16).toUpperCase().padStart(4, '0')).toBe(v.expected.crc_hex);
      expect(tidFromDate(v.expected.tid_datetime_utc_naive, 1993)).toBe(i.tid);
    });
  }
  it('covers every STS vector kind', () => {
    const known = new Set([...VEND_KINDS, 'decode', 'sta_raw', 'sta_sample_example', 'crc']);
    expect(sts.filter((v) => !known.has(v.kind)).map((v) => v.id)).toEqual([]);
  });
});

describe('primitive vectors', () => {
  const byId = new Map(prim.map((p) => [p.id, p]));
  const get = (id: string): any => {
    const p = byId.get(id);
    if (!p) throw new Error(`primitive vector ${id} missing`);
    return p;
  };
  it('DES FIPS 46 worked example', () => {
    const p = get('DES/FIPS-46-worked-example');
    expect(desEncrypt(BigInt('0x' + p.inputs.key_hex), BigInt('0x' + p.inputs.plain_hex)).toString(16).toUpperCase()).toBe(p.expected.cipher_hex);
  });
  it.each(['MISTY1/RFC2994-1', 'MISTY1/RFC2994-2'])('%s', (id) => {
    const p = get(id);
    const c = misty1EncryptBlock(BigInt('0x' + p.inputs.plain_hex), misty1KeySchedule(hexToBytes(p.inputs.key_hex)));
    expect(c.toString(16).padStart(16, '0')).toBe(p.expected.cipher_hex);
  });
  it('IEC worked example CRC', () => {
    const p = get('IEC62055-41/worked-example/CRC');
    expect(stsCrc(BigInt('0x' + p.inputs.fifty_bits_hex)).toString(16).toUpperCase()).toBe(p.expected.crc_hex);
  });
  it('kf CRC-2 (7 bytes)', () => {
    const p = get('kf_sts_token/CRC-2');
    expect(stsCrc(BigInt('0x' + p.inputs.bytes7_hex)).toString(16).toUpperCase().padStart(4, '0')).toBe(p.expected.crc_hex);
  });
  it('IEC worked example TID', () => {
    const p = get('IEC62055-41/worked-example/TID');
    expect(tidFromDate(p.inputs.issued, p.inputs.base_date).toString(16).toUpperCase()).toBe(p.expected.tid_hex);
  });
  it.each([
    ['IEC62055-41/worked-example/STA-sample-tables', STA_SAMPLE_TABLES],
    ['IEC62055-41/worked-example/STA-real-tables', STA_REAL_TABLES],
  ] as const)('%s', (id, tables) => {
    const p = get(id);
    const c = staCipher(BigInt('0x' + p.inputs.decoder_key_hex), tables);
    const token = token66ToDigits(insertClass(c.encrypt(BigInt('0x' + p.inputs.data_block_hex)), p.inputs.class));
    expect(token).toBe(p.expected.token);
    const { tokenClass, block } = extractClass(parseTokenDigits(token));
    expect(tokenClass).toBe(0);
    expect(c.decrypt(block)).toBe(BigInt('0x' + p.inputs.data_block_hex));
  });
  it('STA key register: complement, rotate right 12', () => {
    const p = get('Nectar/DecoderKeyTest/complement+rotr12');
    const le = (bytes: number[]): bigint => BigInt('0x' + bytesToHex(Uint8Array.from(bytes.map((b) => b & 0xff)).reverse()));
    expect(le(p.inputs.decoder_key_bytes_nectar_order)).toBe(BigInt('0x' + p.inputs.as_standard_hex));
    expect(staEncryptionKey(BigInt('0x' + p.inputs.as_standard_hex))).toBe(le(p.expected.rotated_right_12_bytes));
    expect(staEncryptionKey(BigInt('0x' + p.inputs.as_standard_hex))).toBe(0x876f543ed210cba9n);
  });
  it('Luhn', () => {
    const p = get('Luhn/NectarLuhnAlgorithmTest');
    expect(p.inputs.values.map((s: string) => luhnCheckDigit(s))).toEqual(p.expected.check_digits);
  });
  it('PANBlock and CONTROLBlock', () => {
    const p = get('PANBlock/ControlBlock examples');
    const got = p.inputs.map((i: any) => (i.control
      ? controlBlock(i.control.kt, i.control.sgc, Number(i.control.ti), i.control.krn)
      : panBlock(i.iin, i.iain, i.kt)));
    expect(got).toEqual(p.expected);
  });
  it('covers all 11 primitive vectors', () => {
    expect([...byId.keys()].sort()).toEqual([
      'DES/FIPS-46-worked-example', 'IEC62055-41/worked-example/CRC', 'IEC62055-41/worked-example/STA-real-tables', 'IEC62055-41/worked-example/STA-sample-tables',
      'IEC62055-41/worked-example/TID', 'Luhn/NectarLuhnAlgorithmTest', 'MISTY1/RFC2994-1', 'MISTY1/RFC2994-2', 'Nectar/DecoderKeyTest/complement+rotr12',
      'PANBlock/ControlBlock examples', 'kf_sts_token/CRC-2',
    ].sort());
  });
});
