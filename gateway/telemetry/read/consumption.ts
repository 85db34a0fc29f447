// Consumption from register readings: one pure function, shared by every TelemetryReader so that InfluxDB and
// the SQL store give the same numbers for the same readings.
//
// Rule (documented in docs/telemetry.md):
//  - Intervals are [from + k·every, from + (k+1)·every), the last one cut at `to`; `from` is not rounded.
//  - Readings are taken in meter-time order; the reading just before `from` (if any) is the starting point.
//  - Each reading b with a predecessor a contributes used(b) = b.register − a.register, or, when the register
//    went DOWN (meter replaced or cleared: a reset), b.register (counted from zero up to the new value).
//  - used(b) goes to the interval that contains b's time: a difference spanning missing readings (a gap)
//    is attributed to the interval of the later reading, never spread or interpolated. So intervals inside a
//    gap show 0 with readings = 0, and the total over any range is exact.
//  - The very first reading of a meter (no predecessor) contributes nothing: there is nothing to subtract.
//  - Two readings with the same meter time are one reading (the later one given wins), as in both stores.
import { DomainError } from '../../../platform/index.ts';

export interface RegisterPoint {
  /** Meter time, epoch ms. */
  ts: number;
  /** Cumulative register (Wh or L). */
  register: number;
}

export interface ConsumptionBucket {
  /** Interval start (inclusive) and end (exclusive), epoch ms. */
  start: number;
  end: number;
  /** Energy (Wh) or volume (L) used, attributed to this interval. */
  used: number;
  /** Readings whose time falls in the interval. */
  readings: number;
}

/** A question the readers cannot answer as asked (range, interval): the caller's to fix. */
export class TelemetryQueryError extends DomainError {
  override name = 'TelemetryQueryError';
  constructor(message: string) {
    super('invalid', 'bad_query', message, { slug: 'bad-request', exposeCode: false });
  }
}

/** At most this many intervals per answer. */
export const MAX_BUCKETS = 10_000;

export function checkRange(fromMs: number, toMs: number, everyMs?: number): void {
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs)) throw new TelemetryQueryError('from and to must be integer epoch milliseconds');
  if (toMs <= fromMs) throw new TelemetryQueryError('to must be after from');
  if (everyMs !== undefined) {
    if (!Number.isSafeInteger(everyMs) || everyMs <= 0) throw new TelemetryQueryError('every must be a positive number of milliseconds');
    if (Math.ceil((toMs - fromMs) / everyMs) > MAX_BUCKETS) throw new TelemetryQueryError(`at most ${MAX_BUCKETS} intervals per query: widen "every" or narrow the range`);
  }
}

/** Empty intervals covering [from, to). */
export function emptyBuckets(fromMs: number, toMs: number, everyMs: number): ConsumptionBucket[] {
  checkRange(fromMs, toMs, everyMs);
  const out: ConsumptionBucket[] = [];
  for (let s = fromMs; s < toMs; s += everyMs) out.push({ start: s, end: Math.min(s + everyMs, toMs), used: 0, readings: 0 });
  return out;
}

/** Sorts by time and keeps one point per time (the last given). */
export function normalisePoints(points: readonly RegisterPoint[]): RegisterPoint[] {
  const sorted = points.map((p, i) => ({ p, i })).sort((a, b) => a.p.ts - b.p.ts || a.i - b.i).map((x) => x.p);
  const out: RegisterPoint[] = [];
  for (const p of sorted) {
    if (out.length && out[out.length - 1]!.ts === p.ts) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** used(b) for a reading b after a (reset-aware). */
export function registerDelta(a: number, b: number): number {
  return b >= a ? b - a : b;
}

/**
 * Consumption per interval. `prev` is the last reading before `from` (or null); `points` are the readings
 * with from ≤ ts < to (others are ignored).
 */
export function computeConsumption(prev: RegisterPoint | null, points: readonly RegisterPoint[], fromMs: number, toMs: number, everyMs: number): ConsumptionBucket[] {
  const buckets = emptyBuckets(fromMs, toMs, everyMs);
  let last = prev && prev.ts < fromMs ? prev.register : null;
  for (const p of normalisePoints(points)) {
    if (p.ts < fromMs || p.ts >= toMs) continue;
    const b = buckets[Math.floor((p.ts - fromMs) / everyMs)]!;
    b.readings++;
    if (last !== null) b.used += registerDelta(last, p.register);
    last = p.register;
  }
  return buckets;
}

/** Total used over [from, to) by the same rule. */
export function totalConsumption(prev: RegisterPoint | null, points: readonly RegisterPoint[], fromMs: number, toMs: number): { used: number; readings: number } {
  let last = prev && prev.ts < fromMs ? prev.register : null;
  let used = 0;
  let readings = 0;
  for (const p of normalisePoints(points)) {
    if (p.ts < fromMs || p.ts >= toMs) continue;
    readings++;
    if (last !== null) used += registerDelta(last, p.register);
    last = p.register;
  }
  return { used, readings };
}
