import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LEAK_RULE, DEFAULT_LOW_CREDIT, daysLeft, leakVerdict, lowCreditTransition } from './rules.ts';

const day = (used: number) => ({ used, readings: 24 });
const normalNight = [0, 0, 3, 0].map((u) => ({ used: u, readings: 1 }));

describe('leak rule', () => {
  it('fires for use twice the 3-month average for 48 h, not for one high day', () => {
    const base = Array.from({ length: 88 }, () => day(400));
    expect(leakVerdict(DEFAULT_LEAK_RULE, [...base, day(900), day(850)], normalNight)).toMatchObject({ leak: true, why: 'high_use', averageLitresPerDay: 400 });
    expect(leakVerdict(DEFAULT_LEAK_RULE, [...base, day(400), day(900)], normalNight).leak).toBe(false);
    expect(leakVerdict(DEFAULT_LEAK_RULE, [...base, day(700), day(790)], normalNight).leak).toBe(false);
  });

  it('needs a baseline: a new meter with a week of data does not fire on use alone', () => {
    expect(leakVerdict(DEFAULT_LEAK_RULE, [...Array.from({ length: 7 }, () => day(100)), day(900), day(900)], null).leak).toBe(false);
  });

  it('water flowing every hour of the night fires; a normal night does not', () => {
    const base = Array.from({ length: 90 }, () => day(400));
    expect(leakVerdict(DEFAULT_LEAK_RULE, base, [12, 10, 11, 12].map((u) => ({ used: u, readings: 1 })))).toMatchObject({ leak: true, why: 'night_flow' });
    expect(leakVerdict(DEFAULT_LEAK_RULE, base, normalNight).leak).toBe(false);
    expect(leakVerdict(DEFAULT_LEAK_RULE, base, [12, 10, 11].map((u) => ({ used: u, readings: 1 }))).leak).toBe(false);
  });

  it('a steady household never trips the use rule', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 100, max: 600 }), { minLength: 30, maxLength: 92 }), (uses) => {
      const d = uses.map(day);
      // every day within 1.9x of every other cannot reach 2x the average
      const min = Math.min(...uses);
      const max = Math.max(...uses);
      if (max >= 1.9 * min) return;
      expect(leakVerdict({ ...DEFAULT_LEAK_RULE, night: null }, d, null).leak).toBe(false);
    }));
  });
});

describe('low credit', () => {
  it('one alert per episode: crossing down fires, staying low does not, clearing needs twice the threshold', () => {
    expect(lowCreditTransition(DEFAULT_LOW_CREDIT, 'electricity', 19_000, false)).toBe('low');
    expect(lowCreditTransition(DEFAULT_LOW_CREDIT, 'electricity', 15_000, true)).toBeNull();
    expect(lowCreditTransition(DEFAULT_LOW_CREDIT, 'electricity', 30_000, true)).toBeNull();
    expect(lowCreditTransition(DEFAULT_LOW_CREDIT, 'electricity', 40_001, true)).toBe('clear');
    expect(lowCreditTransition(DEFAULT_LOW_CREDIT, 'water', 2_000, false)).toBe('low');
  });
  it('days left at the recent rate', () => {
    expect(daysLeft(10_000, 4_000)).toBe(2);
    expect(daysLeft(10_000, 0)).toBeNull();
  });
});
