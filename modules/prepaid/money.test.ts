import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrepaidError, formatMoney, formatTenths, parseMoney, CURRENCIES, exponentOf } from './money.ts';

describe('money', () => {
  it('parses decimal strings into minor units with the currency exponent (3: OMR/BHD/KWD, 2: AED/SAR/QAR)', () => {
    expect(parseMoney('5.000', 'OMR')).toBe(5000);
    expect(parseMoney('5', 'OMR')).toBe(5000);
    expect(parseMoney('5.5', 'BHD')).toBe(5500);
    expect(parseMoney('0.001', 'KWD')).toBe(1);
    expect(parseMoney('10.50', 'AED')).toBe(1050);
    expect(parseMoney('10.5', 'SAR')).toBe(1050);
    expect(parseMoney('0.01', 'QAR')).toBe(1);
    expect(parseMoney('7', 'QAR')).toBe(700);
    for (const sloppy of [' 7 ', ' 5', '0005.000', '05', '+5', '5.', '.5']) expect(() => parseMoney(sloppy, 'OMR')).toThrow(/not a positive decimal/);
  });

  it('rejects more decimals than the currency has, and anything that is not a plain positive decimal', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as PrepaidError).code;
      }
      return null;
    };
    expect(code(() => parseMoney('5.0001', 'OMR'))).toBe('too_many_decimals');
    expect(code(() => parseMoney('1.005', 'AED'))).toBe('too_many_decimals');
    expect(code(() => parseMoney('1.000', 'SAR'))).toBe('too_many_decimals');
    for (const bad of ['', '-5', '5e3', '1,000', '.5', '5.', 'abc', 'NaN', 'Infinity', '0x10', '+5']) expect(code(() => parseMoney(bad, 'OMR'))).toBe('bad_amount');
    expect(code(() => parseMoney('1000001', 'OMR'))).toBe('amount_too_large');
    expect(code(() => parseMoney(5 as unknown as string, 'OMR'))).toBe('bad_amount');
  });

  it('formats minor units with exactly the currency decimals', () => {
    expect(formatMoney(5000, 'OMR')).toBe('5.000');
    expect(formatMoney(5, 'OMR')).toBe('0.005');
    expect(formatMoney(1234, 'AED')).toBe('12.34');
    expect(formatMoney(-213, 'OMR')).toBe('-0.213');
    expect(formatTenths(3045)).toBe('304.5');
    expect(formatTenths(7)).toBe('0.7');
  });

  it('parse ∘ format is the identity for every currency (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...CURRENCIES), fc.integer({ min: 1, max: 10 ** 8 }), (c, minor) => {
      expect(parseMoney(formatMoney(minor, c), c)).toBe(minor);
      expect(formatMoney(minor, c).split('.')[1]!.length).toBe(exponentOf(c));
    }));
  });
});
