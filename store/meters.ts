// Meter registry and latest state.
import type { Queryable } from './db.ts';
import type { RelayState, ServiceType, TelemetryReading } from '../protocols/index.ts';

export interface StsParams {
  sgc: string;
  ti: number;
  krn: number;
  keyType: number;
  ea: 'STA' | 'DEA' | 'MISTY1';
  dkga: '02' | '04';
  baseDate: 1993 | 2014 | 2035;
}

export interface MeterRecord {
  id: string;
  service: ServiceType;
  subscriberId: number | null;
  area: string;
  tariffClass: string;
  transport: 'mqtt' | 'serial';
  sts: Partial<StsParams>;
  relayNeedsButton: boolean;
}

export interface MeterState {
  online: boolean;
  lastSeen: number | null;
  lastSeq: number | null;
  lastTs: number | null;
  register: number | null;
  credit: number | null;
  relay: RelayState | null;
  powerW: number | null;
  voltageV: number | null;
  currentA: number | null;
  flowLph: number | null;
  tamper: boolean;
  lowCredit: boolean;
  emergencyCredit: boolean;
}

export interface MeterWithState extends MeterRecord {
  state: MeterState;
  subscriberName: string | null;
  protectedCategory: string | null;
}

export interface NewMeter {
  id: string;
  service: ServiceType;
  subscriberId?: number | null;
  area?: string;
  tariffClass?: string;
  transport?: 'mqtt' | 'serial';
  mqttPasswordHash?: string | null;
  sts?: Partial<StsParams>;
  relayNeedsButton?: boolean;
}

export class UnknownMeterError extends Error {
  override name = 'UnknownMeterError';
  constructor(readonly meterId: string) {
    super(`unknown meter ${meterId}`);
  }
}

type Row = Record<string, unknown>;

function toMeter(r: Row): MeterRecord {
  return {
    id: r.id as string,
    service: r.service as ServiceType,
    subscriberId: r.subscriber_id == null ? null : Number(r.subscriber_id),
    area: r.area as string,
    tariffClass: r.tariff_class as string,
    transport: r.transport as 'mqtt' | 'serial',
    sts: (typeof r.sts === 'string' ? JSON.parse(r.sts) : r.sts) as Partial<StsParams>,
    relayNeedsButton: Boolean(r.relay_needs_button),
  };
}

const num = (v: unknown): number | null => (v == null ? null : Number(v));

function toState(r: Row): MeterState {
  return {
    online: Boolean(r.online),
    lastSeen: num(r.last_seen_ms),
    lastSeq: num(r.last_seq),
    lastTs: num(r.last_ts_ms),
    register: num(r.register),
    credit: num(r.credit),
    relay: (r.relay as RelayState | null) ?? null,
    powerW: num(r.power_w),
    voltageV: num(r.voltage_v),
    currentA: num(r.current_a),
    flowLph: num(r.flow_lph),
    tamper: Boolean(r.tamper),
    lowCredit: Boolean(r.low_credit),
    emergencyCredit: Boolean(r.emergency_credit),
  };
}

const SELECT_WITH_STATE = `
  SELECT m.*, s.online, s.last_seen_ms, s.last_seq, s.last_ts_ms, s.register, s.credit, s.relay, s.power_w, s.voltage_v,
         s.current_a, s.flow_lph, s.tamper, s.low_credit, s.emergency_credit,
         sub.name AS subscriber_name, sub.protected_category
  FROM meters m
  LEFT JOIN meter_state s ON s.meter_id = m.id
  LEFT JOIN subscribers sub ON sub.id = m.subscriber_id`;

function toMeterWithState(r: Row): MeterWithState {
  return { ...toMeter(r), state: toState(r), subscriberName: (r.subscriber_name as string) ?? null, protectedCategory: (r.protected_category as string) ?? null };
}

export async function createMeter(q: Queryable, m: NewMeter): Promise<MeterRecord> {
  const r = await q.query<Row>(
    `INSERT INTO meters (id, service, subscriber_id, area, tariff_class, transport, mqtt_password_hash, sts, relay_needs_button)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [m.id, m.service, m.subscriberId ?? null, m.area ?? 'default', m.tariffClass ?? 'residential', m.transport ?? 'mqtt', m.mqttPasswordHash ?? null, JSON.stringify(m.sts ?? {}), m.relayNeedsButton ?? false],
  );
  await q.query('INSERT INTO meter_state (meter_id) VALUES ($1) ON CONFLICT DO NOTHING', [m.id]);
  return toMeter(r.rows[0]!);
}

export async function getMeter(q: Queryable, id: string): Promise<MeterWithState | null> {
  const r = await q.query<Row>(`${SELECT_WITH_STATE} WHERE m.id = $1`, [id]);
  return r.rows[0] ? toMeterWithState(r.rows[0]) : null;
}

export async function requireMeter(q: Queryable, id: string): Promise<MeterWithState> {
  const m = await getMeter(q, id);
  if (!m) throw new UnknownMeterError(id);
  return m;
}

export interface MeterFilter {
  subscriberId?: number;
  area?: string;
  service?: ServiceType;
  online?: boolean;
  search?: string;
}

export async function listMeters(q: Queryable, f: MeterFilter = {}): Promise<MeterWithState[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.subscriberId !== undefined) add('m.subscriber_id = ?', f.subscriberId);
  if (f.area) add('m.area = ?', f.area);
  if (f.service) add('m.service = ?', f.service);
  if (f.online !== undefined) add('coalesce(s.online, false) = ?', f.online);
  if (f.search) {
    params.push(`%${f.search.toLowerCase()}%`);
    where.push(`(lower(m.id) LIKE $${params.length} OR lower(coalesce(sub.name, '')) LIKE $${params.length} OR lower(coalesce(sub.name_ar, '')) LIKE $${params.length} OR lower(m.area) LIKE $${params.length})`);
  }
  const r = await q.query<Row>(`${SELECT_WITH_STATE} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.id`, params);
  return r.rows.map(toMeterWithState);
}

export async function getMeterPasswordHash(q: Queryable, id: string): Promise<string | null> {
  const r = await q.query<{ mqtt_password_hash: string | null }>('SELECT mqtt_password_hash FROM meters WHERE id = $1', [id]);
  return r.rows[0]?.mqtt_password_hash ?? null;
}

export async function setOnline(q: Queryable, id: string, online: boolean, at = Date.now()): Promise<void> {
  await q.query('UPDATE meter_state SET online = $2, last_seen_ms = $3 WHERE meter_id = $1', [id, online, at]);
}

const FLAG_TAMPER = 1, FLAG_LOW = 2, FLAG_EMERGENCY = 4;
export function readingFlags(r: TelemetryReading): number {
  return (r.tamper ? FLAG_TAMPER : 0) | (r.lowCredit ? FLAG_LOW : 0) | (r.emergencyCredit ? FLAG_EMERGENCY : 0);
}

/**
 * Updates the latest state if this reading supersedes what is held — by seq and ts together, the rule of
 * gateway/plausibility.ts `supersedes`: a newer meter time; the same time with a higher seq; a higher seq while the
 * held time is ahead of the gateway's clock (receivedAt); anything while the held time is more than maxSkewMs in
 * the future (heals rows poisoned by a far-future reading). Replays and late readings do not roll it back, and a
 * reading beyond the skew never gets in. The meter counts as seen (online) either way.
 */
export async function applyLatestReading(q: Queryable, meterId: string, r: TelemetryReading, receivedAt = Date.now(), maxSkewMs = 300_000): Promise<void> {
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
