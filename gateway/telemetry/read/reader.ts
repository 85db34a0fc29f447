// Reading telemetry back: consumption history and fleet aggregates. Two implementations (SQL store, InfluxDB)
// fetch raw register points; everything else is computed here, once, so both give the same answers.
import type { MeterEvent } from '../../../protocols/index.ts';
import type { Queryable } from '../../../platform/index.ts';
import {
  checkRange, computeConsumption, emptyBuckets, totalConsumption, TelemetryQueryError,
  type ConsumptionBucket, type RegisterPoint,
} from './consumption.ts';

export interface ConsumptionSeries {
  meterId: string;
  from: number;
  to: number;
  every: number;
  buckets: ConsumptionBucket[];
  /** Sum of the buckets. */
  total: number;
}

export interface AreaLoad {
  area: string;
  service: string;
  buckets: ConsumptionBucket[];
  total: number;
  /** Meters that reported in the range. */
  meters: number;
}

export interface TopConsumer {
  meterId: string;
  service: string;
  area: string;
  used: number;
  readings: number;
}

export interface SilentMeter {
  meterId: string;
  service: string;
  area: string;
  /** Gateway clock of the last message (registry meter_state.last_seen_ms); null: never heard from. */
  lastSeen: number | null;
  silentForMs: number | null;
}

export interface TelemetryReader {
  readonly kind: 'sql' | 'influx';
  /** Energy (Wh) or volume (L) used per interval, from register differences (see consumption.ts for the rule). */
  consumption(meterId: string, fromMs: number, toMs: number, everyMs: number): Promise<ConsumptionSeries>;
  /** Total used per area and service, per interval (service separates Wh from litres). */
  loadByArea(fromMs: number, toMs: number, everyMs: number): Promise<AreaLoad[]>;
  /** The n meters that used most in [from, to), optionally of one service; ties by meter id. */
  topConsumers(fromMs: number, toMs: number, n: number, service?: string): Promise<TopConsumer[]>;
  /** Registered meters not heard from for olderThanMs (or never), longest silent first. */
  silentMeters(olderThanMs: number, nowMs?: number): Promise<SilentMeter[]>;
  /** A meter's events (tokens, relay, tamper, alarms) in [from, to), newest first, at most `limit`. */
  events(meterId: string, fromMs: number, toMs: number, limit: number): Promise<MeterEvent[]>;
}

export interface MeterPoints {
  prev: RegisterPoint | null;
  points: RegisterPoint[];
}

interface RegistryEntry {
  service: string;
  area: string;
}

/** Everything but fetching points: shared by the SQL and InfluxDB readers. */
export abstract class BaseTelemetryReader implements TelemetryReader {
  abstract readonly kind: 'sql' | 'influx';
  /** Registry (SQL): areas, services and last-seen times come from here for both readers. */
  constructor(protected readonly registry: Queryable) {}

  /** Readings of one meter with from ≤ ts < to, and the last one before from. */
  protected abstract meterPoints(meterId: string, fromMs: number, toMs: number): Promise<MeterPoints>;
  /** The same for every meter with readings in [from, to). */
  protected abstract fleetPoints(fromMs: number, toMs: number): Promise<Map<string, MeterPoints>>;

  abstract events(meterId: string, fromMs: number, toMs: number, limit: number): Promise<MeterEvent[]>;

  async consumption(meterId: string, fromMs: number, toMs: number, everyMs: number): Promise<ConsumptionSeries> {
    checkRange(fromMs, toMs, everyMs);
    const { prev, points } = await this.meterPoints(meterId, fromMs, toMs);
    const buckets = computeConsumption(prev, points, fromMs, toMs, everyMs);
    return { meterId, from: fromMs, to: toMs, every: everyMs, buckets, total: buckets.reduce((s, b) => s + b.used, 0) };
  }

  async loadByArea(fromMs: number, toMs: number, everyMs: number): Promise<AreaLoad[]> {
    checkRange(fromMs, toMs, everyMs);
    const fleet = await this.fleetPoints(fromMs, toMs);
    const reg = await this.registryOf([...fleet.keys()]);
    const byKey = new Map<string, AreaLoad>();
    for (const [meterId, mp] of fleet) {
      const r = reg.get(meterId) ?? { service: 'unknown', area: 'unknown' };
      const key = `${r.area}\u0000${r.service}`;
      let a = byKey.get(key);
      if (!a) byKey.set(key, (a = { area: r.area, service: r.service, buckets: emptyBuckets(fromMs, toMs, everyMs), total: 0, meters: 0 }));
      const b = computeConsumption(mp.prev, mp.points, fromMs, toMs, everyMs);
      for (let i = 0; i < b.length; i++) {
        a.buckets[i]!.used += b[i]!.used;
        a.buckets[i]!.readings += b[i]!.readings;
        a.total += b[i]!.used;
      }
      a.meters++;
    }
    return [...byKey.values()].sort((x, y) => x.area.localeCompare(y.area) || x.service.localeCompare(y.service));
  }

  async topConsumers(fromMs: number, toMs: number, n: number, service?: string): Promise<TopConsumer[]> {
    checkRange(fromMs, toMs);
    if (!Number.isSafeInteger(n) || n <= 0) throw new TelemetryQueryError('n must be a positive integer');
    const fleet = await this.fleetPoints(fromMs, toMs);
    const reg = await this.registryOf([...fleet.keys()]);
    const rows: TopConsumer[] = [];
    for (const [meterId, mp] of fleet) {
      const r = reg.get(meterId) ?? { service: 'unknown', area: 'unknown' };
      if (service !== undefined && r.service !== service) continue;
      const t = totalConsumption(mp.prev, mp.points, fromMs, toMs);
      rows.push({ meterId, service: r.service, area: r.area, used: t.used, readings: t.readings });
    }
    rows.sort((a, b) => b.used - a.used || (a.meterId < b.meterId ? -1 : a.meterId > b.meterId ? 1 : 0));
    return rows.slice(0, n);
  }

  async silentMeters(olderThanMs: number, nowMs = Date.now()): Promise<SilentMeter[]> {
    if (!Number.isSafeInteger(olderThanMs) || olderThanMs < 0) throw new TelemetryQueryError('olderThan must be a non-negative number of milliseconds');
    const r = await this.registry.query<{ id: string; service: string; area: string; last_seen_ms: unknown }>(
      `SELECT m.id, m.service, m.area, s.last_seen_ms FROM meters m LEFT JOIN meter_state s ON s.meter_id = m.id
       WHERE s.last_seen_ms IS NULL OR s.last_seen_ms < $1 ORDER BY s.last_seen_ms ASC NULLS FIRST, m.id`,
      [nowMs - olderThanMs],
    );
    return r.rows.map((x) => {
      const lastSeen = x.last_seen_ms == null ? null : Number(x.last_seen_ms);
      return { meterId: x.id, service: x.service, area: x.area, lastSeen, silentForMs: lastSeen === null ? null : nowMs - lastSeen };
    });
  }

  protected async registryOf(ids: string[]): Promise<Map<string, RegistryEntry>> {
    const out = new Map<string, RegistryEntry>();
    for (let i = 0; i < ids.length; i += 5000) {
      const r = await this.registry.query<{ id: string; service: string; area: string }>('SELECT id, service, area FROM meters WHERE id = ANY($1)', [ids.slice(i, i + 5000)]);
      for (const x of r.rows) out.set(x.id, { service: x.service, area: x.area });
    }
    return out;
  }
}
