// Amounts: 2-bit exponent / 14-bit mantissa, rounded up, exact decimal arithmetic, every boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TRANSFER_AMOUNT, amountOffset, decodeCurrencyAmount, decodeTransferAmount, encodeCurrencyAmount, encodeTransferAmount, formatDecimal,
  packCurrency, parseDecimalCeil, unitsToTenths, unpackCurrency,
} from './amount.ts';
import { StsRangeError } from './errors.ts';

describe('transfer amount encoding', () => {
  it('has the offsets and maximum of the standard', () => {
    expect([0, 1, 2, 3].map(amountOffset)).toEqual([0n, 16384n, 180224n, 1818624n]);
    expect(MAX_TRANSFER_AMOUNT).toBe(18201624n);
    expect(decodeTransferAmount(0xffff)).toBe(18201624n);
  });

  // [tenths, expected field]
  it.each([
    [0n, 0x0000], [1n, 0x0001], [256n, 0x0100], [16383n, 0x3fff],
    [16384n, 0x4000], [16385n, 0x4001], [16394n, 0x4001], [16395n, 0x4002],
    [180214n, 0x7fff], [180215n, 0x8000], [180223n, 0x8000], [180224n, 0x8000], [180225n, 0x8001], [180324n, 0x8001],
    [1818524n, 0xbfff], [1818525n, 0xc000], [1818623n, 0xc000], [1818624n, 0xc000], [1818625n, 0xc001],
    [18201623n, 0xffff], [18201624n, 0xffff],
  ])('%s tenths -> 0x%s', (t, field) => {
    expect(encodeTransferAmount(t)).toBe(field);
    expect(decodeTransferAmount(field)).toBeGreaterThanOrEqual(t);
  });

  it('CTS boundary steps: 18022.3 kWh -> 0x8000, 181862.3 kWh -> 0xC000', () => {
    expect(encodeTransferAmount(unitsToTenths('18022.3'))).toBe(0x8000);
    expect(encodeTransferAmount(unitsToTenths('181862.3'))).toBe(0xc000);
  });

  it('refuses amounts above 1820162.4 units and negative amounts', () => {
    expect(() => encodeTransferAmount(18201625n)).toThrow(StsRangeError);
    expect(() => encodeTransferAmount(-1n)).toThrow(StsRangeError);
  });

  it('every exponent boundary: the encoded value is the least representable value >= t', () => {
    const around = [16383n, 16384n, 180214n, 180224n, 1818524n, 1818624n, 18201624n].flatMap((b) => [-11n, -10n, -9n, -1n, 0n, 1n, 9n, 10n, 11n, 99n, 100n, 101n].map((d) => b + d));
    for (const t of around.filter((x) => x >= 0n && x <= MAX_TRANSFER_AMOUNT)) {
      const f = encodeTransferAmount(t);
      expect(decodeTransferAmount(f)).toBeGreaterThanOrEqual(t);
      if (f > 0) expect(decodeTransferAmount(f - 1)).toBeLessThan(t);
    }
  });

  it('property: never loses value, rounds up by less than one step, and is minimal', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_TRANSFER_AMOUNT }), (t) => {
      const f = encodeTransferAmount(t);
      const v = decodeTransferAmount(f);
      expect(v).toBeGreaterThanOrEqual(t);
      expect(v - t).toBeLessThan(10n ** BigInt(f >> 14));
      if (f > 0) expect(decodeTransferAmount(f - 1)).toBeLessThan(t);
    }), { numRuns: 2000 });
  });

  it('property: decoded values are strictly increasing in the field (0..0xFFFF)', () => {
    let prev = -1n;
    for (let f = 0; f <= 0xffff; f++) {
      const v = decodeTransferAmount(f);
      expect(v > prev).toBe(true);
      prev = v;
    }
  });
});

describe('decimal parsing (never binary floats)', () => {
  it.each([
    ['0', 0n], ['0.1', 1n], ['0.01', 1n], ['0.10', 1n], ['0.11', 2n], ['12.5', 125n], ['12', 120n], ['12.', 120n], ['.5', 5n],
    ['18022.3', 180223n], ['1638.3', 16383n], ['1638.30000001', 16384n], ['1820162.4', 18201624n], ['  7.25 ', 73n],
  ])('units %s -> %s tenths', (s, t) => {
    expect(unitsToTenths(s)).toBe(t);
  });
  it.each(['', '.', '-1', '1e3', 'abc', '1.2.3', '0x10', 'NaN'])('rejects %j', (s) => {
    expect(() => unitsToTenths(s)).toThrow();
  });
  it('property: parse then format is exact, and rounding never loses value', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
      const s = formatDecimal(n, scale);
      expect(parseDecimalCeil(s, scale)).toBe(n);
      // Rounding to tenths: ceil(n / 10^(scale-1)) for scale >= 1.
      const t = unitsToTenths(s);
      if (scale >= 1) {
        const d = 10n ** BigInt(scale - 1);
        expect(t * d).toBeGreaterThanOrEqual(n);
        expect(t * d - n).toBeLessThan(d);
      } else expect(t).toBe(n * 10n);
    }));
  });
});

describe('currency amounts (subclasses 4..7)', () => {
  it('100.00 -> field 0xDFF6, S&E 0 (KF)', () => {
    const a = encodeCurrencyAmount(parseDecimalCeil('100', 5));
    expect(packCurrency(a)).toEqual({ amountField: 0xdff6, se: 0 });
  });
  it('property: pack/unpack round-trips; decoding never loses value and is minimal', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.boolean(), (u, neg) => {
      const a = encodeCurrencyAmount(u, neg);
      const p = packCurrency(a);
      expect(unpackCurrency(p.amountField, p.se)).toEqual(a);
      const v = decodeCurrencyAmount({ ...a, negative: false });
      expect(v).toBeGreaterThanOrEqual(u);
      expect(v - u).toBeLessThan(10n ** BigInt(a.exponent));
      if (neg) expect(decodeCurrencyAmount(a)).toBe(-v);
    }));
  });
});

describe('raw amount fields (third-party tokens with non-standard rounding)', () => {
  it('a credit request may carry the 16-bit field instead of units, never both', async () => {
    const { requestToFields } = await import('./vend.ts');
    expect(requestToFields({ type: 'credit', amountField: 18, tid: 1, rnd: 0 })).toMatchObject({ amountField: 18 });
    expect(() => requestToFields({ type: 'credit', amountField: 18, units: '1.82', tid: 1, rnd: 0 })).toThrow(/not both/);
    expect(() => requestToFields({ type: 'credit', tid: 1, rnd: 0 })).toThrow(/units is required/);
    expect(requestToFields({ type: 'credit', units: '1.82', tid: 1, rnd: 0 })).toMatchObject({ amountField: 19 });
  });
});
