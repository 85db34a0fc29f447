// Readings and events in the SQL store. Upserts keyed by meter and meter time, so replays overwrite.
import type { Queryable } from '../platform/index.ts';
import type { MeterEvent, TelemetryReading } from '../protocols/index.ts';
import { readingFlags } from './meter-state.ts';

export interface StoredReading {
  meterId: string;
  reading: TelemetryReading;
}

export async function upsertReadings(q: Queryable, input: StoredReading[]): Promise<void> {
  if (!input.length) return;
  // One statement may not touch a row twice: of readings with the same meter and time, the last one wins (as in InfluxDB).
  const byKey = new Map<string, StoredReading>();
  for (const r of input) byKey.set(`${r.meterId}\u0000${r.reading.ts}`, r);
  const batch = [...byKey.values()];
  const cols = 11;
  const values: string[] = [];
  const params: unknown[] = [];
  batch.forEach(({ meterId, reading: r }, i) => {
    const b = i * cols;
    values.push(`(${Array.from({ length: cols }, (_, j) => `$${b + j + 1}`).join(', ')})`);
    params.push(meterId, r.ts, r.seq, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, readingFlags(r));
  });
  await q.query(
    `INSERT INTO readings (meter_id, ts_ms, seq, register, credit, relay, power_w, voltage_v, current_a, flow_lph, flags)
     VALUES ${values.join(', ')}
     ON CONFLICT (meter_id, ts_ms) DO UPDATE SET seq = excluded.seq, register = excluded.register, credit = excluded.credit,
       relay = excluded.relay, power_w = excluded.power_w, voltage_v = excluded.voltage_v, current_a = excluded.current_a,
       flow_lph = excluded.flow_lph, flags = excluded.flags`,
    params,
  );
}

export async function upsertEvents(q: Queryable, batch: { meterId: string; event: MeterEvent }[]): Promise<void> {
  for (const { meterId, event } of batch) {
    await q.query(
      `INSERT INTO meter_events (meter_id, ts_ms, seq, type, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (meter_id, seq, ts_ms) DO UPDATE SET type = excluded.type, body = excluded.body`,
      [meterId, event.ts, event.seq, event.type, JSON.stringify(event)],
    );
  }
}

export interface ReadingRow {
  ts: number;
  seq: number;
  register: number;
  credit: number;
  relay: string;
  powerW: number | null;
}

export async function listReadings(q: Queryable, meterId: string, fromMs: number, toMs: number, limit = 10_000): Promise<ReadingRow[]> {
  const r = await q.query<Record<string, unknown>>(
    `SELECT ts_ms, seq, register, credit, relay, power_w FROM readings WHERE meter_id = $1 AND ts_ms >= $2 AND ts_ms < $3 ORDER BY ts_ms LIMIT $4`,
    [meterId, fromMs, toMs, limit],
  );
  return r.rows.map((x) => ({ ts: Number(x.ts_ms), seq: Number(x.seq), register: Number(x.register), credit: Number(x.credit), relay: x.relay as string, powerW: x.power_w == null ? null : Number(x.power_w) }));
}

export async function countReadings(q: Queryable, meterId?: string): Promise<number> {
  const r = meterId
    ? await q.query<{ n: unknown }>('SELECT count(*) AS n FROM readings WHERE meter_id = $1', [meterId])
    : await q.query<{ n: unknown }>('SELECT count(*) AS n FROM readings');
  return Number(r.rows[0]!.n);
}
