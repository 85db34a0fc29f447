// Register values with decimals are scaled exactly (issue 16, finding 3): 1.007 kW is 1007 W, never 1006.9999999999999.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalShift, readingFromDataSets, type DataSet } from './index.ts';

const base = (power: { value: string; unit?: string }): DataSet[] => [
  { address: '0.9.2', values: [{ value: '260301' }] },
  { address: '0.9.1', values: [{ value: '120000' }] },
  { address: '1.8.0', values: [{ value: '001234.567', unit: 'kWh' }] },
  { address: 'C.50.0', values: [{ value: '000010.000', unit: 'kWh' }] },
  { address: 'C.52.0', values: [{ value: '1' }] },
  { address: '16.7.0', values: [power] },
];

describe('IEC 62056-21 decimal register values', () => {
  it('1.007 kW becomes exactly 1007 W (and other values a float product gets wrong)', () => {
    expect(1.007 * 1000).not.toBe(1007); // the trap
    expect(readingFromDataSets(base({ value: '1.007', unit: 'kW' })).powerW).toBe(1007);
    expect(readingFromDataSets(base({ value: '0001,007', unit: 'kW' })).powerW).toBe(1007);
    expect(readingFromDataSets(base({ value: '4.35', unit: 'kW' })).powerW).toBe(4350);
    expect(readingFromDataSets(base({ value: '0.000001', unit: 'MW' })).powerW).toBe(1);
    expect(readingFromDataSets(base({ value: '1.0075', unit: 'kW' })).powerW).toBe(1007.5);
    expect(readingFromDataSets(base({ value: '.5', unit: 'kW' })).powerW).toBe(500);
    expect(readingFromDataSets(base({ value: '-2.5', unit: 'W' })).powerW).toBe(2.5);
    expect(() => readingFromDataSets(base({ value: '1e3', unit: 'kW' }))).toThrow(/not a number/);
  });

  it('property: value × 10^shift equals the exact decimal result (integers exactly, others the nearest double)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), fc.constantFrom(0, 3, 6), (mantissa, decimals, shift) => {
      const digits = mantissa.toString().padStart(decimals + 1, '0');
      const text = decimals ? `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}` : digits;
      const got = decimalShift({ value: text }, shift);
      // Oracle: mantissa × 10^(shift − decimals), built with integers and one decimal-string parse.
      const e = shift - decimals;
      const exact = e >= 0 ? Number(mantissa * 10n ** BigInt(e)) : Number(`${mantissa / 10n ** BigInt(-e)}.${(mantissa % 10n ** BigInt(-e)).toString().padStart(-e, '0')}`);
      expect(got).toBe(exact);
      if (e >= 0) expect(Number.isInteger(got)).toBe(true);
    }), { numRuns: 500 });
  });
});
