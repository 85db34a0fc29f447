// Meter registry: the meters, their subscribers, and (read-only, joined) the latest state the gateway keeps.
import { UnknownMeterError, type Queryable } from '../../platform/index.ts';
import type { RelayState, ServiceType } from '../../protocols/index.ts';

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
  status: MeterStatus;
  model: string | null;
  /** Whether the meter has MQTT credentials now (never the password or its hash). */
  hasCredentials: boolean;
}

/** Life cycle: in_stock → installed → active ⇄ suspended → decommissioned (the meter and its history stay). */
export const METER_STATUSES = ['in_stock', 'installed', 'active', 'suspended', 'decommissioned'] as const;
export type MeterStatus = (typeof METER_STATUSES)[number];

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
  /** The firmware version the meter last reported (telemetry), null before it reported one. */
  firmwareVersion: string | null;
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
  status?: MeterStatus;
  model?: string | null;
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
    status: ((r.status as MeterStatus | undefined) ?? 'active'),
    model: (r.model as string | null) ?? null,
    hasCredentials: r.mqtt_password_hash != null,
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
    firmwareVersion: (r.firmware_version as string | null) ?? null,
  };
}

const SELECT_WITH_STATE = `
  SELECT m.*, s.online, s.last_seen_ms, s.last_seq, s.last_ts_ms, s.register, s.credit, s.relay, s.power_w, s.voltage_v,
         s.current_a, s.flow_lph, s.tamper, s.low_credit, s.emergency_credit, s.firmware_version,
         sub.name AS subscriber_name, sub.protected_category
  FROM meters m
  LEFT JOIN meter_state s ON s.meter_id = m.id
  LEFT JOIN subscribers sub ON sub.id = m.subscriber_id`;

function toMeterWithState(r: Row): MeterWithState {
  return { ...toMeter(r), state: toState(r), subscriberName: (r.subscriber_name as string) ?? null, protectedCategory: (r.protected_category as string) ?? null };
}

export async function createMeter(q: Queryable, m: NewMeter): Promise<MeterRecord> {
  const r = await q.query<Row>(
    `INSERT INTO meters (id, service, subscriber_id, area, tariff_class, transport, mqtt_password_hash, sts, relay_needs_button, status, model, credentials_issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END) RETURNING *`,
    [m.id, m.service, m.subscriberId ?? null, m.area ?? 'default', m.tariffClass ?? 'residential', m.transport ?? 'mqtt', m.mqttPasswordHash ?? null, JSON.stringify(m.sts ?? {}), m.relayNeedsButton ?? false,
      m.status ?? 'active', m.model ?? null],
  );
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
  /** Only these areas (an operator's scope); empty or absent: all. */
  areas?: string[];
  status?: MeterStatus;
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
  if (f.areas?.length) add('m.area = ANY(?::text[])', f.areas);
  if (f.status) add('m.status = ?', f.status);
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

/** Whether the registry knows a meter (uncached; the MeterDirectory caches). */
export function meterExistsIn(q: Queryable): (id: string) => Promise<boolean> {
  return async (id) => (await q.query('SELECT 1 FROM meters WHERE id = $1', [id])).rows.length > 0;
}
