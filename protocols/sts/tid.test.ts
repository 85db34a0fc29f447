import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StsTimeError } from './errors.ts';
import { TID_MAX, isKeyExpired, lastValidMinute, nextUniqueTid, tidFromDate, tidToIso, tidToWallIso } from './tid.ts';

describe('TID', () => {
  it('IEC example: 1996-03-25 13:55 on base 1993 -> 0x19EB23 (seconds truncated)', () => {
    expect(tidFromDate('1996-03-25T13:55:22', 1993)).toBe(0x19eb23);
    expect(tidFromDate('1996-03-25 13:55:59', 1993)).toBe(0x19eb23);
  });
  it('base dates 1993, 2014, 2035 and their last valid minutes', () => {
    expect(tidFromDate('1993-01-01T00:00', 1993)).toBe(0);
    expect(tidFromDate('2014-01-01T00:00', 2014)).toBe(0);
    expect(tidFromDate('2035-01-01T00:01', 2035)).toBe(1);
    expect(lastValidMinute(1993)).toBe('2024-11-24T20:15');
    expect(lastValidMinute(2014)).toBe('2045-11-24T20:15');
    expect(lastValidMinute(2035)).toBe('2066-11-24T20:15');
    expect(tidFromDate('2024-11-24T20:15:59', 1993)).toBe(TID_MAX);
    expect(() => tidFromDate('2024-11-24T20:16', 1993)).toThrow(/roll-over/);
    expect(() => tidFromDate('1992-12-31T23:59', 1993)).toThrow(StsTimeError);
  });
  it('times without a zone are wall-clock times of the vending zone; zoned times are converted to it', () => {
    const utc = tidFromDate('2004-03-01T13:55', 1993);
    expect(tidFromDate('2004-03-01T13:55Z', 1993)).toBe(utc);
    expect(tidFromDate('2004-03-01T15:55+02:00', 1993)).toBe(utc);
    expect(tidFromDate('2004-03-01T13:55', 1993, 'Africa/Johannesburg')).toBe(utc);
    expect(tidFromDate('2004-03-01T11:55Z', 1993, 'Africa/Johannesburg')).toBe(utc);
    expect(tidFromDate(new Date(Date.UTC(2004, 2, 1, 10, 55)), 1993, 'Africa/Nairobi')).toBe(utc);
    expect(() => tidFromDate('2004-03-01T13:55', 1993, 'Mars/Olympus')).toThrow(/time zone/);
  });
  it('rejects malformed or impossible date-times', () => {
    for (const s of ['2004-02-30T10:00', '2004-03-01', 'yesterday', '2004-03-01T24:00', '2004-13-01T00:00']) expect(() => tidFromDate(s, 1993)).toThrow(StsTimeError);
  });
  it('round-trips through the ISO form', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: TID_MAX }), fc.constantFrom(1993 as const, 2014 as const, 2035 as const), (tid, base) => {
      expect(tidFromDate(tidToIso(tid, base), base)).toBe(tid);
      expect(tidFromDate(tidToWallIso(tid, base), base)).toBe(tid);
    }));
  });
  it('same-minute rule: several tokens in one minute get increasing TIDs', () => {
    expect(nextUniqueTid(100, undefined)).toBe(100);
    expect(nextUniqueTid(100, 99)).toBe(100);
    expect(nextUniqueTid(100, 100)).toBe(101);
    expect(nextUniqueTid(100, 105)).toBe(106);
    expect(() => nextUniqueTid(TID_MAX, TID_MAX)).toThrow(/roll-over/);
  });
  it('key expiry: (TID >> 16) > KEN; 255 never expires', () => {
    expect(isKeyExpired(0x85ffff, 0x85)).toBe(false);
    expect(isKeyExpired(0x860000, 0x85)).toBe(true);
    expect(isKeyExpired(TID_MAX, 255)).toBe(false);
    expect(isKeyExpired(0, 0)).toBe(false);
    expect(isKeyExpired(0x10000, 0)).toBe(true);
  });
});
