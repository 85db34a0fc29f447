// Property: decode(vend(x)) = x for every token type and every cipher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bits.ts';
import { createCipher } from './ciphers.ts';
import type { Ea } from './ciphers.ts';
import { createDecoderState, decodeToken, decryptToken } from './decoder.ts';
import { MAX_TRANSFER_AMOUNT, decodeTransferAmount, encodeTransferAmount, formatDecimal } from './amount.ts';
import type { TokenFields } from './token-data.ts';
import { encodeToken, requestToFields, vendKeyChangeWithDecoderKeys, vendWithDecoderKey } from './vend.ts';
import type { VendRequest } from './vend.ts';

const EAS: Ea[] = ['STA', 'DEA', 'MISTY1'];
const eaKey = fc.constantFrom(...EAS).chain((ea) => fc.uint8Array({ minLength: ea === 'MISTY1' ? 16 : 8, maxLength: ea === 'MISTY1' ? 16 : 8 }).map((key) => ({ ea, key })));
const nib = fc.integer({ min: 0, max: 15 });
const tid = fc.integer({ min: 0, max: 0xffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

const fieldsArb: fc.Arbitrary<TokenFields> = fc.oneof(
  fc.record({ type: fc.constant('credit' as const), subclass: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const), rnd: nib, tid, amountField: u16 }),
  fc.record({
    type: fc.constant('currency' as const), subclass: fc.constantFrom(4 as const, 5 as const, 6 as const, 7 as const), tid,
    amount: fc.record({ negative: fc.boolean(), exponent: fc.integer({ min: 0, max: 31 }), mantissa: fc.integer({ min: 0, max: 16383 }) }),
  }),
  fc.record({ type: fc.constantFrom('maxPowerLimit' as const, 'maxPhasePowerUnbalanceLimit' as const), rnd: nib, tid, amountField: u16 }),
  fc.record({ type: fc.constant('clearCredit' as const), rnd: nib, tid, register: u16 }),
  fc.record({ type: fc.constantFrom('setTariffRate' as const, 'setWaterMeterFactor' as const), rnd: nib, tid, value: u16 }),
  fc.record({ type: fc.constant('clearTamper' as const), rnd: nib, tid, pad: u16 }),
  fc.record({
    type: fc.constant('keyChange1' as const), kenho: nib, krn: nib, ro: fc.constantFrom(0 as const, 1 as const), res: fc.constantFrom(0 as const, 1 as const),
    kt: fc.integer({ min: 0, max: 3 }), nkho: u32,
  }),
  fc.record({ type: fc.constant('keyChange2' as const), kenlo: nib, ti: fc.integer({ min: 0, max: 255 }), nklo: u32 }),
  fc.record({ type: fc.constant('keyChange3' as const), sgcLo: fc.integer({ min: 0, max: 0xfff }), nkmo2: u32 }),
  fc.record({ type: fc.constant('keyChange4' as const), sgcHi: fc.integer({ min: 0, max: 0xfff }), nkmo1: u32 }),
  fc.record({ type: fc.constant('meterTest' as const), subclass: fc.constant(0 as const), mfrCode: fc.integer({ min: 0, max: 0xff }), control: fc.bigInt({ min: 0n, max: (1n << 36n) - 1n }) }),
  fc.record({ type: fc.constant('meterTest' as const), subclass: fc.constant(1 as const), mfrCode: u16, control: fc.bigInt({ min: 0n, max: (1n << 28n) - 1n }) }),
);

describe('decode(vend(x)) = x', () => {
  it('for token fields of every type, under STA, DEA and MISTY1', () => {
    fc.assert(fc.property(eaKey, fieldsArb, ({ ea, key }, f) => {
      const cipher = createCipher(ea, key);
      const digits = encodeToken(f, cipher);
      expect(digits).toMatch(/^\d{20}$/);
      const raw = decryptToken(digits, cipher);
      expect(raw.ok).toBe(true);
      if (raw.ok) expect(raw.fields).toEqual(f);
    }), { numRuns: 3000 });
  });

  it('for vend requests through the meter decoder (amounts rounded up, never below the request)', () => {
    const req: fc.Arbitrary<VendRequest> = fc.oneof(
      fc.record({ type: fc.constant('credit' as const), subclass: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const), units: fc.bigInt({ min: 0n, max: MAX_TRANSFER_AMOUNT * 10n }).map((n) => formatDecimal(n, 2)), tid: fc.integer({ min: 0, max: 0xfeffff }), rnd: nib }),
      fc.record({ type: fc.constantFrom('maxPowerLimit' as const, 'maxPhasePowerUnbalanceLimit' as const), watts: fc.integer({ min: 0, max: 18201624 }), tid, rnd: nib }),
      fc.record({ type: fc.constant('clearCredit' as const), register: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 0xffff), tid, rnd: nib }),
      fc.record({ type: fc.constant('clearTamper' as const), tid, rnd: nib }),
      fc.record({ type: fc.constantFrom('setTariffRate' as const, 'setWaterMeterFactor' as const), value: u16, tid, rnd: nib }),
      fc.record({ type: fc.constant('currency' as const), subclass: fc.constantFrom(4 as const, 5 as const, 6 as const, 7 as const), amount: fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => formatDecimal(n, 5)), tid }),
    );
    fc.assert(fc.property(eaKey, req, ({ ea, key }, r) => {
      const { token, fields } = vendWithDecoderKey(key, ea, r);
      const res = decodeToken(createDecoderState({ ea, decoderKey: key }), token);
      expect(res.result).toBe('accept');
      expect(res.tid).toBe((r as { tid: number }).tid);
      expect(res.token?.type).toBe(r.type);
      if (r.type === 'credit') {
        // 1/100 units requested, 1/10 delivered: t_delivered * 10 >= units * 100.
        const want = BigInt(String(r.units).replace('.', ''));
        const got = BigInt(res.credit?.kind === 'units' ? res.credit.tenths : -1);
        expect(got * 10n).toBeGreaterThanOrEqual(want);
        expect(res.credit?.subclass).toBe(r.subclass);
        expect(res.token?.rnd).toBe(r.rnd);
        expect(fields).toEqual(requestToFields(r));
      } else if (r.type === 'maxPowerLimit' || r.type === 'maxPhasePowerUnbalanceLimit') {
        expect(res.token?.watts).toBe(Number(decodeTransferAmount(encodeTransferAmount(r.watts!))));
        expect(res.token!.watts!).toBeGreaterThanOrEqual(r.watts!);
      } else if (r.type === 'clearCredit') expect(res.token?.register).toBe(r.register);
      else if (r.type === 'setTariffRate' || r.type === 'setWaterMeterFactor') expect(res.token?.value).toBe(r.value);
      else if (r.type === 'currency') {
        const a = String(r.amount);
        const want = BigInt(a.replace('.', '')) * 10n ** BigInt(5 - (a.split('.')[1]?.length ?? 0));
        expect(res.credit?.kind).toBe('currency');
        if (res.credit?.kind === 'currency') expect(BigInt(res.credit.amountE5)).toBeGreaterThanOrEqual(want);
      }
    }), { numRuns: 1500 });
  });

  it('for key changes: the meter ends up with exactly the vended key and key data', () => {
    const info = fc.record({
      keyType: fc.constantFrom(1 as const, 2 as const, 3 as const), krn: fc.integer({ min: 1, max: 15 }), ti: fc.integer({ min: 0, max: 99 }),
      sgc: fc.integer({ min: 0, max: 999999 }).map((n) => String(n).padStart(6, '0')), ken: fc.integer({ min: 0, max: 255 }), rollover: fc.boolean(),
    });
    fc.assert(fc.property(eaKey, info, fc.uint8Array({ minLength: 16, maxLength: 16 }), ({ ea, key }, i, nk) => {
      const newKey = nk.subarray(0, ea === 'MISTY1' ? 16 : 8);
      const tokens = vendKeyChangeWithDecoderKeys(key, ea, newKey, i);
      let s = createDecoderState({ ea, decoderKey: key, keyType: 2, sgc: '000000' });
      for (const t of tokens) {
        const r = decodeToken(s, t);
        expect(r.result).toBe('accept');
        s = r.state;
      }
      expect(s.decoderKey).toBe(bytesToHex(newKey));
      expect({ keyType: s.keyType, krn: s.krn, ti: s.ti, ken: s.ken }).toEqual({ keyType: i.keyType, krn: i.krn, ti: i.ti, ken: i.ken });
      expect(s.sgc).toBe(ea === 'MISTY1' ? i.sgc : '000000');
      expect(s.baseDate).toBe(i.rollover ? 2014 : 1993);
    }), { numRuns: 500 });
  });

  it('for meter test tokens (class 1, unencrypted)', () => {
    fc.assert(fc.property(fc.constantFrom(0 as const, 1 as const), fc.integer({ min: 0, max: 255 }), fc.bigInt({ min: 0n, max: (1n << 28n) - 1n }), (subclass, mfrCode, control) => {
      const { token } = vendWithDecoderKey('0000000000000000', 'STA', { type: 'meterTest', subclass, mfrCode, control });
      const r = decodeToken(createDecoderState({ ea: 'MISTY1', decoderKey: '00'.repeat(16) }), token);
      expect(r.result).toBe('accept');
      expect(r.token).toMatchObject({ class: 1, subclass, mfrCode, control: control.toString() });
    }));
  });
});
