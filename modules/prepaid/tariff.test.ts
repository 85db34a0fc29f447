// Tariffs with hand-computed expectations. Prices: per kWh/m³ net of VAT; money in minor units; units in tenths.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARIFFS, TariffSet, compileTariff, computeBreakdown, encodableTenths, unitsFor, type TariffDefinition } from './tariff.ts';
import { PrepaidError } from './money.ts';
import { dayOf, monthOf } from './calendar.ts';

const base: Omit<TariffDefinition, 'id' | 'charge' | 'currency'> = {
  name: 't', service: 'electricity', customerClass: 'residential', vatBp: 0, fixedMonthly: '0', debtRecoveryBp: 0, minTopUp: '0.001',
};
const flatOmr = compileTariff({ ...base, id: 'flat-omr', currency: 'OMR', charge: { type: 'flat', rate: '0.020' } });
const slabs = compileTariff({
  ...base, id: 'slabs', currency: 'OMR',
  charge: { type: 'blocks', blocks: [{ upTo: '4000', rate: '0.014' }, { upTo: '6000', rate: '0.018' }, { upTo: null, rate: '0.022' }] },
});
const input = (tariff = flatOmr, amount = 1000, more: Partial<Parameters<typeof computeBreakdown>[0]> = {}) =>
  ({ tariff, amount, arrears: 0, fixedDue: false, blockStartTenths: 0, ...more });

function err(f: () => unknown): PrepaidError {
  try {
    f();
  } catch (e) {
    return e as PrepaidError;
  }
  throw new Error('expected an error');
}

describe('flat tariff', () => {
  it('OMR (exponent 3): 1.000 at 0.020 per kWh is exactly 50.0 kWh', () => {
    const b = computeBreakdown(input(flatOmr, 1000));
    expect(b).toMatchObject({ debt: 0, fixedNet: 0, fixedVat: 0, energyGross: 1000, energyVat: 0, energyNet: 1000, unitsTenths: 500 });
  });

  it('rounds the units up to the next 0.1 kWh in the customer\'s favour: 1.001 OMR → 50.05 → 50.1 kWh', () => {
    expect(computeBreakdown(input(flatOmr, 1001)).unitsTenths).toBe(501);
    // 0.001 OMR buys 0.05 kWh → 0.1 kWh.
    expect(computeBreakdown(input(flatOmr, 1)).unitsTenths).toBe(1);
  });

  it('AED (exponent 2) with 5 % VAT: 10.00 AED at 0.23 per kWh', () => {
    const t = compileTariff({ ...base, id: 'aed', currency: 'AED', minTopUp: '1.00', vatBp: 500, charge: { type: 'flat', rate: '0.23' } });
    // VAT = round(1000 × 5/105) = round(47.62) = 48 fils; net 952 fils; 952 / 2.3 fils per 0.1 kWh = 413.9 → 414 tenths.
    const b = computeBreakdown(input(t, 1000));
    expect(b).toMatchObject({ currency: 'AED', energyVat: 48, energyNet: 952, unitsTenths: 414 });
  });

  it('rates may carry four decimals more than the currency; more are refused', () => {
    const t = compileTariff({ ...base, id: 'water', service: 'water', currency: 'OMR', charge: { type: 'flat', rate: '0.2906' } });
    // 1.000 OMR / 0.02906 per 0.1 m³ = 34.41 → 35 tenths (3.5 m³).
    expect(computeBreakdown(input(t, 1000)).unitsTenths).toBe(35);
    expect(err(() => compileTariff({ ...base, id: 'x', currency: 'AED', charge: { type: 'flat', rate: '0.1234567' } })).code).toBe('no_tariff');
  });
});

describe('inclining block tariff (Oman residential slabs 0–4,000 / 4,001–6,000 / above 6,000 kWh a month)', () => {
  it('inside the first block', () => {
    // 1.000 OMR at 1.4 baisa per 0.1 kWh = 714.28 → 715 tenths.
    const b = computeBreakdown(input(slabs, 1000));
    expect(b.unitsTenths).toBe(715);
    expect(b.blocks).toEqual([{ from: 0, to: 40000, rate: '0.014', tenths: 715, amount: 1000 }]);
  });

  it('a boundary crossed inside one top-up: 3,990 kWh bought this month, 1.000 OMR more', () => {
    // 10 kWh left in block 1 cost 0.140; the remaining 0.860 at 1.8 baisa per 0.1 kWh = 477.8 → 478 tenths.
    const b = computeBreakdown(input(slabs, 1000, { blockStartTenths: 39_900 }));
    expect(b.blocks).toEqual([
      { from: 0, to: 40000, rate: '0.014', tenths: 100, amount: 140 },
      { from: 40000, to: 60000, rate: '0.018', tenths: 478, amount: 860 },
    ]);
    expect(b.unitsTenths).toBe(578);
  });

  it('two boundaries in one top-up, and the STS amount step above 1,638.3 units', () => {
    // From 3,999.0 kWh with 40.000 OMR: 1 kWh at 0.014 (0.014), 2,000 kWh at 0.018 (36.000),
    // 3.986 left at 2.2 baisa per 0.1 kWh = 1,811.8 → 1,812 tenths: 21,822 tenths in all, which an STS
    // token carries as 21,824 (steps of 10 tenths above 16,383): the customer gets the 0.2 kWh.
    const b = computeBreakdown(input(slabs, 40_000, { blockStartTenths: 39_990 }));
    expect(b.blocks.map((x) => [x.tenths, x.amount])).toEqual([[10, 14], [20_000, 36_000], [1_814, 3_986]]);
    expect(b.unitsTenths).toBe(21_824);
    expect(encodableTenths(21_822)).toBe(21_824);
    expect(encodableTenths(16_383)).toBe(16_383);
  });

  it('exact rational prices carry over whole blocks: block money parts add up to the net amount', () => {
    const t = compileTariff({ ...base, id: 'odd', currency: 'OMR', charge: { type: 'blocks', blocks: [{ upTo: '0.3', rate: '0.0333' }, { upTo: null, rate: '0.0101' }] } });
    // Block 1: 3 tenths × 3.33 baisa = 9.99 baisa (9 allocated, 0.99 carried); 90.01 baisa left at 1.01 = 89.1 → 90 tenths.
    const r = unitsFor(t, 100, 0);
    expect(r.blocks.map((x) => [x.tenths, x.amount])).toEqual([[3, 9], [90, 91]]);
    expect(r.tenths).toBe(93);
  });

  it('the month resets on the 1st in the utility time zone (Asia/Muscat, UTC+4)', () => {
    expect(monthOf(Date.parse('2026-11-30T19:59:59Z'), 'Asia/Muscat')).toBe('2026-11');
    expect(monthOf(Date.parse('2026-11-30T20:00:00Z'), 'Asia/Muscat')).toBe('2026-12');
    expect(dayOf(Date.parse('2026-11-30T20:00:00Z'), 'Asia/Muscat')).toBe('2026-12-01');
    expect(monthOf(Date.parse('2026-11-30T20:00:00Z'), 'UTC')).toBe('2026-11');
    // A reset month starts in block 1 again.
    expect(computeBreakdown(input(slabs, 1000, { blockStartTenths: 0 })).blocks[0]!.rate).toBe('0.014');
  });
});

describe('VAT, fixed monthly charge and debt recovery', () => {
  const full = compileTariff({ ...base, id: 'full', currency: 'OMR', vatBp: 500, fixedMonthly: '0.500', debtRecoveryBp: 2500, charge: { type: 'flat', rate: '0.020' } });

  it('5.000 OMR with 2.000 arrears: debt share, fixed charge with VAT, VAT-inclusive energy', () => {
    // debt = min(2.000, 25 % × 5.000) = 1.250; fixed 0.500 + VAT 0.025; energy gross 3.225;
    // VAT = round(3225 × 5/105) = round(153.57) = 154; net 3.071 at 2 baisa per 0.1 kWh = 1,535.5 → 1,536 tenths.
    const b = computeBreakdown(input(full, 5000, { arrears: 2000, fixedDue: true }));
    expect(b).toMatchObject({ debt: 1250, fixedNet: 500, fixedVat: 25, energyGross: 3225, energyVat: 154, energyNet: 3071, unitsTenths: 1536 });
    expect(b.debt + b.fixedNet + b.fixedVat + b.energyVat + b.energyNet).toBe(5000);
  });

  it('debt recovery never takes more than the arrears, and rounds its share down', () => {
    expect(computeBreakdown(input(full, 5000, { arrears: 100 })).debt).toBe(100);
    expect(computeBreakdown(input(full, 3, { arrears: 100 })).debt).toBe(0);
    expect(computeBreakdown(input(full, 7, { arrears: 100 })).debt).toBe(1);
  });

  it('the fixed charge is taken once a month; VAT on it rounds half up', () => {
    expect(computeBreakdown(input(full, 5000, { fixedDue: false })).fixedNet).toBe(0);
    const t = compileTariff({ ...base, id: 'f', currency: 'OMR', vatBp: 500, fixedMonthly: '0.010', charge: { type: 'flat', rate: '0.020' } });
    expect(computeBreakdown(input(t, 1000, { fixedDue: true })).fixedVat).toBe(1); // 0.5 baisa → 1
  });

  it('a top-up too small for the fixed charge is refused with the minimum', () => {
    const e = err(() => computeBreakdown(input(full, 500, { fixedDue: true })));
    expect(e.code).toBe('amount_too_small');
    expect(e.extra.minimum).toBe('0.526');
    const withDebt = err(() => computeBreakdown(input(full, 600, { fixedDue: true, arrears: 10_000 })));
    // 0.526 is not enough once a quarter goes to the debt: 0.701 − floor(0.17525) = 0.526 > 0.525.
    expect(withDebt.extra.minimum).toBe('0.701');
  });

  it('the minimum top-up of the tariff applies', () => {
    const t = new TariffSet(DEFAULT_TARIFFS).find('electricity', 'residential', 'OMR');
    expect(err(() => computeBreakdown(input(t, 999))).code).toBe('amount_too_small');
  });
});

describe('tariff sets', () => {
  it('find by service, class and currency, with a "*" class as fallback; unknown combinations are refused', () => {
    const set = new TariffSet(DEFAULT_TARIFFS);
    expect(set.find('electricity', 'residential', 'OMR').def.id).toBe('OM-E-RES-2026');
    expect(set.find('electricity', 'commercial', 'OMR').def.id).toBe('OM-E-COM-2026');
    expect(set.find('water', 'residential', 'OMR').def.id).toBe('OM-W-RES-2026');
    expect(err(() => set.find('electricity', 'residential', 'AED')).code).toBe('no_tariff');
  });

  it('invalid definitions are refused at load', () => {
    expect(() => compileTariff({ ...base, id: 'b', currency: 'OMR', charge: { type: 'blocks', blocks: [{ upTo: '10', rate: '0.01' }, { upTo: '5', rate: '0.02' }, { upTo: null, rate: '0.03' }] } })).toThrow(/increase/);
    expect(() => compileTariff({ ...base, id: 'b', currency: 'OMR', charge: { type: 'blocks', blocks: [{ upTo: '10', rate: '0.01' }] } })).toThrow(/unbounded/);
    expect(() => new TariffSet([DEFAULT_TARIFFS[0]!, DEFAULT_TARIFFS[0]!])).toThrow(/duplicate/);
  });
});
