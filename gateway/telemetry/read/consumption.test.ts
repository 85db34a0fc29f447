import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeConsumption, totalConsumption, TelemetryQueryError, type RegisterPoint } from './consumption.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

describe('computeConsumption', () => {
  it('uses register differences, attributes a gap to the later interval, counts a reset from the new value', () => {
    const prev = { ts: T0 - 10 * 60_000, register: 1000 };
    const pts: RegisterPoint[] = [
      { ts: T0 + 10 * 60_000, register: 1100 }, // +100 in hour 0
      { ts: T0 + 50 * 60_000, register: 1150 }, // +50 in hour 0
      // hours 1 and 2: nothing (gap)
      { ts: T0 + 3 * H + 5 * 60_000, register: 1450 }, // +300 spanning the gap → hour 3
      { ts: T0 + 3 * H + 30 * 60_000, register: 20 }, // reset: +20 → hour 3
      { ts: T0 + 4 * H + 1, register: 70 }, // +50 → hour 4
    ];
    const b = computeConsumption(prev, pts, T0, T0 + 5 * H, H);
    expect(b.map((x) => x.used)).toEqual([150, 0, 0, 320, 50]);
    expect(b.map((x) => x.readings)).toEqual([2, 0, 0, 2, 1]);
    expect(totalConsumption(prev, pts, T0, T0 + 5 * H)).toEqual({ used: 520, readings: 5 });
  });

  it('the first reading ever contributes nothing; duplicates of one time count once; the last interval is cut at `to`', () => {
    const pts = [{ ts: T0 + 1, register: 50 }, { ts: T0 + 2, register: 60 }, { ts: T0 + 2, register: 60 }];
    const b = computeConsumption(null, pts, T0, T0 + 90, 60);
    expect(b).toEqual([{ start: T0, end: T0 + 60, used: 10, readings: 2 }, { start: T0 + 60, end: T0 + 90, used: 0, readings: 0 }]);
  });

  it('rejects bad ranges with a typed error', () => {
    expect(() => computeConsumption(null, [], T0, T0, 1)).toThrow(TelemetryQueryError);
    expect(() => computeConsumption(null, [], T0, T0 + 10, 0)).toThrow(TelemetryQueryError);
    expect(() => computeConsumption(null, [], T0, T0 + 1e9, 1)).toThrow(TelemetryQueryError);
  });

  it('property: buckets sum to the total, and totals over adjacent ranges add up', () => {
    const arb = fc.array(fc.record({ ts: fc.integer({ min: 0, max: 10_000 }), register: fc.integer({ min: 0, max: 1e6 }) }), { maxLength: 60 });
    fc.assert(fc.property(arb, fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 2, max: 500 }), (raw, cut, every) => {
      const pts = raw.map((p) => ({ ts: T0 + p.ts, register: p.register }));
      const from = T0, to = T0 + 10_001, mid = T0 + cut;
      const b = computeConsumption(null, pts, from, to, every);
      const total = totalConsumption(null, pts, from, to);
      expect(b.reduce((s, x) => s + x.used, 0)).toBe(total.used);
      const before = pts.filter((p) => p.ts < mid).sort((a, c) => a.ts - c.ts);
      // last point before mid (the later one given wins on equal times)
      let prev: RegisterPoint | null = null;
      for (const p of before) if (!prev || p.ts >= prev.ts) prev = p;
      const left = totalConsumption(null, pts, from, mid);
      const right = totalConsumption(prev, pts, mid, to);
      expect(left.used + right.used).toBe(total.used);
    }));
  });
});
