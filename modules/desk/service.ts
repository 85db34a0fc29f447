// The subscriber-services desk: cases (complaints, requests, enquiries) with a reference a person can read
// out on the phone, a deadline clock stored with the case, routing (front line → dispatcher → department
// → answer → close), field visits, satisfaction polls, automatic cases from meters, and statistics.
// Every transition is one transaction: the case row, its timeline and the audit log move together.
import { EventEmitter } from 'node:events';
import type { Db, Logger, Queryable } from '../../platform/index.ts';
import { DomainError } from '../../platform/index.ts';
import { newReference, parseReference } from '../../protocols/index.ts';
import type { AuditActor, AuditWriter } from '../audit/index.ts';
import { formatLocal, localParts } from '../policy/index.ts';
import { deadlineOf, GULF_WORKING_WEEK, type ClockMode, type WorkingWeek } from './deadline.ts';

export const CASE_KINDS = ['complaint', 'request', 'enquiry'] as const;
export const CHANNELS = ['call_centre', 'portal', 'walk_in', 'app', 'meter_event'] as const;
export const CASE_STATES = ['new', 'assigned', 'in_progress', 'answered', 'closed', 'reopened'] as const;
export const AUTO_CAUSES = ['tamper', 'relay_stuck', 'token_rejected', 'silent_meter', 'topup_not_accepted'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type CaseState = (typeof CASE_STATES)[number];
export type AutoCause = (typeof AUTO_CAUSES)[number];

/** Case references: CS-XXXX-XXXX-C (C- is taken by commands, T- by top-ups). */
export const CASE_PREFIX = 'CS';

export interface Category {
  code: string;
  kind: CaseKind;
  nameEn: string;
  nameAr: string;
  department: string;
  deadlineMinutes: number;
  clock: ClockMode;
  fieldVisit: boolean;
  compensationMinor: number | null;
  active: boolean;
  sort: number;
}

export interface CaseRecord {
  reference: string;
  kind: CaseKind;
  category: string;
  channel: Channel;
  state: CaseState;
  subscriberId: number | null;
  meterId: string | null;
  area: string | null;
  callerName: string | null;
  callerPhone: string | null;
  description: string;
  department: string;
  assignee: string | null;
  createdBy: string;
  createdAt: number;
  clockStart: number;
  warnAt: number;
  dueAt: number;
  escalatedAt: number | null;
  breachedAt: number | null;
  compensationMinor: number | null;
  answeredAt: number | null;
  reply: string | null;
  repliedBy: string | null;
  closedAt: number | null;
  reopenCount: number;
  autoCause: string | null;
  autoCount: number;
  autoLast: number | null;
  updatedAt: number;
}

export interface CaseEvent { id: number; at: number; actor: string; action: string; fromState: string | null; toState: string | null; note: string | null; details: Record<string, unknown> | null }
export interface Visit { id: number; reference: string; slotStart: number; slotEnd: number; technician: string; state: 'scheduled' | 'done' | 'failed' | 'cancelled'; result: string | null; createdBy: string; createdAt: number; finishedAt: number | null }
export interface Survey { reference: string; score: number; comment: string | null; language: string; answeredBy: string; at: number }

export interface NewCase {
  kind: CaseKind;
  category: string;
  channel: Channel;
  subscriberId?: number | null;
  meterId?: string | null;
  caller?: { name: string; phone: string } | null;
  description: string;
}

export interface CaseFilter {
  state?: CaseState[];
  category?: string;
  department?: string;
  assignee?: string;
  subscriberId?: number;
  meterId?: string;
  channel?: Channel;
  /** Only open cases whose clock is escalated or breached. */
  late?: boolean;
  from?: number;
  to?: number;
  limit?: number;
}

/** What the reply hook hands a listener (notifications send it to the subscriber in their language). */
export interface ReplyNotice {
  case: CaseRecord;
  subscriber: { id: number; name: string; phone: string | null; email: string | null; language: string } | null;
}

/** Who did it: the audit module's actor (requestActor(req)) or a system part. */
export type Actor = AuditActor;
export const systemActor = (part: string): Actor => ({ actor: `system:${part}`, actorId: null, actorRole: null, ip: null });

type Row = Record<string, unknown>;
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);

const toCategory = (r: Row): Category => ({
  code: r.code as string, kind: r.kind as CaseKind, nameEn: r.name_en as string, nameAr: r.name_ar as string, department: r.department as string,
  deadlineMinutes: Number(r.deadline_minutes), clock: r.clock as ClockMode, fieldVisit: Boolean(r.field_visit), compensationMinor: n(r.compensation_minor),
  active: Boolean(r.active), sort: Number(r.sort),
});

const toCase = (r: Row): CaseRecord => ({
  reference: r.reference as string, kind: r.kind as CaseKind, category: r.category as string, channel: r.channel as Channel, state: r.state as CaseState,
  subscriberId: n(r.subscriber_id), meterId: (r.meter_id as string) ?? null, area: (r.area as string) ?? null, callerName: (r.caller_name as string) ?? null,
  callerPhone: (r.caller_phone as string) ?? null, description: r.description as string, department: r.department as string, assignee: (r.assignee as string) ?? null,
  createdBy: r.created_by as string, createdAt: Number(r.created_at_ms), clockStart: Number(r.clock_start_ms), warnAt: Number(r.warn_at_ms), dueAt: Number(r.due_at_ms),
  escalatedAt: n(r.escalated_at_ms), breachedAt: n(r.breached_at_ms), compensationMinor: n(r.compensation_minor), answeredAt: n(r.answered_at_ms),
  reply: (r.reply as string) ?? null, repliedBy: (r.replied_by as string) ?? null, closedAt: n(r.closed_at_ms), reopenCount: Number(r.reopen_count),
  autoCause: (r.auto_cause as string) ?? null, autoCount: Number(r.auto_count), autoLast: n(r.auto_last_ms), updatedAt: Number(r.updated_at_ms),
});

const toVisit = (r: Row): Visit => ({
  id: Number(r.id), reference: r.reference as string, slotStart: Number(r.slot_start_ms), slotEnd: Number(r.slot_end_ms), technician: r.technician as string,
  state: r.state as Visit['state'], result: (r.result as string) ?? null, createdBy: r.created_by as string, createdAt: Number(r.created_at_ms), finishedAt: n(r.finished_at_ms),
});

/** The clock is running while the case waits for an answer. */
export const CLOCK_RUNNING: readonly CaseState[] = ['new', 'assigned', 'in_progress', 'reopened'];

const invalid = (code: string, msg: string) => new DomainError('invalid', code, msg);
const conflictErr = (code: string, msg: string, extra: Record<string, unknown> = {}) => new DomainError('conflict', code, msg, { extra });
const notFound = (msg: string) => new DomainError('not_found', 'case_not_found', msg, { slug: 'not-found' });

export interface DeskServiceOptions {
  db: Db;
  audit: AuditWriter;
  logger: Logger;
  timeZone: string;
  now?: () => number;
  workingWeek?: WorkingWeek;
}

export class DeskService {
  readonly db: Db;
  readonly audit: AuditWriter;
  readonly timeZone: string;
  readonly now: () => number;
  readonly week: WorkingWeek;
  private readonly logger: Logger;
  private readonly events = new EventEmitter();

  constructor(o: DeskServiceOptions) {
    this.db = o.db;
    this.audit = o.audit;
    this.logger = o.logger;
    this.timeZone = o.timeZone;
    this.now = o.now ?? (() => Date.now());
    this.week = o.workingWeek ?? GULF_WORKING_WEEK;
    this.events.setMaxListeners(50);
  }

  // --- hooks ------------------------------------------------------------------------------------------

  /** Called after a reply is committed (the answer goes to the subscriber: portal, SMS, e-mail). */
  onReply(listener: (n: ReplyNotice) => void | Promise<void>): () => void {
    return this.on('reply', listener);
  }
  /** Called after a case is closed (the satisfaction poll goes out in the subscriber's language). */
  onClose(listener: (n: ReplyNotice) => void | Promise<void>): () => void {
    return this.on('close', listener);
  }
  /** Called after any committed change of a case (created, assigned, escalated, breached, ...). */
  onChange(listener: (c: CaseRecord, action: string) => void | Promise<void>): () => void {
    const l = (c: CaseRecord, a: string) => this.safe(() => listener(c, a));
    this.events.on('change', l);
    return () => this.events.off('change', l);
  }
  private on(ev: string, listener: (n: ReplyNotice) => void | Promise<void>): () => void {
    const l = (x: ReplyNotice) => this.safe(() => listener(x));
    this.events.on(ev, l);
    return () => this.events.off(ev, l);
  }
  private safe(fn: () => void | Promise<void>): void {
    try {
      void Promise.resolve(fn()).catch((err) => this.logger.error({ err }, 'desk listener failed'));
    } catch (err) {
      this.logger.error({ err }, 'desk listener failed');
    }
  }
  private async notice(c: CaseRecord): Promise<ReplyNotice> {
    if (c.subscriberId === null) return { case: c, subscriber: null };
    const r = await this.db.query<Row>('SELECT id, name, phone, email, language FROM subscribers WHERE id = $1', [c.subscriberId]);
    const s = r.rows[0];
    return { case: c, subscriber: s ? { id: Number(s.id), name: s.name as string, phone: (s.phone as string) ?? null, email: (s.email as string) ?? null, language: (s.language as string) ?? 'ar' } : null };
  }

  // --- categories ---------------------------------------------------------------------------------------

  async categories(includeInactive = false): Promise<Category[]> {
    const r = await this.db.query<Row>(`SELECT * FROM desk_categories ${includeInactive ? '' : 'WHERE active'} ORDER BY sort, code`);
    return r.rows.map(toCategory);
  }

  async category(code: string, q: Queryable = this.db): Promise<Category | null> {
    const r = await q.query<Row>('SELECT * FROM desk_categories WHERE code = $1', [code]);
    return r.rows[0] ? toCategory(r.rows[0]) : null;
  }

  /** Creates or changes a category (a utility's own deadlines and departments). Applies to new cases. */
  async putCategory(c: Omit<Category, 'code'> & { code: string }, actor: Actor): Promise<Category> {
    return this.db.transaction(async (tx) => {
      const before = await this.category(c.code, tx);
      const r = await tx.query<Row>(
        `INSERT INTO desk_categories (code, kind, name_en, name_ar, department, deadline_minutes, clock, field_visit, compensation_minor, active, sort)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (code) DO UPDATE SET kind = $2, name_en = $3, name_ar = $4, department = $5, deadline_minutes = $6, clock = $7, field_visit = $8, compensation_minor = $9, active = $10, sort = $11
         RETURNING *`,
        [c.code, c.kind, c.nameEn, c.nameAr, c.department, c.deadlineMinutes, c.clock, c.fieldVisit, c.compensationMinor, c.active, c.sort],
      );
      const after = toCategory(r.rows[0]!);
      await this.audit.write({ ...actor, action: 'desk.category.put', targetType: 'desk_category', target: c.code, outcome: 'executed', details: { before, after } }, tx);
      return after;
    });
  }

  // --- cases --------------------------------------------------------------------------------------------

  /** Normalises a reference a person typed (case, spaces, O/0, I/1); not-found when it does not check out. */
  normalise(input: string): string {
    const ref = parseReference(input);
    if (!ref || !ref.startsWith(`${CASE_PREFIX}-`)) throw notFound(`no case ${input}: the reference does not check out (CS-XXXX-XXXX-X)`);
    return ref;
  }

  async get(reference: string, q: Queryable = this.db): Promise<CaseRecord | null> {
    const ref = parseReference(reference);
    if (!ref) return null;
    const r = await q.query<Row>('SELECT * FROM desk_cases WHERE reference = $1', [ref]);
    return r.rows[0] ? toCase(r.rows[0]) : null;
  }

  async mustGet(reference: string): Promise<CaseRecord> {
    const c = await this.get(this.normalise(reference));
    if (!c) throw notFound(`no case ${reference}`);
    return c;
  }

  async create(input: NewCase, actor: Actor): Promise<CaseRecord> {
    const description = input.description.trim();
    if (description.length < 3) throw invalid('description_required', 'describe the case in at least 3 characters');
    return this.db.transaction(async (tx) => {
      const cat = await this.category(input.category, tx);
      if (!cat || !cat.active) throw invalid('unknown_category', `unknown category ${input.category}`);
      let area: string | null = null;
      let subscriberId = input.subscriberId ?? null;
      if (input.meterId) {
        const m = await tx.query<Row>('SELECT id, area, subscriber_id FROM meters WHERE id = $1', [input.meterId]);
        if (!m.rows[0]) throw invalid('unknown_meter', `unknown meter ${input.meterId}`);
        area = m.rows[0].area as string;
        const owner = n(m.rows[0].subscriber_id);
        if (subscriberId === null) subscriberId = owner;
        else if (owner !== null && owner !== subscriberId) throw invalid('meter_not_subscriber', `meter ${input.meterId} does not belong to subscriber ${subscriberId}`);
      }
      if (subscriberId !== null) {
        const s = await tx.query<Row>('SELECT id FROM subscribers WHERE id = $1', [subscriberId]);
        if (!s.rows[0]) throw invalid('unknown_subscriber', `unknown subscriber ${subscriberId}`);
        if (area === null) {
          const a = await tx.query<Row>('SELECT area FROM meters WHERE subscriber_id = $1 ORDER BY id LIMIT 1', [subscriberId]);
          area = (a.rows[0]?.area as string) ?? null;
        }
      }
      const now = this.now();
      const { warnAt, dueAt } = deadlineOf(now, cat.deadlineMinutes, cat.clock, this.timeZone, this.week);
      const reference = await this.freshReference(tx);
      const r = await tx.query<Row>(
        `INSERT INTO desk_cases (reference, kind, category, channel, state, subscriber_id, meter_id, area, caller_name, caller_phone, description, department,
           created_by, created_at_ms, clock_start_ms, warn_at_ms, due_at_ms, updated_at_ms)
         VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $13) RETURNING *`,
        [reference, input.kind, cat.code, input.channel, subscriberId, input.meterId ?? null, area, input.caller?.name ?? null, input.caller?.phone ?? null, description,
          cat.department, actor.actor, now, warnAt, dueAt],
      );
      const c = toCase(r.rows[0]!);
      await this.record(tx, c, actor, 'create', null, 'new', null, { channel: c.channel, category: c.category, dueAt: new Date(dueAt).toISOString() });
      return c;
    }).then((c) => this.changed(c, 'create'));
  }

  private async freshReference(q: Queryable): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const ref = newReference(CASE_PREFIX);
      const r = await q.query('SELECT 1 FROM desk_cases WHERE reference = $1', [ref]);
      if (r.rows.length === 0) return ref;
    }
    throw new DomainError('unavailable', 'no_reference', 'could not draw a free case reference');
  }

  private async record(q: Queryable, c: CaseRecord, actor: Actor, action: string, from: string | null, to: string | null, note: string | null, details: Record<string, unknown> | null = null): Promise<void> {
    const at = this.now();
    await q.query('INSERT INTO desk_case_events (reference, at_ms, actor, action, from_state, to_state, note, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [c.reference, at, actor.actor, action, from, to, note, details ? JSON.stringify(details) : null]);
    await this.audit.write({
      ...actor, action: `case.${action}`, targetType: 'case', target: c.reference, meterId: c.meterId, note, outcome: to ?? 'recorded', at,
      details: { ...(details ?? {}), from, to, category: c.category, department: c.department, assignee: c.assignee },
    }, q);
  }

  private changed(c: CaseRecord, action: string): CaseRecord {
    this.events.emit('change', c, action);
    return c;
  }

  /** Loads the case for update and checks the transition. */
  private async transition(reference: string, allowed: readonly CaseState[], action: string, fn: (c: CaseRecord, tx: Queryable, now: number) => Promise<{ sql: string; params: unknown[]; note: string | null; details?: Record<string, unknown> }>, actor: Actor): Promise<CaseRecord> {
    const ref = this.normalise(reference);
    const c = await this.db.transaction(async (tx) => {
      const r = await tx.query<Row>('SELECT * FROM desk_cases WHERE reference = $1 FOR UPDATE', [ref]);
      if (!r.rows[0]) throw notFound(`no case ${ref}`);
      const before = toCase(r.rows[0]);
      if (!allowed.includes(before.state)) {
        throw conflictErr('invalid_transition', `a case that is ${before.state} cannot take the step "${action}" (allowed from: ${allowed.join(', ')})`, { state: before.state });
      }
      const now = this.now();
      const u = await fn(before, tx, now);
      const up = await tx.query<Row>(`UPDATE desk_cases SET ${u.sql}, updated_at_ms = $2 WHERE reference = $1 RETURNING *`, [ref, now, ...u.params]);
      const after = toCase(up.rows[0]!);
      await this.record(tx, after, actor, action, before.state, after.state, u.note, u.details ?? null);
      return after;
    });
    return this.changed(c, action);
  }

  /** The dispatcher routes the case to a department (directorate/section) and a person. */
  assign(reference: string, to: { department: string; assignee: string; note?: string }, actor: Actor): Promise<CaseRecord> {
    return this.transition(reference, ['new', 'assigned', 'in_progress', 'reopened'], 'assign', async (c) => ({
      sql: `state = 'assigned', department = $3, assignee = $4`, params: [to.department, to.assignee], note: to.note ?? null,
      details: { previousDepartment: c.department, previousAssignee: c.assignee },
    }), actor);
  }

  start(reference: string, actor: Actor, note?: string): Promise<CaseRecord> {
    return this.transition(reference, ['assigned'], 'start', async () => ({ sql: `state = 'in_progress'`, params: [], note: note ?? null }), actor);
  }

  /** The department's written answer: it stops the clock and goes back to the subscriber. */
  async reply(reference: string, text: string, actor: Actor): Promise<CaseRecord> {
    const t = text.trim();
    if (t.length < 3) throw invalid('reply_required', 'a written reply of at least 3 characters');
    const c = await this.transition(reference, ['assigned', 'in_progress'], 'reply', async (_c, _tx, now) => ({
      sql: `state = 'answered', reply = $3, replied_by = $4, answered_at_ms = $5`, params: [t, actor.actor, now], note: null, details: { reply: t },
    }), actor);
    void this.notice(c).then((x) => this.events.emit('reply', x)).catch((err) => this.logger.error({ err }, 'reply notice failed'));
    return c;
  }

  /** Closes an answered case. A case without a written reply cannot be closed (409). */
  async close(reference: string, actor: Actor, note?: string): Promise<CaseRecord> {
    const ref = this.normalise(reference);
    const cur = await this.get(ref);
    if (!cur) throw notFound(`no case ${ref}`);
    if (cur.state !== 'closed' && !cur.reply) throw conflictErr('reply_required', 'a case cannot be closed without a written reply to the subscriber', { state: cur.state });
    const c = await this.transition(ref, ['answered'], 'close', async (_c, _tx, now) => ({ sql: `state = 'closed', closed_at_ms = $3`, params: [now], note: note ?? null }), actor);
    void this.notice(c).then((x) => this.events.emit('close', x)).catch((err) => this.logger.error({ err }, 'close notice failed'));
    return c;
  }

  /** Reopens an answered or closed case: the answer is kept in the timeline, a new one is needed, the clock restarts. */
  reopen(reference: string, reason: string, actor: Actor): Promise<CaseRecord> {
    if (reason.trim().length < 3) throw invalid('reason_required', 'say why the case is reopened (at least 3 characters)');
    return this.transition(reference, ['answered', 'closed'], 'reopen', async (c, tx, now) => {
      const cat = await this.category(c.category, tx);
      const { warnAt, dueAt } = deadlineOf(now, cat?.deadlineMinutes ?? 1440, cat?.clock ?? 'clock', this.timeZone, this.week);
      return {
        sql: `state = 'reopened', reply = NULL, replied_by = NULL, answered_at_ms = NULL, closed_at_ms = NULL, reopen_count = reopen_count + 1,
              clock_start_ms = $2, warn_at_ms = $3, due_at_ms = $4, escalated_at_ms = NULL, breached_at_ms = NULL`,
        params: [warnAt, dueAt], note: reason.trim(), details: { previousReply: c.reply, previousDueAt: new Date(c.dueAt).toISOString(), dueAt: new Date(dueAt).toISOString() },
      };
    }, actor);
  }

  async list(f: CaseFilter = {}): Promise<CaseRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.state?.length) add('state = ANY(?::text[])', f.state);
    if (f.category) add('category = ?', f.category);
    if (f.department) add('department = ?', f.department);
    if (f.assignee) add('assignee = ?', f.assignee);
    if (f.subscriberId !== undefined) add('subscriber_id = ?', f.subscriberId);
    if (f.meterId) add('meter_id = ?', f.meterId);
    if (f.channel) add('channel = ?', f.channel);
    if (f.from !== undefined) add('created_at_ms >= ?', f.from);
    if (f.to !== undefined) add('created_at_ms < ?', f.to);
    if (f.late) where.push(`state IN ('new', 'assigned', 'in_progress', 'reopened') AND escalated_at_ms IS NOT NULL`);
    params.push(Math.min(Math.max(f.limit ?? 200, 1), 2000));
    const open = `state IN ('new', 'assigned', 'in_progress', 'reopened')`;
    const r = await this.db.query<Row>(
      `SELECT * FROM desk_cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY (${open}) DESC, CASE WHEN ${open} THEN due_at_ms END ASC, created_at_ms DESC LIMIT $${params.length}`,
      params,
    );
    return r.rows.map(toCase);
  }

  async timeline(reference: string): Promise<CaseEvent[]> {
    const r = await this.db.query<Row>('SELECT * FROM desk_case_events WHERE reference = $1 ORDER BY id', [reference]);
    return r.rows.map((x) => ({
      id: Number(x.id), at: Number(x.at_ms), actor: x.actor as string, action: x.action as string, fromState: (x.from_state as string) ?? null,
      toState: (x.to_state as string) ?? null, note: (x.note as string) ?? null, details: json(x.details) as Record<string, unknown> | null,
    }));
  }

  /** Local time in the utility's time zone, as people read it. */
  local(ms: number): string {
    return formatLocal(ms, this.timeZone);
  }

  // --- the clock (run by the one scheduler) ---------------------------------------------------------------

  /** Flags cases whose clock passed 80 % (escalation to the supervisor) and 100 % (breach, compensation). Idempotent. */
  async sweepClocks(batch = 500): Promise<{ escalated: string[]; breached: string[] }> {
    const now = this.now();
    const escalated: string[] = [];
    const breached: string[] = [];
    const open = `state IN ('new', 'assigned', 'in_progress', 'reopened')`;
    // In batches, each its own short transaction (a backlog after downtime does not hold one long lock);
    // SKIP LOCKED lets a case being worked on right now wait for the next run.
    for (const step of ['escalate', 'breach'] as const) {
      for (;;) {
        const done = await this.db.transaction(async (tx) => {
          const r = step === 'escalate'
            ? await tx.query<Row>(
              `UPDATE desk_cases SET escalated_at_ms = $1, updated_at_ms = $1 WHERE reference IN (
                 SELECT reference FROM desk_cases WHERE ${open} AND escalated_at_ms IS NULL AND warn_at_ms <= $1 ORDER BY warn_at_ms LIMIT $2 FOR UPDATE SKIP LOCKED)
               RETURNING *`, [now, batch])
            : await tx.query<Row>(
              `UPDATE desk_cases c SET breached_at_ms = $1, updated_at_ms = $1, compensation_minor = k.compensation_minor FROM desk_categories k
               WHERE k.code = c.category AND c.reference IN (
                 SELECT reference FROM desk_cases WHERE ${open} AND breached_at_ms IS NULL AND due_at_ms <= $1 ORDER BY due_at_ms LIMIT $2 FOR UPDATE SKIP LOCKED)
               RETURNING c.*`, [now, batch]);
          const cases = r.rows.map(toCase);
          for (const c of cases) {
            if (step === 'escalate') await this.record(tx, c, systemActor('desk-clock'), 'escalate', c.state, c.state, `80 % of the deadline used; due ${this.local(c.dueAt)}`, { warnAt: new Date(c.warnAt).toISOString(), dueAt: new Date(c.dueAt).toISOString() });
            else await this.record(tx, c, systemActor('desk-clock'), 'breach', c.state, c.state, `deadline missed (due ${this.local(c.dueAt)})`, { dueAt: new Date(c.dueAt).toISOString(), compensationMinor: c.compensationMinor });
          }
          return cases;
        });
        for (const c of done) {
          (step === 'escalate' ? escalated : breached).push(c.reference);
          this.changed(c, step);
        }
        if (done.length < batch) break;
      }
    }
    return { escalated, breached };
  }

  // --- automatic cases from meters ---------------------------------------------------------------------------

  /** Opens the case for this meter and cause, or counts one more occurrence on the open one. */
  async openAuto(meterId: string, cause: AutoCause, detail: string): Promise<{ case: CaseRecord; opened: boolean } | null> {
    const key = `${meterId}:${cause}`;
    const actor = { actor: `meter:${meterId}`, actorId: null, actorRole: null, ip: null };
    const out = await this.db.transaction(async (tx) => {
      const now = this.now();
      const m = await tx.query<Row>('SELECT id, area, subscriber_id FROM meters WHERE id = $1', [meterId]);
      if (!m.rows[0]) return null;
      const cat = await this.category(cause, tx);
      if (!cat) return null;
      const { warnAt, dueAt } = deadlineOf(now, cat.deadlineMinutes, cat.clock, this.timeZone, this.week);
      const reference = await this.freshReference(tx);
      // One statement: a concurrent second report waits for the first and counts on its case.
      const r = await tx.query<Row>(
        `INSERT INTO desk_cases (reference, kind, category, channel, state, subscriber_id, meter_id, area, description, department, created_by, created_at_ms,
           clock_start_ms, warn_at_ms, due_at_ms, auto_cause, auto_key, auto_count, auto_last_ms, updated_at_ms)
         VALUES ($1, $2, $3, 'meter_event', 'new', $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $3, $13, 1, $10, $10)
         ON CONFLICT (auto_key) WHERE auto_key IS NOT NULL AND state <> 'closed'
         DO UPDATE SET auto_count = desk_cases.auto_count + 1, auto_last_ms = EXCLUDED.auto_last_ms, updated_at_ms = EXCLUDED.updated_at_ms
         RETURNING *, (reference = $1) AS inserted`,
        [reference, cat.kind, cause, n(m.rows[0].subscriber_id), meterId, m.rows[0].area, detail, cat.department, actor.actor, now, warnAt, dueAt, key],
      );
      const c = toCase(r.rows[0]!);
      if (!r.rows[0]!.inserted) return { case: c, opened: false };
      await this.record(tx, c, actor, 'create', null, 'new', detail, { channel: 'meter_event', cause });
      return { case: c, opened: true };
    });
    if (out === null) return null;
    if (out.opened) this.changed(out.case, 'create');
    return out;
  }

  /** Counts a signal for a meter (e.g. a rejected token); returns the count within the window. */
  async signal(meterId: string, cause: string, windowMs: number): Promise<number> {
    const now = this.now();
    const r = await this.db.query<Row>(
      `INSERT INTO desk_meter_signals (meter_id, cause, count, first_ms, last_ms) VALUES ($1, $2, 1, $3, $3)
       ON CONFLICT (meter_id, cause) DO UPDATE SET
         count = CASE WHEN desk_meter_signals.first_ms < $3 - $4 THEN 1 ELSE desk_meter_signals.count + 1 END,
         first_ms = CASE WHEN desk_meter_signals.first_ms < $3 - $4 THEN $3 ELSE desk_meter_signals.first_ms END,
         last_ms = $3
       RETURNING count`,
      [meterId, cause, now, windowMs],
    );
    return Number(r.rows[0]!.count);
  }

  async clearSignal(meterId: string, cause: string): Promise<void> {
    await this.db.query('DELETE FROM desk_meter_signals WHERE meter_id = $1 AND cause = $2', [meterId, cause]);
  }

  async signalsOlderThan(cause: string, beforeMs: number): Promise<string[]> {
    const r = await this.db.query<Row>('SELECT meter_id FROM desk_meter_signals WHERE cause = $1 AND first_ms <= $2', [cause, beforeMs]);
    return r.rows.map((x) => x.meter_id as string);
  }

  // --- field visits ------------------------------------------------------------------------------------------

  async addVisit(reference: string, v: { slotStart: number; slotEnd: number; technician: string }, actor: Actor): Promise<Visit> {
    if (!(v.slotEnd > v.slotStart)) throw invalid('bad_slot', 'the appointment slot must end after it starts');
    const c = await this.mustGet(reference);
    if (c.state === 'closed') throw conflictErr('case_closed', 'the case is closed; reopen it first');
    return this.db.transaction(async (tx) => {
      const t = await tx.query<Row>(`SELECT role FROM users WHERE username = $1`, [v.technician]);
      if (!t.rows[0]) throw invalid('unknown_technician', `unknown user ${v.technician}`);
      const r = await tx.query<Row>(
        `INSERT INTO desk_visits (reference, slot_start_ms, slot_end_ms, technician, state, created_by, created_at_ms) VALUES ($1, $2, $3, $4, 'scheduled', $5, $6) RETURNING *`,
        [c.reference, v.slotStart, v.slotEnd, v.technician, actor.actor, this.now()],
      );
      const visit = toVisit(r.rows[0]!);
      await this.record(tx, c, actor, 'visit.schedule', c.state, c.state, null, { visitId: visit.id, technician: v.technician, slot: `${this.local(v.slotStart)} – ${this.local(v.slotEnd)}` });
      return visit;
    });
  }

  async finishVisit(reference: string, visitId: number, f: { outcome: 'done' | 'failed' | 'cancelled'; result: string }, actor: Actor): Promise<Visit> {
    const c = await this.mustGet(reference);
    return this.db.transaction(async (tx) => {
      const r = await tx.query<Row>(
        `UPDATE desk_visits SET state = $3, result = $4, finished_at_ms = $5 WHERE id = $1 AND reference = $2 AND state = 'scheduled' RETURNING *`,
        [visitId, c.reference, f.outcome, f.result, this.now()],
      );
      if (!r.rows[0]) {
        const exists = await tx.query('SELECT 1 FROM desk_visits WHERE id = $1 AND reference = $2', [visitId, c.reference]);
        if (!exists.rows.length) throw new DomainError('not_found', 'visit_not_found', `no visit ${visitId} on ${c.reference}`, { slug: 'not-found' });
        throw conflictErr('visit_finished', `visit ${visitId} is already finished`);
      }
      const visit = toVisit(r.rows[0]);
      await this.record(tx, c, actor, `visit.${f.outcome}`, c.state, c.state, f.result, { visitId });
      return visit;
    });
  }

  async visits(reference: string): Promise<Visit[]> {
    const r = await this.db.query<Row>('SELECT * FROM desk_visits WHERE reference = $1 ORDER BY slot_start_ms', [reference]);
    return r.rows.map(toVisit);
  }

  async visit(id: number): Promise<Visit | null> {
    const r = await this.db.query<Row>('SELECT * FROM desk_visits WHERE id = $1', [id]);
    return r.rows[0] ? toVisit(r.rows[0]) : null;
  }

  /** A technician's own visits (field app). */
  async visitsOf(technician: string, from: number, to: number): Promise<Visit[]> {
    const r = await this.db.query<Row>('SELECT * FROM desk_visits WHERE technician = $1 AND slot_start_ms >= $2 AND slot_start_ms < $3 ORDER BY slot_start_ms', [technician, from, to]);
    return r.rows.map(toVisit);
  }

  // --- satisfaction poll ---------------------------------------------------------------------------------------

  async survey(reference: string, s: { score: number; comment?: string | null }, actor: Actor): Promise<Survey> {
    const c = await this.mustGet(reference);
    if (c.state !== 'closed') throw conflictErr('case_not_closed', 'the satisfaction poll opens once the case is closed', { state: c.state });
    const lang = c.subscriberId === null ? 'ar'
      : ((await this.db.query<Row>('SELECT language FROM subscribers WHERE id = $1', [c.subscriberId])).rows[0]?.language as string) ?? 'ar';
    return this.db.transaction(async (tx) => {
      const now = this.now();
      const r = await tx.query<Row>(
        `INSERT INTO desk_surveys (reference, score, comment, language, answered_by, at_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reference) DO NOTHING RETURNING *`,
        [c.reference, s.score, s.comment?.trim() || null, lang, actor.actor, now],
      );
      if (!r.rows[0]) throw conflictErr('survey_answered', 'the satisfaction poll of this case has already been answered');
      await this.record(tx, c, actor, 'survey', c.state, c.state, null, { score: s.score });
      return { reference: c.reference, score: s.score, comment: s.comment?.trim() || null, language: lang, answeredBy: actor.actor, at: now };
    });
  }

  async surveyOf(reference: string): Promise<Survey | null> {
    const r = await this.db.query<Row>('SELECT * FROM desk_surveys WHERE reference = $1', [reference]);
    const x = r.rows[0];
    return x ? { reference: x.reference as string, score: Number(x.score), comment: (x.comment as string) ?? null, language: x.language as string, answeredBy: x.answered_by as string, at: Number(x.at_ms) } : null;
  }

  // --- statistics ------------------------------------------------------------------------------------------------

  async stats(from: number, to: number): Promise<DeskStats> {
    const p = [from, to];
    const range = 'created_at_ms >= $1 AND created_at_ms < $2';
    const group = async (col: string) => {
      const r = await this.db.query<Row>(`SELECT COALESCE(${col}::text, '') AS k, count(*) AS n FROM desk_cases WHERE ${range} GROUP BY 1 ORDER BY 2 DESC, 1`, p);
      return r.rows.map((x) => ({ key: x.k as string, count: Number(x.n) }));
    };
    const tot = await this.db.query<Row>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE answered_at_ms IS NOT NULL) AS answered,
              count(*) FILTER (WHERE answered_at_ms IS NOT NULL AND answered_at_ms <= due_at_ms) AS within,
              count(*) FILTER (WHERE state IN ('new', 'assigned', 'in_progress', 'reopened')) AS open,
              count(*) FILTER (WHERE breached_at_ms IS NOT NULL) AS breached,
              count(*) FILTER (WHERE escalated_at_ms IS NOT NULL) AS escalated,
              COALESCE(sum(compensation_minor) FILTER (WHERE breached_at_ms IS NOT NULL), 0) AS compensation
         FROM desk_cases WHERE ${range}`, p);
    const t = tot.rows[0]!;
    const sv = await this.db.query<Row>(
      `SELECT count(*) AS n, avg(s.score) AS avg, count(*) FILTER (WHERE s.score >= 4) AS satisfied, s.score AS score
         FROM desk_surveys s JOIN desk_cases c ON c.reference = s.reference WHERE c.created_at_ms >= $1 AND c.created_at_ms < $2 GROUP BY ROLLUP (s.score)`, p);
    const all = sv.rows.find((x) => x.score === null) ?? { n: 0, avg: null, satisfied: 0 };
    const byScore = [1, 2, 3, 4, 5].map((score) => ({ score, count: Number(sv.rows.find((x) => x.score !== null && Number(x.score) === score)?.n ?? 0) }));
    const rep = async (col: string) => {
      const r = await this.db.query<Row>(
        `SELECT ${col} AS k, category, count(*) AS n FROM desk_cases WHERE ${range} AND ${col} IS NOT NULL GROUP BY 1, 2 HAVING count(*) >= 2 ORDER BY 3 DESC, 1, 2 LIMIT 10`, p);
      return r.rows.map((x) => ({ key: x.k as string, category: x.category as string, count: Number(x.n) }));
    };
    const days = await this.db.query<Row>(`SELECT created_at_ms FROM desk_cases WHERE ${range} ORDER BY created_at_ms LIMIT 200000`, p);
    const perDay = new Map<string, number>();
    for (const d of days.rows) {
      const day = localParts(Number(d.created_at_ms), this.timeZone).date;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const answered = Number(t.answered);
    const surveys = Number(all.n);
    return {
      from, to, timeZone: this.timeZone,
      total: Number(t.total), open: Number(t.open), answered, answeredWithinDeadline: Number(t.within),
      withinDeadlineShare: answered ? Number(t.within) / answered : null,
      escalated: Number(t.escalated), breached: Number(t.breached), compensationMinor: Number(t.compensation),
      byCategory: await group('category'), byArea: await group('area'), byChannel: await group('channel'), byState: await group('state'),
      satisfaction: { answers: surveys, average: all.avg === null || all.avg === undefined ? null : Math.round(Number(all.avg) * 100) / 100, satisfiedShare: surveys ? Number(all.satisfied) / surveys : null, byScore },
      repeatedByArea: await rep('area'), repeatedByMeter: await rep('meter_id'),
      perDay: [...perDay].map(([day, count]) => ({ day, count })),
    };
  }
}

export interface DeskStats {
  from: number;
  to: number;
  timeZone: string;
  total: number;
  open: number;
  answered: number;
  answeredWithinDeadline: number;
  withinDeadlineShare: number | null;
  escalated: number;
  breached: number;
  compensationMinor: number;
  byCategory: { key: string; count: number }[];
  byArea: { key: string; count: number }[];
  byChannel: { key: string; count: number }[];
  byState: { key: string; count: number }[];
  satisfaction: { answers: number; average: number | null; satisfiedShare: number | null; byScore: { score: number; count: number }[] };
  repeatedByArea: { key: string; category: string; count: number }[];
  repeatedByMeter: { key: string; category: string; count: number }[];
  perDay: { day: string; count: number }[];
}
