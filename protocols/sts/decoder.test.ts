// The meter-side decoder: result codes, TID memory, key expiry, DDTK, key change sequencing and roll-over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenResult } from '../telemetry.ts';
import { hexToBytes } from './bits.ts';
import { createCipher } from './ciphers.ts';
import { createDecoderState, decodeToken } from './decoder.ts';
import type { DecoderState } from './decoder.ts';
import { deriveDecoderKey, makeDecoderKeyParams } from './dkga.ts';
import { MeterTokenDecoder } from './meter-decoder.ts';
import { encodeToken, vendKeyChangeWithDecoderKeys, vendWithDecoderKey } from './vend.ts';
import type { VendRequest } from './vend.ts';

const DK = 'e653341f9d5bf36f'; // 02 CTSA01 step 1 (NOTES.md §7)
const DK2 = '060b8643c59a27f1'; // same meter, TI 02
const fresh = (o: Partial<Parameters<typeof createDecoderState>[0]> = {}): DecoderState => createDecoderState({ ea: 'STA', decoderKey: DK, keyType: 2, ...o });
const credit = (tid: number, units = '1', key = DK, extra: Partial<VendRequest> = {}): string =>
  vendWithDecoderKey(key, 'STA', { type: 'credit', units, tid, rnd: 3, ...extra } as VendRequest).token;

describe('decoder result codes', () => {
  it('accepts the worked example and reports the credit in tenths, units and Wh', () => {
    const r = decodeToken(fresh(), '23716100501183194197');
    expect(r.result).toBe('accept');
    expect(r.tid).toBe(5871715);
    expect(r.credit).toEqual({ kind: 'units', subclass: 0, service: 'electricity', tenths: 1, units: '0.1', registerUnits: 100, registerUnit: 'Wh' });
    expect(r.token?.issuedAt).toBe('2004-03-01T13:55:00Z');
    expect(r.state.tidMemory).toEqual([5871715]);
  });

  it('USED: the same token twice', () => {
    const t = credit(1000);
    const a = decodeToken(fresh(), t);
    expect(a.result).toBe('accept');
    const b = decodeToken(a.state, t);
    expect(b.result).toBe('used');
    expect(b.state).toBe(a.state);
  });

  it('OLD: a TID below the oldest one in a full TID memory', () => {
    let s = fresh({ tidMemorySize: 3 });
    for (const tid of [10, 20, 30]) s = decodeToken(s, credit(tid)).state;
    expect(decodeToken(s, credit(5)).result).toBe('old');
    const r = decodeToken(s, credit(15)); // newer than the oldest: fills the gap
    expect(r.result).toBe('accept');
    expect(r.state.tidMemory).toEqual([15, 20, 30]);
    expect(decodeToken(r.state, credit(12)).result).toBe('old');
    expect(decodeToken(r.state, credit(20)).result).toBe('used');
  });

  it('KEY EXPIRED: (TID >> 16) > KEN', () => {
    const s = fresh({ ken: 0x85 });
    expect(decodeToken(s, credit(0x85ffff)).result).toBe('accept');
    const r = decodeToken(s, credit(0x860000));
    expect(r.result).toBe('key_expired');
    expect(r.state).toBe(s);
    expect(decodeToken(s, vendWithDecoderKey(DK, 'STA', { type: 'clearTamper', tid: 0x860000, rnd: 1 }).token).result).toBe('key_expired');
  });

  it('CRC: another key, or a mistyped digit', () => {
    const other = credit(1000, '1', DK2);
    expect(decodeToken(fresh(), other).result).toBe('crc');
    const t = credit(1000);
    const typo = t.slice(0, 7) + String((Number(t[7]) + 1) % 10) + t.slice(8);
    expect(['crc', 'format']).toContain(decodeToken(fresh(), typo).result);
  });

  it('FORMAT: not 20 digits, or 2^66 and above', () => {
    for (const s of ['', '1234', '2371610050118319419', '237161005011831941971', 'abcdefghijklmnopqrst', '73786976294838206464', '99999999999999999999']) {
      expect(decodeToken(fresh(), s).result).toBe('format');
    }
    expect(decodeToken(fresh(), undefined as unknown as string).result).toBe('format');
  });

  it('DDTK: a default-key meter refuses credit but takes management and key change tokens', () => {
    const s = fresh({ keyType: 1 });
    expect(decodeToken(s, credit(1000)).result).toBe('ddtk');
    expect(decodeToken(s, vendWithDecoderKey(DK, 'STA', { type: 'clearTamper', tid: 1001, rnd: 1 }).token).result).toBe('accept');
    const kct = vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 2, krn: 1, ti: 2, sgc: '123456', ken: 255, rollover: false });
    let st = s;
    for (const t of kct) st = decodeToken(st, t).state;
    expect(st.keyType).toBe(2);
    expect(st.decoderKey).toBe(DK2);
    expect(decodeToken(st, credit(1002, '1', DK2)).result).toBe('accept');
    expect(decodeToken(fresh({ keyType: 0 }), credit(1000)).result).toBe('ddtk');
  });

  it('FUNCTION: reserved subclasses; sections 3/4 on a 64-bit key meter; test token for another manufacturer', () => {
    const c = createCipher('STA', DK);
    expect(decodeToken(fresh(), encodeToken({ type: 'other', tokenClass: 2, subclass: 12, payload: 123n }, c)).result).toBe('function');
    expect(decodeToken(fresh(), encodeToken({ type: 'other', tokenClass: 0, subclass: 9, payload: 123n }, c)).result).toBe('function');
    expect(decodeToken(fresh(), encodeToken({ type: 'keyChange3', sgcLo: 1, nkmo2: 2 }, c)).result).toBe('function');
    const test = encodeToken({ type: 'meterTest', subclass: 0, mfrCode: 7, control: 1n }, null);
    expect(decodeToken(fresh({ mfrCode: 8 }), test).result).toBe('function');
    expect(decodeToken(fresh({ mfrCode: 7 }), test).result).toBe('accept');
    expect(decodeToken(fresh({ mfrCode: 8 }), encodeToken({ type: 'meterTest', subclass: 0, mfrCode: 0, control: 1n }, null)).result).toBe('accept');
  });

  it('RANGE: unknown clear-credit register; key change back to DITK', () => {
    expect(decodeToken(fresh(), vendWithDecoderKey(DK, 'STA', { type: 'clearCredit', register: 9, tid: 5, rnd: 0 }).token).result).toBe('range');
    expect(decodeToken(fresh(), vendWithDecoderKey(DK, 'STA', { type: 'clearCredit', register: 7, tid: 5, rnd: 0 }).token).result).toBe('accept');
    const kct = vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 0, krn: 1, ti: 2, sgc: '123456', ken: 255, rollover: false });
    expect(decodeToken(fresh(), kct[0]!).result).toBe('range');
  });

  it('OVERFLOW: the meter refuses credit its register cannot hold, without consuming the TID', () => {
    const t = credit(50, '1000');
    const r = decodeToken(fresh(), t, { canAcceptCredit: (c) => c.kind === 'units' && c.tenths < 100 });
    expect(r.result).toBe('overflow');
    expect(r.state.tidMemory).toEqual([]);
  });

  it('class 1 test tokens need no key and carry no TID', () => {
    const r = decodeToken(fresh(), '00000000000150997584');
    expect(r.result).toBe('accept');
    expect(r.token).toMatchObject({ class: 1, subclass: 0, mfrCode: 0, control: '1' });
    expect(r.state.tidMemory).toEqual([]);
  });
});

describe('TID memory at manufacture and keypad lockout', () => {
  it('a memory filled with the manufacture TID makes older tokens OLD', () => {
    const s = fresh({ initialTid: 5000, tidMemorySize: 4 });
    expect(s.tidMemory).toEqual([5000, 5000, 5000, 5000]);
    expect(decodeToken(s, credit(4999)).result).toBe('old');
    expect(decodeToken(s, credit(5000)).result).toBe('used');
    const r = decodeToken(s, credit(5001));
    expect(r.result).toBe('accept');
    expect(r.state.tidMemory).toEqual([5000, 5000, 5000, 5001]);
  });

  it('locks the keypad after repeated wrong tokens, doubling, while class 1 still works', () => {
    const wrong = credit(1, '1', DK2);
    let s = fresh({ lockout: true });
    let now = 1_000_000;
    for (let i = 0; i < 2; i++) s = decodeToken(s, wrong, { now }).state;
    expect(s.lockedUntil).toBeUndefined();
    s = decodeToken(s, wrong, { now }).state; // 3rd wrong: 10 s
    expect(s.lockedUntil).toBe(now + 10_000);
    const locked = decodeToken(s, credit(7), { now: now + 5_000 });
    expect(locked.result).toBe('lockout');
    expect(decodeToken(s, '00000000000150997584', { now: now + 5_000 }).result).toBe('accept');
    now += 11_000;
    s = decodeToken(s, wrong, { now }).state; // 4th wrong: 20 s
    expect(s.lockedUntil).toBe(now + 20_000);
    for (let i = 0; i < 10; i++) s = decodeToken(s, wrong, { now: (now += 2_000_000) }).state;
    expect(s.lockedUntil).toBe(now + 1_280_000); // capped
    const ok = decodeToken(s, credit(7), { now: now + 1_300_000 });
    expect(ok.result).toBe('accept');
    expect(ok.state.failures).toBe(0);
    expect(ok.state.lockedUntil).toBeUndefined();
    expect(JSON.parse(JSON.stringify(ok.state))).toEqual(ok.state);
  });
});

describe('key change', () => {
  it('STA: both sections before the key changes, in either order; roll-over clears TID memory and moves the base date', () => {
    let s = fresh({ baseDate: 1993 });
    s = decodeToken(s, credit(8_000_000)).state;
    s = decodeToken(s, credit(8_000_001)).state;
    expect(s.tidMemory).toEqual([8_000_000, 8_000_001]);
    const kct = vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 2, krn: 4, ti: 2, sgc: '123456', ken: 0xab, rollover: true });
    expect(kct).toHaveLength(2);

    const a = decodeToken(s, kct[1]!); // section 2 first
    expect(a.result).toBe('accept');
    expect(a.detail).toBe('kct_section_2_stored');
    expect(a.keyChange).toEqual({ section: 2, complete: false, missing: [1] });
    expect(a.state.decoderKey).toBe(DK); // not yet
    // Still the old key in between.
    const mid = decodeToken(a.state, credit(8_000_002));
    expect(mid.result).toBe('accept');

    const b = decodeToken(mid.state, kct[0]!);
    expect(b.result).toBe('accept');
    expect(b.detail).toBe('key_changed');
    expect(b.keyChange).toEqual({ section: 1, complete: true, missing: [], rollover: true });
    expect(b.state).toMatchObject({ decoderKey: DK2, keyType: 2, krn: 4, ti: 2, ken: 0xab, baseDate: 2014, tidMemory: [], pendingKeyChange: null });

    // Old-key tokens now fail the CRC; new-key tokens with small TIDs on the new base date are accepted.
    expect(decodeToken(b.state, credit(8_000_003)).result).toBe('crc');
    const n = decodeToken(b.state, credit(10, '5', DK2));
    expect(n.result).toBe('accept');
    expect(n.token?.issuedAt).toBe('2014-01-01T00:10:00Z');
    // KEN 0xAB now applies.
    expect(decodeToken(n.state, credit(0xac0000, '1', DK2)).result).toBe('key_expired');
    // Replaying the (old-key) key change tokens does nothing: they no longer decrypt.
    expect(decodeToken(n.state, kct[0]!).result).toBe('crc');
  });

  it('without roll-over the TID memory is kept', () => {
    let s = decodeToken(fresh(), credit(500)).state;
    for (const t of vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 2, krn: 1, ti: 2, sgc: '123456', ken: 255, rollover: false })) s = decodeToken(s, t).state;
    expect(s.decoderKey).toBe(DK2);
    expect(s.baseDate).toBe(1993);
    expect(decodeToken(s, credit(500, '1', DK2)).result).toBe('used');
  });

  it('MISTY1 (DKGA04): four sections, any order; the SGC comes from sections 3 and 4; 2014 -> 2035 roll-over', () => {
    const vk = hexToBytes('abababababababab949494949494949401234567');
    const p = (o: { krn: number; ti: number; sgc: string; baseDate: 1993 | 2014 | 2035 }) =>
      makeDecoderKeyParams({ dkga: '04', ea: 'MISTY1', meter: '600727000000000009', keyType: 2, ...o });
    const oldKey = deriveDecoderKey(vk, p({ krn: 4, ti: 1, sgc: '123457', baseDate: 2014 }));
    const newKey = deriveDecoderKey(vk, p({ krn: 5, ti: 3, sgc: '654321', baseDate: 2035 }));
    let s = createDecoderState({ ea: 'MISTY1', decoderKey: oldKey, keyType: 2, krn: 4, ti: 1, sgc: '123457', baseDate: 2014 });
    s = decodeToken(s, vendWithDecoderKey(oldKey, 'MISTY1', { type: 'credit', units: '3', tid: 77, rnd: 0 }).token).state;
    const kct = vendKeyChangeWithDecoderKeys(oldKey, 'MISTY1', newKey, { keyType: 2, krn: 5, ti: 3, sgc: '654321', ken: 255, rollover: true });
    expect(kct).toHaveLength(4);
    const order = [3, 0, 2, 1];
    for (const [i, idx] of order.entries()) {
      const r = decodeToken(s, kct[idx]!);
      expect(r.result).toBe('accept');
      expect(r.keyChange?.complete).toBe(i === order.length - 1);
      s = r.state;
    }
    expect(s).toMatchObject({ decoderKey: Buffer.from(newKey).toString('hex'), krn: 5, ti: 3, sgc: '654321', baseDate: 2035, tidMemory: [] });
    expect(decodeToken(s, vendWithDecoderKey(newKey, 'MISTY1', { type: 'credit', units: '3', tid: 77, rnd: 0 }).token).result).toBe('accept');
  });
});

describe('state and robustness', () => {
  it('the state is plain JSON: persisting and reloading it changes nothing', () => {
    let s = fresh();
    const kct = vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 2, krn: 1, ti: 2, sgc: '123456', ken: 255, rollover: false });
    s = decodeToken(s, credit(42)).state;
    s = decodeToken(s, kct[0]!).state;
    const reloaded = JSON.parse(JSON.stringify(s)) as DecoderState;
    expect(reloaded).toEqual(s);
    const a = decodeToken(s, kct[1]!), b = decodeToken(reloaded, kct[1]!);
    expect(b).toEqual(a);
  });

  it('never mutates the state it is given', () => {
    const s = fresh();
    const snapshot = JSON.stringify(s);
    decodeToken(s, credit(1));
    decodeToken(s, vendKeyChangeWithDecoderKeys(DK, 'STA', hexToBytes(DK2), { keyType: 2, krn: 1, ti: 2, sgc: '123456', ken: 255, rollover: true })[0]!);
    expect(JSON.stringify(s)).toBe(snapshot);
  });

  it('property: every 20-digit string decodes to a result code without throwing (STA, DEA, MISTY1)', () => {
    const states = [fresh(), createDecoderState({ ea: 'DEA', decoderKey: DK }), createDecoderState({ ea: 'MISTY1', decoderKey: '00112233445566778899aabbccddeeff' })];
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 20, maxLength: 20 }), fc.integer({ min: 0, max: 2 }), (digits, i) => {
      const r = decodeToken(states[i]!, digits);
      expect(TokenResult.safeParse(r.result).success).toBe(true);
      expect(r.result).not.toBe('error');
    }), { numRuns: 3000 });
  });

  it('property: any string at all yields a result code', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      expect(TokenResult.safeParse(decodeToken(fresh(), s).result).success).toBe(true);
    }));
  });

  it('a corrupt state gives "error", not an exception', () => {
    expect(decodeToken({} as DecoderState, credit(1)).result).toBe('error');
    expect(decodeToken({ ...fresh(), decoderKey: 'zz' }, credit(1)).result).toBe('error');
    expect(decodeToken(null as unknown as DecoderState, credit(1)).result).toBe('error');
  });
});

describe('MeterTokenDecoder (simulator adapter)', () => {
  it('credits register units, reports effects and persists state changes', () => {
    const saved: DecoderState[] = [];
    const m = new MeterTokenDecoder({ ea: 'STA', decoderKey: DK }, { service: 'electricity', onStateChange: (s) => saved.push(s) });
    const r = m.enter(credit(100, '12.5'), Date.now());
    expect(r).toMatchObject({ result: 'accept', tokenClass: 0, subclass: 0, tid: 100, credit: 12500 });
    expect(m.enter(credit(100, '12.5')).result).toBe('used');
    expect(m.enter(vendWithDecoderKey(DK, 'STA', { type: 'maxPowerLimit', watts: 5000, tid: 101, rnd: 1 }).token).effect).toEqual({ type: 'maxPowerLimit', watts: 5000 });
    expect(m.enter(vendWithDecoderKey(DK, 'STA', { type: 'clearCredit', register: 0xffff, tid: 102, rnd: 1 }).token).effect).toEqual({ type: 'clearCredit' });
    expect(m.enter(vendWithDecoderKey(DK, 'STA', { type: 'clearCredit', register: 1, tid: 103, rnd: 1 }).token).effect).toBeUndefined();
    expect(m.enter(vendWithDecoderKey(DK, 'STA', { type: 'clearTamper', tid: 104, rnd: 1 }).token).effect).toEqual({ type: 'clearTamper' });
    // Water credit on an electricity meter.
    expect(m.enter(vendWithDecoderKey(DK, 'STA', { type: 'credit', subclass: 1, units: '1', tid: 105, rnd: 1 }).token).result).toBe('function');
    expect(saved.at(-1)).toEqual(m.state);
    expect(m.state.tidMemory).toEqual([100, 101, 102, 103, 104]);
  });
});
