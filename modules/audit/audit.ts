// The append-only audit log (migrations/031_audit.sql): every operator and money action and every
// automatic action taken for one — who, when, from where, what, why and the policy's answer. Every module
// writes through this one AuditWriter (the audit module's api, `ctx.modules.get('audit')`), with the
// actor taken from the request by `requestActor`.
import type { FastifyRequest } from 'fastify';
import type { Db, Queryable } from '../../platform/index.ts';

/** Who acted and from where, as the audit log records it. */
export interface AuditActor {
  actor: string;
  actorId: number | null;
  actorRole: string | null;
  ip: string | null;
}

/** The signed-in person behind a request (or `anonymous`), and the client address the API saw. */
export function requestActor(req: FastifyRequest): AuditActor {
  const u = req.user;
  return { actor: u?.username ?? 'anonymous', actorId: u?.id ?? null, actorRole: u?.role ?? null, ip: req.ip ?? null };
}

export interface AuditEntry {
  /** Username, or `system:<part>` / `meter:<id>` for automatic actions. */
  actor: string;
  actorId?: number | null;
  actorRole?: string | null;
  /** Where the request came from (client IP as the API saw it). */
  ip?: string | null;
  /** Dotted verb, e.g. relay.disconnect, relay.reconnect, bulk.approve, policy.install, topup.create. */
  action: string;
  targetType?: string | null;
  target?: string | null;
  meterId?: string | null;
  reason?: string | null;
  note?: string | null;
  /** executed, refused, deferred, scheduled, pending_approval, denied, acknowledged, … */
  outcome?: string | null;
  /** The policy's full answer (a DecisionView) when the action was evaluated. */
  decision?: unknown;
  commandReference?: string | null;
  details?: Record<string, unknown> | null;
  /** Defaults to the writer's clock. */
  at?: number;
}

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  actorId: number | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  target: string | null;
  meterId: string | null;
  reason: string | null;
  note: string | null;
  outcome: string | null;
  decision: unknown;
  commandReference: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  /** Exact action, or a prefix ending in `.` or `*` (e.g. `relay.`). */
  action?: string;
  meterId?: string;
  outcome?: string;
  /** Only entries with an id below this (paging backwards). */
  beforeId?: number;
  limit?: number;
}

type Row = Record<string, unknown>;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);
const toRecord = (r: Row): AuditRecord => ({
  id: Number(r.id), at: Number(r.at_ms), actor: r.actor as string, actorId: r.actor_id == null ? null : Number(r.actor_id),
  actorRole: (r.actor_role as string) ?? null, ip: (r.ip as string) ?? null, action: r.action as string, targetType: (r.target_type as string) ?? null,
  target: (r.target as string) ?? null, meterId: (r.meter_id as string) ?? null, reason: (r.reason as string) ?? null, note: (r.note as string) ?? null,
  outcome: (r.outcome as string) ?? null, decision: json(r.decision), commandReference: (r.command_reference as string) ?? null,
  details: json(r.details) as Record<string, unknown> | null,
});

export class AuditWriter {
  constructor(private readonly db: Db, private readonly now: () => number = () => Date.now()) {}

  /** Appends one entry (inside `q`'s transaction when given). */
  async write(e: AuditEntry, q: Queryable = this.db): Promise<AuditRecord> {
    const r = await q.query<Row>(
      `INSERT INTO audit_log (at_ms, actor, actor_id, actor_role, ip, action, target_type, target, meter_id, reason, note, outcome, decision, command_reference, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
      [
        e.at ?? this.now(), e.actor, e.actorId ?? null, e.actorRole ?? null, e.ip ?? null, e.action, e.targetType ?? (e.meterId ? 'meter' : null),
        e.target ?? e.meterId ?? null, e.meterId ?? null, e.reason ?? null, e.note ?? null, e.outcome ?? null,
        e.decision === undefined || e.decision === null ? null : JSON.stringify(e.decision), e.commandReference ?? null,
        e.details ? JSON.stringify(e.details) : null,
      ],
    );
    return toRecord(r.rows[0]!);
  }

  /** Newest first. */
  async list(f: AuditFilter = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.from !== undefined) add('at_ms >= ?', f.from);
    if (f.to !== undefined) add('at_ms < ?', f.to);
    if (f.actor) add('actor = ?', f.actor);
    if (f.action) {
      if (/[.*]$/.test(f.action)) add('action LIKE ?', f.action.replace(/\*$/, '').replace(/[%_\\]/g, '\\$&') + '%');
      else add('action = ?', f.action);
    }
    if (f.meterId) add('meter_id = ?', f.meterId);
    if (f.outcome) add('outcome = ?', f.outcome);
    if (f.beforeId !== undefined) add('id < ?', f.beforeId);
    params.push(Math.min(Math.max(f.limit ?? 200, 1), 10_000));
    const r = await this.db.query<Row>(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`, params);
    return r.rows.map(toRecord);
  }
}

export function createAuditWriter(db: Db, now?: () => number): AuditWriter {
  return new AuditWriter(db, now);
}

const CSV_COLUMNS = ['id', 'at', 'actor', 'actor_role', 'ip', 'action', 'target_type', 'target', 'meter_id', 'reason', 'note', 'outcome', 'deciding_rule', 'until', 'command_reference', 'details'] as const;

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(records: AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const d = (r.decision ?? null) as { decidingRule?: string | null; until?: string | null } | null;
    lines.push([
      r.id, new Date(r.at).toISOString(), r.actor, r.actorRole, r.ip, r.action, r.targetType, r.target, r.meterId, r.reason, r.note, r.outcome,
      d?.decidingRule ?? null, d?.until ?? null, r.commandReference, r.details,
    ].map(cell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
