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
       register = $5, credit = $6, relay = $7, power_w = $8, voltage_v = $9, current_a = $10, flow_lph = $11,
       tamper = $12, low_credit = $13, emergency_credit = $14
     WHERE meter_id = $1 AND $4::bigint <= $2::bigint + $15::bigint
       AND (last_ts_ms IS NULL OR last_ts_ms > $2::bigint + $15::bigint OR last_ts_ms < $4::bigint
         OR (last_ts_ms = $4::bigint AND coalesce(last_seq, -1) < $3::bigint)
         OR (last_ts_ms > $2::bigint AND coalesce(last_seq, -1) < $3::bigint))`,
    [meterId, receivedAt, r.seq, r.ts, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, r.tamper ?? false, r.lowCredit ?? false, r.emergencyCredit ?? false, maxSkewMs],
  );
  if (applied.affectedRows === 0) await setSeen(q, meterId, receivedAt);
}

async function setSeen(q: Queryable, meterId: string, at: number): Promise<void> {
  await q.query('UPDATE meter_state SET online = true, last_seen_ms = greatest(coalesce(last_seen_ms, 0), $2::bigint) WHERE meter_id = $1', [meterId, at]);
}
