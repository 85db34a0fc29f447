// TelemetryReader on the SQL store's readings table (embedded PGlite or PostgreSQL).
import type { Queryable } from '../../../platform/index.ts';
import type { MeterEvent } from '../../../protocols/index.ts';
import type { RegisterPoint } from './consumption.ts';
import { BaseTelemetryReader, type MeterPoints } from './reader.ts';

const pt = (r: { ts_ms: unknown; register: unknown }): RegisterPoint => ({ ts: Number(r.ts_ms), register: Number(r.register) });

export class SqlTelemetryReader extends BaseTelemetryReader {
  readonly kind = 'sql' as const;

  constructor(private readonly db: Queryable) {
    super(db);
  }

  protected async meterPoints(meterId: string, fromMs: number, toMs: number): Promise<MeterPoints> {
    const [inRange, before] = await Promise.all([
      this.db.query<{ ts_ms: unknown; register: unknown }>('SELECT ts_ms, register FROM readings WHERE meter_id = $1 AND ts_ms >= $2 AND ts_ms < $3 ORDER BY ts_ms', [meterId, fromMs, toMs]),
      this.db.query<{ ts_ms: unknown; register: unknown }>('SELECT ts_ms, register FROM readings WHERE meter_id = $1 AND ts_ms < $2 ORDER BY ts_ms DESC LIMIT 1', [meterId, fromMs]),
    ]);
    return { prev: before.rows[0] ? pt(before.rows[0]) : null, points: inRange.rows.map(pt) };
  }

  async events(meterId: string, fromMs: number, toMs: number, limit: number): Promise<MeterEvent[]> {
    const r = await this.db.query<{ body: unknown }>(
      'SELECT body FROM meter_events WHERE meter_id = $1 AND ts_ms >= $2 AND ts_ms < $3 ORDER BY ts_ms DESC, seq DESC LIMIT $4', [meterId, fromMs, toMs, limit],
    );
    return r.rows.map((x) => (typeof x.body === 'string' ? JSON.parse(x.body) : x.body) as MeterEvent);
  }

  protected async fleetPoints(fromMs: number, toMs: number): Promise<Map<string, MeterPoints>> {
    const out = new Map<string, MeterPoints>();
    const inRange = await this.db.query<{ meter_id: string; ts_ms: unknown; register: unknown }>(
      'SELECT meter_id, ts_ms, register FROM readings WHERE ts_ms >= $1 AND ts_ms < $2 ORDER BY meter_id, ts_ms',
      [fromMs, toMs],
    );
    for (const r of inRange.rows) {
      let m = out.get(r.meter_id);
      if (!m) out.set(r.meter_id, (m = { prev: null, points: [] }));
      m.points.push(pt(r));
    }
    if (!out.size) return out;
    // Last reading before `from`, only for meters that have readings in range (one index probe each).
    const before = await this.db.query<{ meter_id: string; ts_ms: unknown; register: unknown }>(
      `SELECT m.meter_id, p.ts_ms, p.register
       FROM unnest($1::text[]) AS m(meter_id)
       CROSS JOIN LATERAL (SELECT ts_ms, register FROM readings r WHERE r.meter_id = m.meter_id AND r.ts_ms < $2 ORDER BY ts_ms DESC LIMIT 1) p`,
      [[...out.keys()], fromMs],
    );
    for (const r of before.rows) out.get(r.meter_id)!.prev = pt(r);
    return out;
  }
}
