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

/** Updates the latest state if this reading is newer than what is held (replays and late readings do not roll it back). */
export async function applyLatestReading(q: Queryable, meterId: string, r: TelemetryReading, receivedAt = Date.now()): Promise<void> {
  await q.query(
    `INSERT INTO meter_state AS s (meter_id, online, last_seen_ms, last_seq, last_ts_ms, register, credit, relay, power_w, voltage_v, current_a, flow_lph,
       tamper, low_credit, emergency_credit)
     SELECT $1, true, $2::bigint, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 WHERE EXISTS (SELECT 1 FROM meters WHERE id = $1)
     ON CONFLICT (meter_id) DO UPDATE SET online = true, last_seen_ms = greatest(coalesce(s.last_seen_ms, 0), EXCLUDED.last_seen_ms),
       last_seq = EXCLUDED.last_seq, last_ts_ms = EXCLUDED.last_ts_ms, register = EXCLUDED.register, credit = EXCLUDED.credit, relay = EXCLUDED.relay,
       power_w = EXCLUDED.power_w, voltage_v = EXCLUDED.voltage_v, current_a = EXCLUDED.current_a, flow_lph = EXCLUDED.flow_lph,
       tamper = EXCLUDED.tamper, low_credit = EXCLUDED.low_credit, emergency_credit = EXCLUDED.emergency_credit
     WHERE s.last_ts_ms IS NULL OR s.last_ts_ms <= EXCLUDED.last_ts_ms`,
    [meterId, receivedAt, r.seq, r.ts, r.register, r.credit, r.relay, r.powerW ?? null, r.voltageV ?? null, r.currentA ?? null, r.flowLph ?? null, r.tamper ?? false, r.lowCredit ?? false, r.emergencyCredit ?? false],
  );
}
