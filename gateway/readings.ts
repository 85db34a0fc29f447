// Readings and events in the SQL store, keyed by meter and meter time: a replay is a no-op; a different reading
// with the identity of a stored one is kept apart in reading_conflicts (never overwrites). Events: replays overwrite.
import type { Queryable } from '../platform/index.ts';
import type { MeterEvent, TelemetryReading } from '../protocols/index.ts';
import { readingFlags } from './meter-state.ts';

export interface StoredReading {
  meterId: string;
  reading: TelemetryReading;
}

/** A reading that collided with a different stored one (same meter and ts); kept in reading_conflicts. */
export interface ReadingConflict {
  meterId: string;
  ts: number;
  seq: number;
}

const READING_COLS = 11;
const readingRow = (meterId: string, r: TelemetryReading): unknown[] =>
  [meterId, r.ts, r.seq, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, readingFlags(r)];
const CASTS = ['text', 'bigint', 'bigint', 'bigint', 'bigint', 'text', 'double precision', 'double precision', 'double precision', 'double precision', 'integer', 'text'];

/**
 * Stores readings by identity (meter, ts). A replay of a stored reading is a no-op; a reading with the identity
 * of a stored one but different content does NOT overwrite it: it is kept in reading_conflicts (once) and
 * returned, so the caller can count and log it. Within one call, the first reading of an identity is the one stored.
 */
export async function upsertReadings(q: Queryable, input: StoredReading[], nowMs = Date.now()): Promise<ReadingConflict[]> {
  if (!input.length) return [];
  // One statement sees the table as it was before it: readings of the same identity in one batch go in rounds
  // (the first of each identity, then the second, ...), so a later one is compared with the one stored before it.
  const rounds: StoredReading[][] = [];
  const seen = new Map<string, number>();
  for (const r of input) {
    const k = `${r.meterId}\u0000${r.reading.ts}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (rounds[n] ??= []).push(r);
  }
  const conflicts: ReadingConflict[] = [];
  for (const batch of rounds) {
    const values: string[] = [];
    const params: unknown[] = [];
    batch.forEach(({ meterId, reading }, i) => {
      const row = readingRow(meterId, reading);
      row.push(JSON.stringify(row.slice(2)));
      const b = i * (READING_COLS + 1);
      values.push(`(${row.map((_, j) => `$${b + j + 1}::${CASTS[j]}`).join(', ')})`);
      params.push(...row);
    });
    params.push(nowMs);
    // Data-modifying CTE: the final INSERT's join sees `readings` before `ins`, i.e. only rows stored earlier.
    const r = await q.query<{ meter_id: string; ts_ms: unknown; seq: unknown }>(
      `WITH input (meter_id, ts_ms, seq, register, credit, relay, power_w, voltage_v, current_a, flow_lph, flags, body) AS (VALUES ${values.join(', ')}),
       ins AS (
         INSERT INTO readings (meter_id, ts_ms, seq, register, credit, relay, power_w, voltage_v, current_a, flow_lph, flags)
         SELECT meter_id, ts_ms, seq, register, credit, relay, power_w, voltage_v, current_a, flow_lph, flags FROM input
         ON CONFLICT (meter_id, ts_ms) DO NOTHING
         RETURNING 1
       )
       INSERT INTO reading_conflicts (meter_id, ts_ms, seq, body, first_seen_ms)
       SELECT i.meter_id, i.ts_ms, i.seq, i.body, $${params.length}::bigint
       FROM input i JOIN readings s ON s.meter_id = i.meter_id AND s.ts_ms = i.ts_ms
       WHERE (s.seq, s.register, s.credit, s.relay, s.power_w, s.voltage_v, s.current_a, s.flow_lph, s.flags)
         IS DISTINCT FROM (i.seq, i.register, i.credit, i.relay, i.power_w, i.voltage_v, i.current_a, i.flow_lph, i.flags)
       ON CONFLICT DO NOTHING
       RETURNING meter_id, ts_ms, seq`,
      params,
    );
    for (const c of r.rows) conflicts.push({ meterId: c.meter_id, ts: Number(c.ts_ms), seq: Number(c.seq) });
  }
  return conflicts;
}

export async function countReadingConflicts(q: Queryable, meterId?: string): Promise<number> {
  const r = meterId
    ? await q.query<{ n: unknown }>('SELECT count(*) AS n FROM reading_conflicts WHERE meter_id = $1', [meterId])
    : await q.query<{ n: unknown }>('SELECT count(*) AS n FROM reading_conflicts');
  return Number(r.rows[0]!.n);
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
