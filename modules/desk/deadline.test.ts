// Properties of working-time deadlines: the due instant is never inside a weekend or outside working
// hours (except exactly at closing), more minutes never end earlier, and 80 % never comes after 100 %.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingMinutes, deadlineOf, GULF_WORKING_WEEK } from './deadline.ts';
import { localParts } from '../policy/index.ts';

const TZ = 'Asia/Muscat';
const start = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });

describe('working-time deadlines', () => {
  it('end inside the working week, monotone in minutes, warn before due', () => {
    fc.assert(fc.property(start, fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 500 }), (t0, minutes, extra) => {
      const due = addWorkingMinutes(t0, minutes, TZ);
      const p = localParts(due, TZ);
      expect(GULF_WORKING_WEEK.days).toContain(p.dow);
      expect(p.minutes).toBeGreaterThan(GULF_WORKING_WEEK.startMinute - 1);
      expect(p.minutes).toBeLessThanOrEqual(GULF_WORKING_WEEK.endMinute);
      expect(due).toBeGreaterThan(t0);
      expect(addWorkingMinutes(t0, minutes + extra, TZ)).toBeGreaterThanOrEqual(due);
      const { warnAt, dueAt } = deadlineOf(t0, minutes, 'working', TZ);
      expect(warnAt).toBeLessThanOrEqual(dueAt);
      expect(dueAt).toBe(due);
    }), { numRuns: 300 });
  });

  it('a working day holds exactly its hours: 420 minutes from opening end at closing', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 700 }), (day) => {
      const date = new Date(Date.parse('2026-01-04T00:00:00Z') + day * 86_400_000).toISOString().slice(0, 10);
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (!GULF_WORKING_WEEK.days.includes(dow)) return;
      const open = Date.parse(`${date}T07:30:00+04:00`);
      expect(addWorkingMinutes(open, 420, TZ)).toBe(Date.parse(`${date}T14:30:00+04:00`));
    }), { numRuns: 200 });
  });
});
