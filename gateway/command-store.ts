// Command records: created, sent, acknowledged / rejected / failed / expired, with the meter's own result.
import type { Queryable } from '../platform/index.ts';

export type CommandStatus = 'pending' | 'sent' | 'acknowledged' | 'rejected' | 'failed' | 'expired';
export const OPEN_STATUSES: CommandStatus[] = ['pending', 'sent'];

export interface CommandRecord {
  reference: string;
  meterId: string;
  /** The command kind (see CommandKind): token, relay, timeSync, or a module's own. */
  type: string;
  action: string | null;
  payloadSealed: string;
  issuer: string;
  reason: string | null;
  note: string | null;
  status: CommandStatus;
  result: string | null;
  detail: string | null;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  acknowledgedAt: number | null;
  finishedAt: number | null;
  nextAttemptAt: number | null;
  expiresAt: number;
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v == null ? null : Number(v));
function toRecord(r: Row): CommandRecord {
  return {
    reference: r.reference as string, meterId: r.meter_id as string, type: r.type as string, action: (r.action as string) ?? null,
    payloadSealed: r.payload_sealed as string, issuer: r.issuer as string, reason: (r.reason as string) ?? null, note: (r.note as string) ?? null,
    status: r.status as CommandStatus, result: (r.result as string) ?? null, detail: (r.detail as string) ?? null, attempts: Number(r.attempts),
    createdAt: Number(r.created_at_ms), sentAt: n(r.sent_at_ms), acknowledgedAt: n(r.acknowledged_at_ms), finishedAt: n(r.finished_at_ms),
    nextAttemptAt: n(r.next_attempt_ms), expiresAt: Number(r.expires_at_ms),
  };
}

export async function insertCommand(q: Queryable, c: Omit<CommandRecord, 'status' | 'result' | 'detail' | 'attempts' | 'sentAt' | 'acknowledgedAt' | 'finishedAt'>): Promise<CommandRecord> {
  const r = await q.query<Row>(
    `INSERT INTO commands (reference, meter_id, type, action, payload_sealed, issuer, reason, note, status, created_at_ms, next_attempt_ms, expires_at_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11) RETURNING *`,
    [c.reference, c.meterId, c.type, c.action, c.payloadSealed, c.issuer, c.reason, c.note, c.createdAt, c.nextAttemptAt, c.expiresAt],
  );
  return toRecord(r.rows[0]!);
}

export async function getCommand(q: Queryable, reference: string): Promise<CommandRecord | null> {
  const r = await q.query<Row>('SELECT * FROM commands WHERE reference = $1', [reference]);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function listCommands(q: Queryable, meterId: string, limit = 100): Promise<CommandRecord[]> {
  const r = await q.query<Row>('SELECT * FROM commands WHERE meter_id = $1 ORDER BY created_at_ms DESC LIMIT $2', [meterId, limit]);
  return r.rows.map(toRecord);
}

/** Open commands due for a (re)send: for one meter, or all whose back-off has elapsed. */
export async function dueCommands(q: Queryable, now: number, meterId?: string, limit = 500): Promise<CommandRecord[]> {
  const r = meterId
    ? await q.query<Row>(`SELECT * FROM commands WHERE meter_id = $1 AND status IN ('pending', 'sent') ORDER BY created_at_ms LIMIT $2`, [meterId, limit])
    : await q.query<Row>(`SELECT * FROM commands WHERE status IN ('pending', 'sent') AND next_attempt_ms <= $1 ORDER BY next_attempt_ms LIMIT $2`, [now, limit]);
  return r.rows.map(toRecord);
}

/** Records a (re)send; returns the record as it now stands, or null when it was no longer open (the meter had already answered). */
export async function markSent(q: Queryable, reference: string, now: number, nextAttemptAt: number): Promise<CommandRecord | null> {
  const r = await q.query<Row>(
    `UPDATE commands SET status = 'sent', attempts = attempts + 1, sent_at_ms = coalesce(sent_at_ms, $2), next_attempt_ms = $3
     WHERE reference = $1 AND status IN ('pending', 'sent') RETURNING *`,
    [reference, now, nextAttemptAt],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

/** Records the end of a command once; returns the record if this call ended it (a duplicate ack changes nothing). */
export async function finishCommand(q: Queryable, reference: string, meterId: string, status: Exclude<CommandStatus, 'pending' | 'sent'>, result: string | null, detail: string | null, now: number): Promise<CommandRecord | null> {
  const r = await q.query<Row>(
    `UPDATE commands SET status = $3, result = $4, detail = $5, finished_at_ms = $6,
       acknowledged_at_ms = CASE WHEN $3 IN ('acknowledged', 'rejected', 'failed') THEN $6 ELSE acknowledged_at_ms END, next_attempt_ms = NULL
     WHERE reference = $1 AND meter_id = $2 AND status IN ('pending', 'sent') RETURNING *`,
    [reference, meterId, status, result, detail, now],
  );
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}

export async function expiredCommands(q: Queryable, now: number): Promise<CommandRecord[]> {
  const r = await q.query<Row>(`SELECT * FROM commands WHERE status IN ('pending', 'sent') AND expires_at_ms <= $1`, [now]);
  return r.rows.map(toRecord);
}
