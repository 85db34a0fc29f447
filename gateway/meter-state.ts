// Each meter's latest state (gateway/migrations/015_meter_state.sql): what the gateway last heard from it.
// Rows are created on first contact; a meter the registry does not know gets none.
import type { Queryable } from '../platform/index.ts';
import type { TelemetryReading } from '../protocols/index.ts';

export async function setOnline(q: Queryable, id: string, online: boolean, at = Date.now()): Promise<void> {
  await q.query(
    `INSERT INTO meter_state (meter_id, online, last_seen_ms) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM meters WHERE id = $1)
     ON CONFLICT (meter_id) DO UPDATE SET online = EXCLUDED.online, last_seen_ms = EXCLUDED.last_seen_ms`,
    [id, online, at],
  );
}

const FLAG_TAMPER = 1, FLAG_LOW = 2, FLAG_EMERGENCY = 4;
export function readingFlags(r: TelemetryReading): number {
  return (r.tamper ? FLAG_TAMPER : 0) | (r.lowCredit ? FLAG_LOW : 0) | (r.emergencyCredit ? FLAG_EMERGENCY : 0);
}

/** The state row of a registered meter, created on first contact (a meter the registry does not know gets none). */
async function ensureRow(q: Queryable, meterId: string): Promise<void> {
  await q.query('INSERT INTO meter_state (meter_id) SELECT $1 WHERE EXISTS (SELECT 1 FROM meters WHERE id = $1) ON CONFLICT (meter_id) DO NOTHING', [meterId]);
}

/**
 * Updates the latest state if this reading supersedes what is held — by seq and ts together, the rule of
 * gateway/plausibility.ts `supersedes`: a newer meter time; the same time with a higher seq; a higher seq while the
 * held time is ahead of the gateway's clock (receivedAt); anything while the held time is more than maxSkewMs in
 * the future (heals rows poisoned by a far-future reading). Replays and late readings do not roll it back, and a
 * reading beyond the skew never gets in. The meter counts as seen (online) either way.
 */
export async function applyLatestReading(q: Queryable, meterId: string, r: TelemetryReading, receivedAt = Date.now(), maxSkewMs = 300_000): Promise<void> {
  await ensureRow(q, meterId);
  const applied = await q.query(
    `UPDATE meter_state SET online = true, last_seen_ms = greatest(coalesce(last_seen_ms, 0), $2::bigint), last_seq = $3, last_ts_ms = $4,
       register = $5,
       credit = CASE WHEN credit_at_ms IS NOT NULL AND credit_at_ms > $4::bigint AND credit_at_ms <= $2::bigint + $15::bigint THEN credit ELSE $6 END,
       relay = CASE WHEN relay_at_ms IS NOT NULL AND relay_at_ms > $4::bigint AND relay_at_ms <= $2::bigint + $15::bigint THEN relay ELSE $7 END,
       power_w = $8, voltage_v = $9, current_a = $10, flow_lph = $11,
       tamper = $12, low_credit = $13, emergency_credit = $14, firmware_version = coalesce($16::text, firmware_version)
     WHERE meter_id = $1 AND $4::bigint <= $2::bigint + $15::bigint
       AND (last_ts_ms IS NULL OR last_ts_ms > $2::bigint + $15::bigint OR last_ts_ms < $4::bigint
         OR (last_ts_ms = $4::bigint AND coalesce(last_seq, -1) < $3::bigint)
         OR (last_ts_ms > $2::bigint AND coalesce(last_seq, -1) < $3::bigint))`,
    [meterId, receivedAt, r.seq, r.ts, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, r.tamper ?? false, r.lowCredit ?? false, r.emergencyCredit ?? false, maxSkewMs, r.firmwareVersion ?? null],
  );
  if (applied.affectedRows === 0) await setSeen(q, meterId, receivedAt);
}

/**
 * A relay (or valve) state the meter reported outside a reading — an acknowledged relay command or a relay event —
 * dated `ts` by the meter's clock. Applied at once unless the held reading or an earlier acknowledgement is newer;
 * a later reading dated before `ts` does not roll it back (applyLatestReading). Returns whether it was applied.
 */
export async function applyRelayState(q: Queryable, meterId: string, relay: string, ts: number, receivedAt = Date.now(), maxSkewMs = 300_000): Promise<boolean> {
  if (ts > receivedAt + maxSkewMs) return false;
  await ensureRow(q, meterId);
  const r = await q.query(
    `UPDATE meter_state SET relay = $2, relay_at_ms = $3
     WHERE meter_id = $1 AND (last_ts_ms IS NULL OR last_ts_ms <= $3::bigint OR last_ts_ms > $4::bigint + $5::bigint)
       AND (relay_at_ms IS NULL OR relay_at_ms <= $3::bigint OR relay_at_ms > $4::bigint + $5::bigint)`,
    [meterId, relay, ts, receivedAt, maxSkewMs],
  );
  return r.affectedRows > 0;
}

/**
 * Credit added by a token the meter accepted (its token event's `credited`, register units), dated `ts` by the
 * meter's clock. Added to the held credit only when the held reading predates the token (a newer reading already
 * includes it) and once per meter time (a redelivered event adds nothing). Returns whether it was applied.
 */
export async function applyCredited(q: Queryable, meterId: string, credited: number, ts: number, receivedAt = Date.now(), maxSkewMs = 300_000): Promise<boolean> {
  if (ts > receivedAt + maxSkewMs || !Number.isSafeInteger(credited) || credited <= 0) return false;
  const r = await q.query(
    `UPDATE meter_state SET credit = credit + $2::bigint, credit_at_ms = $3
     WHERE meter_id = $1 AND credit IS NOT NULL AND (last_ts_ms IS NULL OR last_ts_ms < $3::bigint)
       AND (credit_at_ms IS NULL OR credit_at_ms < $3::bigint)`,
    [meterId, credited, ts],
  );
  return r.affectedRows > 0;
}

async function setSeen(q: Queryable, meterId: string, at: number): Promise<void> {
  await q.query('UPDATE meter_state SET online = true, last_seen_ms = greatest(coalesce(last_seen_ms, 0), $2::bigint) WHERE meter_id = $1', [meterId, at]);
}

/** One reading for applyLatestReadings: the meter, its reading and when the gateway received it. */
export interface LatestReadingInput {
  meterId: string;
  reading: TelemetryReading;
  receivedAt: number;
}

/**
 * applyLatestReading for many meters (one reading each) in three statements, whatever their number: rows created
 * for registered meters, the superseding readings applied by the same rule (same SQL conditions, the values from
 * arrays), and the rest counted as seen. Used by LatestStateWriter's flush, so a fleet of 10,000 meters costs three
 * round trips per flush instead of two per meter. Returns the meters whose reading was applied.
 */
export async function applyLatestReadings(q: Queryable, items: LatestReadingInput[], maxSkewMs = 300_000): Promise<Set<string>> {
  if (!items.length) return new Set();
  const ids = items.map((x) => x.meterId);
  if (new Set(ids).size !== ids.length) throw new Error('applyLatestReadings: one reading per meter');
  await q.query(
    'INSERT INTO meter_state (meter_id) SELECT u.id FROM unnest($1::text[]) AS u(id) WHERE EXISTS (SELECT 1 FROM meters WHERE meters.id = u.id) ON CONFLICT (meter_id) DO NOTHING',
    [ids],
  );
  const col = <T>(f: (x: LatestReadingInput) => T) => items.map(f);
  const applied = await q.query<{ meter_id: string }>(
    `UPDATE meter_state m SET online = true, last_seen_ms = greatest(coalesce(m.last_seen_ms, 0), r.received_at), last_seq = r.seq, last_ts_ms = r.ts,
       register = r.register,
       credit = CASE WHEN m.credit_at_ms IS NOT NULL AND m.credit_at_ms > r.ts AND m.credit_at_ms <= r.received_at + $15::bigint THEN m.credit ELSE r.credit END,
       relay = CASE WHEN m.relay_at_ms IS NOT NULL AND m.relay_at_ms > r.ts AND m.relay_at_ms <= r.received_at + $15::bigint THEN m.relay ELSE r.relay END,
       power_w = r.power_w, voltage_v = r.voltage_v, current_a = r.current_a, flow_lph = r.flow_lph,
       tamper = r.tamper, low_credit = r.low_credit, emergency_credit = r.emergency_credit, firmware_version = coalesce(r.firmware_version, m.firmware_version)
     FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::boolean[], $13::boolean[], $14::boolean[], $16::text[])
       AS r(meter_id, received_at, seq, ts, register, credit, relay, power_w, voltage_v, current_a, flow_lph, tamper, low_credit, emergency_credit, firmware_version)
     WHERE m.meter_id = r.meter_id AND r.ts <= r.received_at + $15::bigint
       AND (m.last_ts_ms IS NULL OR m.last_ts_ms > r.received_at + $15::bigint OR m.last_ts_ms < r.ts
         OR (m.last_ts_ms = r.ts AND coalesce(m.last_seq, -1) < r.seq)
         OR (m.last_ts_ms > r.received_at AND coalesce(m.last_seq, -1) < r.seq))
     RETURNING m.meter_id`,
    [
      ids, col((x) => x.receivedAt), col((x) => x.reading.seq), col((x) => x.reading.ts), col((x) => x.reading.register), col((x) => x.reading.credit),
      col((x) => x.reading.relay), col((x) => x.reading.powerW ?? null), col((x) => x.reading.voltageV ?? null), col((x) => x.reading.currentA ?? null),
      col((x) => x.reading.flowLph ?? null), col((x) => x.reading.tamper ?? false), col((x) => x.reading.lowCredit ?? false), col((x) => x.reading.emergencyCredit ?? false),
      maxSkewMs, col((x) => x.reading.firmwareVersion ?? null),
    ],
  );
  const done = new Set(applied.rows.map((r) => r.meter_id));
  const seen = items.filter((x) => !done.has(x.meterId));
  if (seen.length) {
    await q.query(
      `UPDATE meter_state m SET online = true, last_seen_ms = greatest(coalesce(m.last_seen_ms, 0), s.at)
       FROM unnest($1::text[], $2::bigint[]) AS s(meter_id, at) WHERE m.meter_id = s.meter_id`,
      [seen.map((x) => x.meterId), seen.map((x) => x.receivedAt)],
    );
  }
  return done;
}

/** setOnline for many meters in one statement (registered meters only; one entry per meter). */
export async function setOnlineMany(q: Queryable, items: { meterId: string; online: boolean; at: number }[]): Promise<void> {
  if (!items.length) return;
  await q.query(
    `INSERT INTO meter_state (meter_id, online, last_seen_ms)
     SELECT u.id, u.online, u.at FROM unnest($1::text[], $2::boolean[], $3::bigint[]) AS u(id, online, at) WHERE EXISTS (SELECT 1 FROM meters WHERE meters.id = u.id)
     ON CONFLICT (meter_id) DO UPDATE SET online = EXCLUDED.online, last_seen_ms = EXCLUDED.last_seen_ms`,
    [items.map((x) => x.meterId), items.map((x) => x.online), items.map((x) => x.at)],
  );
}
