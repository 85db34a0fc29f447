// Token identifier (TID): whole minutes since the base date, 24 bits (IEC 62055-41 6.3.5).
// TIDs are computed on the wall clock of a stated time zone (UTC by default): the base date is
// midnight of 1 January in that zone, seconds are truncated.
import { StsRangeError, StsTimeError } from './errors.ts';

export type BaseDate = 1993 | 2014 | 2035;
export const BASE_DATES: readonly BaseDate[] = [1993, 2014, 2035];
export const TID_MAX = 0xffffff;
const MINUTE = 60_000;

export function isBaseDate(x: unknown): x is BaseDate {
  return x === 1993 || x === 2014 || x === 2035;
}

export function assertBaseDate(x: unknown, fieldName = 'baseDate'): BaseDate {
  if (typeof x === 'string' && /^\d{4}$/.test(x.trim())) x = Number(x);
  if (!isBaseDate(x)) throw new StsRangeError(`${fieldName} must be 1993, 2014 or 2035`, fieldName);
  return x;
}

/** Wall-clock epoch (ms, as if UTC) of the base date. */
export function baseDateWallMs(base: BaseDate): number {
  return Date.UTC(base, 0, 1);
}

/** Last valid minute of a base date (TID 0xFFFFFF) as a wall-clock ISO string, e.g. 2024-11-24T20:15. */
export function lastValidMinute(base: BaseDate): string {
  return new Date(baseDateWallMs(base) + TID_MAX * MINUTE).toISOString().slice(0, 16);
}

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      throw new StsTimeError(`unknown time zone "${timeZone}"`, 'timeZone');
    }
    dtfCache.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a time zone, as epoch ms "as if UTC". */
export function wallClockMs(instantMs: number, timeZone = 'UTC'): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return instantMs;
  const parts = dtf(timeZone).formatToParts(new Date(instantMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? '0');
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * Wall-clock ms (as if UTC) of an ISO date-time. A string without a zone is already wall-clock time in
 * the vending time zone; one with `Z` or an offset is an instant, converted to the zone's wall clock.
 */
export function isoToWallMs(iso: string, timeZone = 'UTC'): number {
  const s = iso.trim();
  const m = NAIVE.exec(s);
  if (m) {
    const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(ms);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
      throw new StsTimeError(`"${iso}" is not a valid date-time`, 'issuedAt');
    }
    return ms;
  }
  if (ZONED.test(s)) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) throw new StsTimeError(`"${iso}" is not a valid date-time`, 'issuedAt');
    return wallClockMs(t, timeZone);
  }
  throw new StsTimeError(`"${iso}" is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])`, 'issuedAt');
}

/** TID of a wall-clock time (ms as if UTC) on a base date; throws outside 0..0xFFFFFF. */
export function tidFromWallMs(wallMs: number, base: BaseDate): number {
  const tid = Math.floor((wallMs - baseDateWallMs(base)) / MINUTE);
  if (tid < 0) throw new StsTimeError(`date-time is before the base date ${base}-01-01`, 'issuedAt');
  if (tid > TID_MAX) {
    throw new StsTimeError(`date-time is after the last valid minute of base date ${base} (${lastValidMinute(base)}); a TID roll-over key change to the next base date is needed`, 'issuedAt');
  }
  return tid;
}

/** TID of an ISO date-time or Date on a base date, read in the vending time zone. */
export function tidFromDate(when: string | Date | number, base: BaseDate, timeZone = 'UTC'): number {
  if (timeZone !== 'UTC') dtf(timeZone); // validates the zone
  const wall = typeof when === 'string' ? isoToWallMs(when, timeZone) : wallClockMs(when instanceof Date ? when.getTime() : when, timeZone);
  if (Number.isNaN(wall)) throw new StsTimeError('invalid date', 'issuedAt');
  return tidFromWallMs(wall, base);
}

/** Wall-clock ISO minute of a TID, e.g. "2004-03-01T13:55" (no zone: it is in the vending zone). */
export function tidToWallIso(tid: number, base: BaseDate): string {
  return new Date(baseDateWallMs(base) + tid * MINUTE).toISOString().slice(0, 16);
}

/** The ISO form used in outputs: with `Z` when the zone is UTC, naive wall-clock otherwise. */
export function tidToIso(tid: number, base: BaseDate, timeZone = 'UTC'): string {
  const w = new Date(baseDateWallMs(base) + tid * MINUTE).toISOString().slice(0, 19);
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? `${w}Z` : w;
}

export function assertTid(tid: unknown, fieldName = 'tid'): number {
  if (typeof tid === 'string' && /^\d+$/.test(tid.trim())) tid = Number(tid);
  if (typeof tid !== 'number' || !Number.isInteger(tid) || tid < 0 || tid > TID_MAX) {
    throw new StsRangeError(`${fieldName} must be an integer 0..${TID_MAX}`, fieldName);
  }
  return tid;
}

/**
 * Same-minute rule: when several TID-bearing tokens are generated for one meter within one minute,
 * each later one gets the next free TID. Returns the TID to use given the last one issued.
 */
export function nextUniqueTid(wanted: number, lastIssued: number | undefined): number {
  const tid = lastIssued !== undefined && wanted <= lastIssued ? lastIssued + 1 : wanted;
  if (tid > TID_MAX) throw new StsTimeError('no TID left on this base date; a roll-over key change is needed', 'tid');
  return tid;
}

/** Key expiry (KEN): a token is rejected when (TID >> 16) > KEN; KEN 255 never expires. */
export function isKeyExpired(tid: number, ken: number): boolean {
  return ken !== 0xff && tid >>> 16 > ken;
}
