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
       tamper = $12, low_credit = $13, emergency_credit = $14
     WHERE meter_id = $1 AND $4::bigint <= $2::bigint + $15::bigint
       AND (last_ts_ms IS NULL OR last_ts_ms > $2::bigint + $15::bigint OR last_ts_ms < $4::bigint
         OR (last_ts_ms = $4::bigint AND coalesce(last_seq, -1) < $3::bigint)
         OR (last_ts_ms > $2::bigint AND coalesce(last_seq, -1) < $3::bigint))`,
    [meterId, receivedAt, r.seq, r.ts, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, r.tamper ?? false, r.lowCredit ?? false, r.emergencyCredit ?? false, maxSkewMs],
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
