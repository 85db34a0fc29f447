// Remote cut and reconnect at run time: gathers what the policy needs for a meter, evaluates every
// request, carries out allowed ones as commands, schedules deferred cuts and carries them out when the
// policy allows (re-evaluated then), holds bulk cuts above the threshold for a second operator, and
// reconnects meters cut by command for non-payment as soon as a payment lands. Every step is audited.
import { newReference } from '../../protocols/index.ts';
import { getMeter, listMeters, type MeterWithState } from '../registry/index.ts';
import { isUniqueViolation, periodic, type Db, type PeriodicJob, type Queryable } from '../../platform/index.ts';
import { type CommandRecord } from '../../gateway/index.ts';
import type { CommandService } from '../../gateway/index.ts';
import type { Logger } from '../../platform/index.ts';
import { evaluate } from './evaluate.ts';
import { decisionView, parseRuleSet, type Decision, type DecisionView, type Reason, type RelayAction, type RuleSet } from './schema.ts';
import { DEFAULT_RULE_SET } from './profiles.ts';
import { AuditWriter } from '../audit/index.ts';
import { RelayError } from './errors.ts';

export { RelayError, type RelayErrorCode } from './errors.ts';

const HOUR = 3_600_000;

/** Who acts, as the audit log records it. */
export interface Actor {
  actor: string;
  actorId: number | null;
  actorRole: string | null;
  ip: string | null;
}

export const SYSTEM_SCHEDULER: Actor = { actor: 'system:scheduler', actorId: null, actorRole: null, ip: null };
export const SYSTEM_PAYMENT: Actor = { actor: 'system:payment', actorId: null, actorRole: null, ip: null };

/** Temperature for an area (°C); pluggable (weather service, SCADA); null when unknown. */
export interface TemperatureSource {
  name: string;
  temperatureC(area: string, at: number): Promise<number | null> | number | null;
}

/** Arrears of the meter's account, when a ledger knows them (the prepaid module may plug its own). */
export type AccountSource = (meterId: string) => Promise<{ debtMinor: number | null; unpaidInvoices: number | null } | null>;

export interface RelayRequestInput {
  reason: Reason;
  note: string;
  /** Evaluate only: nothing stored, nothing sent. */
  dryRun?: boolean;
  /** Deferred cuts are scheduled (default) or only reported. */
  schedule?: boolean;
  /** How long the head end keeps trying to reach the meter. */
  ttlMs?: number;
}

export type RelayStatus = 'executed' | 'refused' | 'scheduled' | 'deferred' | 'pending_approval' | 'preview' | 'cancelled';

export interface RelayOutcome {
  status: RelayStatus;
  meterId: string;
  requestId: number | null;
  decision: DecisionView;
  command: CommandRecord | null;
  scheduledFor: number | null;
}

export interface BulkOutcome {
  bulkId: number | null;
  status: 'preview' | 'pending_approval' | 'executed' | 'rejected';
  action: RelayAction;
  size: number;
  counts: Record<string, number>;
  items: RelayOutcome[];
}

export interface BulkRecord {
  id: number;
  action: RelayAction;
  meterIds: string[];
  reason: Reason;
  note: string;
  requestedBy: string;
  requestedAt: number;
  status: 'pending_approval' | 'approved' | 'rejected' | 'executed';
  decidedBy: string | null;
  decidedAt: number | null;
  ttlMs: number | null;
  summary: Record<string, unknown> | null;
}

export interface HeatOverride {
  id: number;
  area: string;
  state: 'hot' | 'normal' | 'cleared';
  from: number;
  until: number | null;
  setBy: string;
  note: string | null;
}

export interface RelayServiceOptions {
  db: Db;
  commands: CommandService;
  logger: Logger;
  audit?: AuditWriter;
  /** The policy's clock (tests fix it); command delivery keeps its own. */
  now?: () => number;
  /** Used while no rule set is installed in the store. */
  defaultRuleSet?: RuleSet;
  temperature?: TemperatureSource;
  accounts?: AccountSource;
  /** How often deferred cuts are looked at. */
  schedulerMs?: number;
  /** Default time the head end keeps trying to reach the meter. */
  defaultTtlMs?: number;
}

/** A cut scheduled (at: when it is due) or a final notice recorded (at: when it was issued). */
export interface PolicyNoticeEvent {
  kind: 'cut_scheduled' | 'final_notice' | 'reminder';
  id: number;
  meterId: string;
  at: number;
  /** reminder: the request's reference (the outbox's event key) and the arrears known then. */
  reference?: string;
  debtMinor?: number | null;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v == null ? null : Number(v));
const nameOf = (b: unknown): string | null => (b && typeof b === 'object' && typeof (b as { name?: unknown }).name === 'string' ? (b as { name: string }).name : null);
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);

export class RelayService {
  readonly audit: AuditWriter;
  private readonly db: Db;
  private readonly commands: CommandService;
  private readonly logger: Logger;
  readonly now: () => number;
  private cached: RuleSet | null = null;
  private cachedAt = 0;
  private readonly scheduler: PeriodicJob;
  private readonly locks = new Map<string, Promise<unknown>>();
  temperature: TemperatureSource | null;
  accounts: AccountSource | null;

  constructor(private readonly o: RelayServiceOptions) {
    this.db = o.db;
    this.commands = o.commands;
    this.logger = o.logger;
    this.now = o.now ?? (() => Date.now());
    this.audit = o.audit ?? new AuditWriter(o.db, this.now);
    this.temperature = o.temperature ?? null;
    this.accounts = o.accounts ?? null;
    this.scheduler = periodic('relay scheduler sweep', o.schedulerMs ?? 5_000, () => this.sweepOnce(), this.logger);
  }

  /** Called inside the transaction that schedules a cut or records a final notice (e.g. the notifications outbox); a throw rolls it back, so hooks guard themselves. */
  private readonly noticeHooks: ((tx: Queryable, e: PolicyNoticeEvent) => Promise<void>)[] = [];
  onNoticeEvent(fn: (tx: Queryable, e: PolicyNoticeEvent) => Promise<void>): void {
    this.noticeHooks.push(fn);
  }

  /** A final notice counts for the notice rule only when every check says so (the notifications module: delivery confirmed). */
  private readonly noticeChecks: ((meterId: string, noticeId: number) => Promise<boolean>)[] = [];
  onNoticeCheck(fn: (meterId: string, noticeId: number) => Promise<boolean>): void {
    this.noticeChecks.push(fn);
  }

  /** Runs the notice hooks inside the caller's transaction (the water reminders use it too). */
  async noticeEvent(tx: Queryable, e: PolicyNoticeEvent): Promise<void> {
    for (const fn of this.noticeHooks) await fn(tx, e);
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): Promise<void> {
    return this.scheduler.stop();
  }

  /** Runs fn alone for this meter (in this process). */
  async exclusive<T>(meterId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(meterId) ?? Promise.resolve();
    const run = prev.catch(() => {}).then(fn);
    this.locks.set(meterId, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(meterId) === run) this.locks.delete(meterId);
    }
  }

  // ---- rule sets ----

  /** The rule set in force: the newest installed version, or the shipped default. */
  async ruleSet(): Promise<RuleSet> {
    // Re-read now and then: another process may have installed a version.
    if (this.cached && Date.now() - this.cachedAt < 30_000) return this.cached;
    this.cachedAt = Date.now();
    const r = await this.db.query<Row>('SELECT body FROM policy_rule_sets ORDER BY installed_at_ms DESC, version DESC LIMIT 1');
    this.cached = r.rows[0] ? parseRuleSet(json(r.rows[0].body)) : (this.o.defaultRuleSet ?? DEFAULT_RULE_SET);
    return this.cached;
  }

  /** Installs a new version (validated; the version must grow for the same utility). */
  async installRuleSet(body: unknown, actor: Actor): Promise<RuleSet> {
    let rs: RuleSet;
    try {
      rs = parseRuleSet(body);
    } catch (err) {
      throw new RelayError('invalid_policy', (err as Error).message, { issues: (err as { issues?: string[] }).issues ?? [] });
    }
    const current = await this.ruleSet();
    if (rs.utility === current.utility && rs.version <= current.version) {
      throw new RelayError('stale_version', `version ${rs.version} is not newer than the version in force (${current.version}) for ${rs.utility}`);
    }
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO policy_rule_sets (utility, version, body, installed_by, installed_at_ms) VALUES ($1, $2, $3, $4, $5)', [rs.utility, rs.version, JSON.stringify(rs), actor.actor, this.now()]);
      await this.audit.write({ ...actor, action: 'policy.install', targetType: 'policy', target: `${rs.utility}@${rs.version}`, outcome: 'installed', details: { previous: `${current.utility}@${current.version}` } }, tx);
    }).catch((err) => {
      if (isUniqueViolation(err)) throw new RelayError('stale_version', `version ${rs.version} of ${rs.utility} was installed before`);
      throw err;
    });
    this.cached = rs;
    this.cachedAt = Date.now();
    return rs;
  }

  /** Every installed version of the rule set, newest first; the shipped default when none was installed. */
  async ruleSetVersions(): Promise<{ utility: string; version: number; name: string | null; installedBy: string | null; installedAt: number | null; inForce: boolean }[]> {
    const r = await this.db.query<Row>('SELECT utility, version, body, installed_by, installed_at_ms FROM policy_rule_sets ORDER BY installed_at_ms DESC, version DESC LIMIT 500');
    if (!r.rows.length) {
      const d = this.o.defaultRuleSet ?? DEFAULT_RULE_SET;
      return [{ utility: d.utility, version: d.version, name: nameOf(d), installedBy: null, installedAt: null, inForce: true }];
    }
    return r.rows.map((x, i) => ({
      utility: x.utility as string, version: Number(x.version), name: nameOf(json(x.body)), installedBy: x.installed_by as string, installedAt: Number(x.installed_at_ms), inForce: i === 0,
    }));
  }

  // ---- inputs ----

  private async heatOverrideFor(area: string, at: number): Promise<'hot' | 'normal' | null> {
    const r = await this.db.query<Row>(
      `SELECT state FROM heat_overrides WHERE area IN ($1, '*') AND from_ms <= $2 AND (until_ms IS NULL OR until_ms > $2)
       ORDER BY (area = $1) DESC, from_ms DESC, id DESC LIMIT 1`, [area, at]);
    const s = r.rows[0]?.state as string | undefined;
    return s === 'hot' || s === 'normal' ? s : null;
  }

  async accountFor(meterId: string): Promise<{ debtMinor: number | null; unpaidInvoices: number | null; finalNoticeAt: number | null }> {
    const n = await this.db.query<Row>(`SELECT * FROM final_notices WHERE meter_id = $1 ORDER BY issued_at_ms DESC, id DESC LIMIT ${this.noticeChecks.length ? 20 : 1}`, [meterId]);
    // With notice checks (the notifications module): the latest notice every check accepts (e.g. its delivery confirmed).
    let notice: Row | undefined = n.rows[0];
    if (this.noticeChecks.length) {
      notice = undefined;
      for (const row of n.rows) {
        let ok = true;
        for (const check of this.noticeChecks) if (!(await check(meterId, Number(row.id)))) ok = false;
        if (ok) {
          notice = row;
          break;
        }
      }
    }
    const fromLedger = this.accounts ? await this.accounts(meterId) : null;
    return {
      debtMinor: fromLedger?.debtMinor ?? num(notice?.debt_minor),
      unpaidInvoices: fromLedger?.unpaidInvoices ?? num(notice?.unpaid_invoices),
      finalNoticeAt: num(notice?.issued_at_ms),
    };
  }

  private async recentCuts(area: string, at: number): Promise<number[]> {
    const r = await this.db.query<Row>(
      `SELECT executed_at_ms FROM relay_requests WHERE area = $1 AND action = 'disconnect' AND status = 'executed' AND executed_at_ms > $2 AND executed_at_ms <= $3`,
      [area, at - HOUR, at]);
    return r.rows.map((x) => Number(x.executed_at_ms));
  }

  private async temperatureFor(area: string, at: number): Promise<number | null> {
    if (!this.temperature) return null;
    try {
      const t = await this.temperature.temperatureC(area, at);
      return typeof t === 'number' && Number.isFinite(t) ? t : null;
    } catch (err) {
      this.logger.warn({ err, area, source: this.temperature.name }, 'temperature source failed; treated as unknown');
      return null;
    }
  }

  async decide(meter: MeterWithState, action: RelayAction, reason: Reason, at = this.now(), bulk: { size: number; approved: boolean } | null = null, measure: 'cut' | 'flow_limit' = 'cut'): Promise<Decision> {
    const rs = await this.ruleSet();
    if (action === 'reconnect') return evaluate(rs, { action, reason, at, meter: { id: meter.id, service: meter.service, area: meter.area, protectedCategory: meter.protectedCategory } });
    const [account, temperatureC, heatOverride, recentCutsInArea] = await Promise.all([
      this.accountFor(meter.id), this.temperatureFor(meter.area, at), this.heatOverrideFor(meter.area, at), this.recentCuts(meter.area, at),
    ]);
    return evaluate(rs, {
      action, reason, at, meter: { id: meter.id, service: meter.service, area: meter.area, protectedCategory: meter.protectedCategory },
      account, temperatureC, heatOverride, recentCutsInArea, bulk, measure,
    });
  }

  async meter(meterId: string): Promise<MeterWithState> {
    const m = await getMeter(this.db, meterId);
    if (!m) throw new RelayError('unknown_meter', `unknown meter ${meterId}`);
    return m;
  }

  /** The policy's answer for a cut or reconnect of this meter at `at` (default now); changes nothing. */
  async preview(meterId: string, action: RelayAction, reason: Reason, at?: number): Promise<DecisionView> {
    return decisionView(await this.decide(await this.meter(meterId), action, reason, at ?? this.now()));
  }

  // ---- single requests ----

  async request(meterId: string, action: RelayAction, input: RelayRequestInput, actor: Actor): Promise<RelayOutcome> {
    const meter = await this.meter(meterId);
    return this.exclusive(meterId, () => this.one(meter, action, input, actor, null));
  }

  private async one(meter: MeterWithState, action: RelayAction, input: RelayRequestInput, actor: Actor, bulk: { id: number | null; size: number; approved: boolean } | null): Promise<RelayOutcome> {
    const now = this.now();
    const decision = await this.decide(meter, action, input.reason, now, bulk ? { size: bulk.size, approved: bulk.approved } : null);
    const view = decisionView(decision);
    const base = { meterId: meter.id, decision: view, command: null, scheduledFor: null, requestId: null };
    if (input.dryRun) return { ...base, status: decision.outcome === 'approval_required' ? 'pending_approval' : 'preview' };
    const auditBase = { ...actor, action: `relay.${action}`, meterId: meter.id, reason: input.reason, note: input.note, decision: view, details: bulk?.id ? { bulkId: bulk.id } : null };

    if (action === 'disconnect' && decision.outcome !== 'refuse') {
      const open = await this.db.query<Row>(`SELECT id, scheduled_for_ms FROM relay_requests WHERE meter_id = $1 AND action = 'disconnect' AND status = 'scheduled' LIMIT 1`, [meter.id]);
      if (open.rows[0]) {
        const id = Number(open.rows[0].id);
        throw new RelayError('already_scheduled', `a cut of meter ${meter.id} is already scheduled (request ${id}) for ${new Date(Number(open.rows[0].scheduled_for_ms)).toISOString()}`, { requestId: id });
      }
    }

    switch (decision.outcome) {
      case 'refuse': {
        const id = await this.db.transaction(async (tx) => {
          const id = await this.insertRequest(tx, meter, action, input, actor, 'refused', decision, null, bulk?.id ?? null, null, null);
          await this.audit.write({ ...auditBase, outcome: 'refused', details: { ...auditBase.details, requestId: id } }, tx);
          return id;
        });
        return { ...base, status: 'refused', requestId: id };
      }
      case 'approval_required':
        return { ...base, status: 'pending_approval' };
      case 'defer': {
        if (input.schedule === false) {
          await this.audit.write({ ...auditBase, outcome: 'deferred', details: { ...auditBase.details, scheduled: false } });
          return { ...base, status: 'deferred' };
        }
        const id = await this.db.transaction(async (tx) => {
          const id = await this.insertRequest(tx, meter, action, input, actor, 'scheduled', decision, decision.until, bulk?.id ?? null, null, null);
          await this.audit.write({ ...auditBase, outcome: 'scheduled', details: { ...auditBase.details, requestId: id, scheduledFor: view.until } }, tx);
          if (action === 'disconnect' && decision.until !== null) await this.noticeEvent(tx, { kind: 'cut_scheduled', id, meterId: meter.id, at: decision.until });
          return id;
        });
        return { ...base, status: 'scheduled', requestId: id, scheduledFor: decision.until };
      }
      case 'allow': {
        if (action === 'reconnect' && (input.reason === 'payment_received' || input.reason === 'wrongful_cut_correction')) {
          await this.cancelScheduledCuts(meter.id, actor, `reconnected (${input.reason})`);
        }
        const reference = newReference('C');
        const id = await this.db.transaction(async (tx) => {
          const id = await this.insertRequest(tx, meter, action, input, actor, 'executed', decision, null, bulk?.id ?? null, reference, null, now);
          await this.audit.write({ ...auditBase, outcome: 'executed', commandReference: reference, details: { ...auditBase.details, requestId: id } }, tx);
          return id;
        });
        const command = await this.issue(meter.id, action, input, actor.actor, reference, id);
        return { ...base, status: command ? 'executed' : 'cancelled', requestId: id, command };
      }
    }
  }

  private async insertRequest(
    tx: import('../../platform/index.ts').Queryable, meter: MeterWithState, action: RelayAction, input: RelayRequestInput, actor: Actor,
    status: string, decision: Decision, scheduledFor: number | null, bulkId: number | null, reference: string | null, triggerRef: string | null, executedAt: number | null = null,
  ): Promise<number> {
    const r = await tx.query<Row>(
      `INSERT INTO relay_requests (meter_id, area, action, reason, note, requested_by, requested_at_ms, status, decision, scheduled_for_ms, executed_at_ms, command_reference, bulk_id, trigger_ref, ttl_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [meter.id, meter.area, action, input.reason, input.note, actor.actor, this.now(), status, JSON.stringify(decisionView(decision)), scheduledFor, executedAt, reference, bulkId, triggerRef, input.ttlMs ?? null],
    );
    return Number(r.rows[0]!.id);
  }

  /** Sends the command; on failure the request is marked cancelled and audited (never a silent half-state). */
  private async issue(meterId: string, action: RelayAction, input: RelayRequestInput, issuer: string, reference: string, requestId: number): Promise<CommandRecord | null> {
    try {
      return await this.commands.issue(meterId, { type: 'relay', action }, { issuer, reason: input.reason, note: input.note, reference, ttlMs: input.ttlMs ?? this.o.defaultTtlMs });
    } catch (err) {
      this.logger.error({ err, meter: meterId, ref: reference }, 'relay command could not be created');
      await this.db.query(`UPDATE relay_requests SET status = 'cancelled' WHERE id = $1`, [requestId]);
      await this.audit.write({ ...SYSTEM_SCHEDULER, action: `relay.${action}`, meterId, reason: input.reason, outcome: 'failed', commandReference: reference, details: { requestId, error: (err as Error).message } });
      return null;
    }
  }

  private async cancelScheduledCuts(meterId: string, actor: Actor, why: string): Promise<number> {
    const r = await this.db.query<Row>(
      `UPDATE relay_requests SET status = 'cancelled' WHERE meter_id = $1 AND action = 'disconnect' AND status IN ('scheduled') RETURNING id, reason`, [meterId]);
    for (const row of r.rows) {
      await this.audit.write({ ...actor, action: 'relay.cancel', meterId, reason: row.reason as string, note: why, outcome: 'cancelled', details: { requestId: Number(row.id) } });
    }
    return r.rows.length;
  }

  /** An operator cancels one scheduled cut (with a note); audited. 404 when unknown, 409 when it is no longer scheduled. */
  async cancelScheduled(id: number, note: string, actor: Actor): Promise<{ id: number; meterId: string; status: 'cancelled' }> {
    const row = await this.scheduledRow(id);
    return this.exclusive(row.meter_id as string, () => this.db.transaction(async (tx) => {
      const r = await tx.query(`UPDATE relay_requests SET status = 'cancelled' WHERE id = $1 AND status = 'scheduled'`, [id]);
      if (!r.affectedRows) throw new RelayError('bad_state', `request ${id} is no longer scheduled`, { requestId: id });
      await this.audit.write({ ...actor, action: 'relay.cancel', meterId: row.meter_id as string, reason: row.reason as string, note, outcome: 'cancelled',
        details: { requestId: id, scheduledFor: new Date(Number(row.scheduled_for_ms)).toISOString() } }, tx);
      return { id, meterId: row.meter_id as string, status: 'cancelled' as const };
    }));
  }

  /**
   * An operator moves a scheduled cut to `at`, re-evaluated by the policy for that time: allowed then → moved there;
   * deferred then → moved to when the policy allows it (later than asked, said in the answer); refused then → 409 and
   * nothing changes. Audited with the old and new times; the subscriber's cut notice is written again for the new time.
   */
  async reschedule(id: number, at: number, note: string, actor: Actor): Promise<{ id: number; meterId: string; requested: number; scheduledFor: number; decision: DecisionView }> {
    if (!Number.isFinite(at) || at <= this.now()) throw new RelayError('bad_time', 'the new time must be in the future');
    if (at - this.now() > 366 * 86_400_000) throw new RelayError('bad_time', 'the new time must be within a year');
    const row = await this.scheduledRow(id);
    const meterId = row.meter_id as string;
    return this.exclusive(meterId, async () => {
      const meter = await this.meter(meterId);
      const reason = row.reason as Reason;
      const bulkId = num(row.bulk_id);
      const decision = await this.decide(meter, row.action as RelayAction, reason, at, bulkId ? { size: 1, approved: true } : null);
      const view = decisionView(decision);
      if (decision.outcome === 'refuse') {
        throw new RelayError('refused_then', `refused by the disconnection policy at that time, rule ${view.decidingRule}: ${view.detail}`, { rule: view.decidingRule, decision: view });
      }
      const when = decision.outcome === 'defer' && decision.until !== null ? Math.max(decision.until, at) : at;
      return this.db.transaction(async (tx) => {
        const r = await tx.query(`UPDATE relay_requests SET scheduled_for_ms = $2, decision = $3 WHERE id = $1 AND status = 'scheduled'`, [id, when, JSON.stringify(view)]);
        if (!r.affectedRows) throw new RelayError('bad_state', `request ${id} is no longer scheduled`, { requestId: id });
        await this.audit.write({ ...actor, action: 'relay.reschedule', meterId, reason, note, decision: view, outcome: 'rescheduled',
          details: { requestId: id, from: new Date(Number(row.scheduled_for_ms)).toISOString(), requested: new Date(at).toISOString(), scheduledFor: new Date(when).toISOString() } }, tx);
        if (row.action === 'disconnect') await this.noticeEvent(tx, { kind: 'cut_scheduled', id, meterId, at: when });
        return { id, meterId, requested: at, scheduledFor: when, decision: view };
      });
    });
  }

  private async scheduledRow(id: number): Promise<Row> {
    const r = await this.db.query<Row>('SELECT * FROM relay_requests WHERE id = $1', [id]);
    const row = r.rows[0];
    if (!row) throw new RelayError('not_found', `no relay request ${id}`);
    if (row.status !== 'scheduled') throw new RelayError('bad_state', `request ${id} is ${String(row.status)}, not scheduled`, { requestId: id, status: row.status });
    return row;
  }

  /** Scheduled (deferred) requests, soonest first. */
  async scheduled(meterId?: string): Promise<{ id: number; meterId: string; action: string; reason: string; note: string; requestedBy: string; requestedAt: number; scheduledFor: number; decision: DecisionView }[]> {
    const r = meterId
      ? await this.db.query<Row>(`SELECT * FROM relay_requests WHERE status = 'scheduled' AND meter_id = $1 ORDER BY scheduled_for_ms`, [meterId])
      : await this.db.query<Row>(`SELECT * FROM relay_requests WHERE status = 'scheduled' ORDER BY scheduled_for_ms LIMIT 1000`);
    return r.rows.map((x) => ({
      id: Number(x.id), meterId: x.meter_id as string, action: x.action as string, reason: x.reason as string, note: x.note as string,
      requestedBy: x.requested_by as string, requestedAt: Number(x.requested_at_ms), scheduledFor: Number(x.scheduled_for_ms), decision: json(x.decision) as DecisionView,
    }));
  }

  /** Carries out deferred cuts that are due, each re-evaluated now: allowed → sent, deferred again → moved, refused → cancelled. */
  sweep(): Promise<void> {
    return this.scheduler.run();
  }

  private async sweepOnce(): Promise<void> {
    const due = await this.db.query<Row>(`SELECT * FROM relay_requests WHERE status = 'scheduled' AND scheduled_for_ms <= $1 ORDER BY scheduled_for_ms LIMIT 200`, [this.now()]);
    for (const row of due.rows) await this.exclusive(row.meter_id as string, () => this.runScheduled(row));
  }

  private async runScheduled(row: Row): Promise<void> {
    const id = Number(row.id);
    const meter = await getMeter(this.db, row.meter_id as string);
    const action = row.action as RelayAction;
    const reason = row.reason as Reason;
    const input: RelayRequestInput = { reason, note: row.note as string, ttlMs: num(row.ttl_ms) ?? undefined };
    const details = { requestId: id, requestedBy: row.requested_by as string, requestedAt: new Date(Number(row.requested_at_ms)).toISOString() };
    if (!meter) {
      await this.db.query(`UPDATE relay_requests SET status = 'cancelled' WHERE id = $1 AND status = 'scheduled'`, [id]);
      return;
    }
    const bulkId = num(row.bulk_id);
    const now = this.now();
    const decision = await this.decide(meter, action, reason, now, bulkId ? { size: 1, approved: true } : null);
    const view = decisionView(decision);
    const auditBase = { ...SYSTEM_SCHEDULER, action: `relay.${action}`, meterId: meter.id, reason, note: input.note, decision: view, details };
    if (decision.outcome === 'allow') {
      const reference = newReference('C');
      const claimed = await this.db.transaction(async (tx) => {
        const r = await tx.query(`UPDATE relay_requests SET status = 'executed', executed_at_ms = $2, command_reference = $3, decision = $4 WHERE id = $1 AND status = 'scheduled'`, [id, now, reference, JSON.stringify(view)]);
        if (!r.affectedRows) return false;
        await this.audit.write({ ...auditBase, outcome: 'executed', commandReference: reference }, tx);
        return true;
      });
      if (claimed) await this.issue(meter.id, action, input, row.requested_by as string, reference, id);
    } else if (decision.outcome === 'defer' && decision.until !== null) {
      await this.db.query(`UPDATE relay_requests SET scheduled_for_ms = $2, decision = $3 WHERE id = $1 AND status = 'scheduled'`, [id, decision.until, JSON.stringify(view)]);
      await this.audit.write({ ...auditBase, outcome: 'rescheduled', details: { ...details, scheduledFor: view.until } });
    } else {
      await this.db.query(`UPDATE relay_requests SET status = 'cancelled', decision = $2 WHERE id = $1 AND status = 'scheduled'`, [id, JSON.stringify(view)]);
      await this.audit.write({ ...auditBase, outcome: 'cancelled' });
    }
  }

  // ---- bulk ----

  async resolveMeters(sel: { meterIds?: string[]; filter?: { area?: string; service?: 'electricity' | 'water'; online?: boolean } }): Promise<MeterWithState[]> {
    if (sel.meterIds?.length) {
      const out: MeterWithState[] = [];
      const missing: string[] = [];
      for (const id of [...new Set(sel.meterIds)]) {
        const m = await getMeter(this.db, id);
        if (m) out.push(m);
        else missing.push(id);
      }
      if (missing.length) throw new RelayError('unknown_meter', `unknown meters: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}`, { missing });
      return out;
    }
    if (sel.filter && Object.values(sel.filter).some((v) => v !== undefined)) return listMeters(this.db, sel.filter);
    throw new RelayError('no_meters', 'name meters (meterIds) or a filter (area, service, online)');
  }

  private summarise(items: RelayOutcome[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
    return counts;
  }

  /** A bulk cut or reconnect: dry run, held for a second operator above the threshold, or carried out meter by meter. */
  async bulk(action: RelayAction, meters: MeterWithState[], input: RelayRequestInput, actor: Actor): Promise<BulkOutcome> {
    const size = meters.length;
    if (!size) throw new RelayError('no_meters', 'no meter matches');
    const previews: RelayOutcome[] = [];
    for (const m of meters) previews.push(await this.one(m, action, { ...input, dryRun: true }, actor, { id: null, size, approved: false }));
    if (input.dryRun) return { bulkId: null, status: 'preview', action, size, counts: this.summarise(previews), items: previews };
    if (previews.some((p) => p.decision.outcome === 'approval_required')) {
      const ids = meters.map((m) => m.id);
      const bulkId = await this.db.transaction(async (tx) => {
        const r = await tx.query<Row>(
          `INSERT INTO bulk_requests (action, meter_ids, reason, note, requested_by, requested_by_id, requested_at_ms, status, ttl_ms, summary)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending_approval', $8, $9) RETURNING id`,
          [action, JSON.stringify(ids), input.reason, input.note, actor.actor, actor.actorId, this.now(), input.ttlMs ?? null, JSON.stringify(this.summarise(previews))]);
        const id = Number(r.rows[0]!.id);
        await this.audit.write({ ...actor, action: `bulk.${action}`, targetType: 'bulk', target: String(id), reason: input.reason, note: input.note, outcome: 'pending_approval', details: { size, meterIds: ids.slice(0, 500), counts: this.summarise(previews) } }, tx);
        return id;
      });
      return { bulkId, status: 'pending_approval', action, size, counts: this.summarise(previews), items: previews };
    }
    const bulkId = await this.db.transaction(async (tx) => {
      const r = await tx.query<Row>(
        `INSERT INTO bulk_requests (action, meter_ids, reason, note, requested_by, requested_by_id, requested_at_ms, status, ttl_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'executed', $8) RETURNING id`,
        [action, JSON.stringify(meters.map((m) => m.id)), input.reason, input.note, actor.actor, actor.actorId, this.now(), input.ttlMs ?? null]);
      const id = Number(r.rows[0]!.id);
      await this.audit.write({ ...actor, action: `bulk.${action}`, targetType: 'bulk', target: String(id), reason: input.reason, note: input.note, outcome: 'executed', details: { size } }, tx);
      return id;
    });
    return this.executeBulk(bulkId, action, meters, input, actor, false);
  }

  private async executeBulk(bulkId: number, action: RelayAction, meters: MeterWithState[], input: RelayRequestInput, actor: Actor, approved: boolean): Promise<BulkOutcome> {
    const items: RelayOutcome[] = [];
    for (const m of meters) {
      try {
        items.push(await this.exclusive(m.id, () => this.one(m, action, { ...input, dryRun: false }, actor, { id: bulkId, size: meters.length, approved })));
      } catch (err) {
        if (!(err instanceof RelayError)) throw err;
        const decision = decisionView(await this.decide(m, action, input.reason, this.now(), { size: meters.length, approved }));
        items.push({ status: 'cancelled', meterId: m.id, requestId: null, decision: { ...decision, detail: err.message }, command: null, scheduledFor: null });
      }
    }
    const counts = this.summarise(items);
    await this.db.query(`UPDATE bulk_requests SET status = 'executed', summary = $2 WHERE id = $1`, [bulkId, JSON.stringify(counts)]);
    return { bulkId, status: 'executed', action, size: meters.length, counts, items };
  }

  async getBulk(id: number): Promise<BulkRecord | null> {
    const r = await this.db.query<Row>('SELECT * FROM bulk_requests WHERE id = $1', [id]);
    const x = r.rows[0];
    if (!x) return null;
    return {
      id: Number(x.id), action: x.action as RelayAction, meterIds: json(x.meter_ids) as string[], reason: x.reason as Reason, note: x.note as string,
      requestedBy: x.requested_by as string, requestedAt: Number(x.requested_at_ms), status: x.status as BulkRecord['status'],
      decidedBy: (x.decided_by as string) ?? null, decidedAt: num(x.decided_at_ms), ttlMs: num(x.ttl_ms), summary: json(x.summary) as Record<string, unknown> | null,
    };
  }

  /** A second operator approves (or rejects) a held bulk request; the requester cannot. */
  async decideBulk(id: number, approve: boolean, note: string, actor: Actor): Promise<BulkOutcome> {
    const b = await this.getBulk(id);
    if (!b) throw new RelayError('not_found', `bulk request ${id}`);
    if (b.status !== 'pending_approval') throw new RelayError('bad_state', `bulk request ${id} is ${b.status}, not pending approval`);
    if (b.requestedBy === actor.actor) throw new RelayError('same_operator', `bulk request ${id} was made by ${actor.actor}; a second operator must ${approve ? 'approve' : 'reject'} it`);
    const claimed = await this.db.transaction(async (tx) => {
      const r = await tx.query(`UPDATE bulk_requests SET status = $2, decided_by = $3, decided_at_ms = $4 WHERE id = $1 AND status = 'pending_approval'`, [id, approve ? 'approved' : 'rejected', actor.actor, this.now()]);
      if (!r.affectedRows) return false;
      await this.audit.write({ ...actor, action: approve ? 'bulk.approve' : 'bulk.reject', targetType: 'bulk', target: String(id), reason: b.reason, note, outcome: approve ? 'approved' : 'rejected', details: { requestedBy: b.requestedBy, size: b.meterIds.length } }, tx);
      return true;
    });
    if (!claimed) throw new RelayError('bad_state', `bulk request ${id} was decided meanwhile`);
    if (!approve) return { bulkId: id, status: 'rejected', action: b.action, size: b.meterIds.length, counts: {}, items: [] };
    const meters = (await Promise.all(b.meterIds.map((m) => getMeter(this.db, m)))).filter((m): m is MeterWithState => m !== null);
    // The cuts are the requester's, carried out on the approver's word: both are in the audit log.
    const requester: Actor = { actor: b.requestedBy, actorId: null, actorRole: null, ip: actor.ip };
    return this.executeBulk(id, b.action, meters, { reason: b.reason, note: `${b.note} (approved by ${actor.actor})`, ttlMs: b.ttlMs ?? undefined }, requester, true);
  }

  // ---- notices and heat ----

  async recordFinalNotice(meterId: string, n: { debtMinor: number | null; unpaidInvoices: number | null; note: string; issuedAt?: number }, actor: Actor): Promise<{ id: number; issuedAt: number }> {
    await this.meter(meterId);
    const issuedAt = n.issuedAt ?? this.now();
    return this.db.transaction(async (tx) => {
      const r = await tx.query<Row>('INSERT INTO final_notices (meter_id, issued_at_ms, debt_minor, unpaid_invoices, issued_by, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [meterId, issuedAt, n.debtMinor, n.unpaidInvoices, actor.actor, n.note]);
      const id = Number(r.rows[0]!.id);
      await this.noticeEvent(tx, { kind: 'final_notice', id, meterId, at: issuedAt });
      await this.audit.write({ ...actor, action: 'notice.final', meterId, note: n.note, outcome: 'recorded', details: { noticeId: id, issuedAt: new Date(issuedAt).toISOString(), debtMinor: n.debtMinor, unpaidInvoices: n.unpaidInvoices } }, tx);
      return { id, issuedAt };
    });
  }

  async setHeatOverride(o: { area: string; state: 'hot' | 'normal' | 'cleared'; until: number | null; note: string }, actor: Actor): Promise<HeatOverride> {
    const from = this.now();
    return this.db.transaction(async (tx) => {
      const r = await tx.query<Row>('INSERT INTO heat_overrides (area, state, from_ms, until_ms, set_by, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [o.area, o.state, from, o.until, actor.actor, o.note]);
      const id = Number(r.rows[0]!.id);
      await this.audit.write({ ...actor, action: 'policy.heat_override', targetType: 'area', target: o.area, note: o.note, outcome: o.state, details: { overrideId: id, until: o.until === null ? null : new Date(o.until).toISOString() } }, tx);
      return { id, area: o.area, state: o.state, from, until: o.until, setBy: actor.actor, note: o.note };
    });
  }

  async heatOverrides(): Promise<HeatOverride[]> {
    const now = this.now();
    const r = await this.db.query<Row>(`SELECT * FROM heat_overrides WHERE until_ms IS NULL OR until_ms > $1 ORDER BY from_ms DESC, id DESC LIMIT 200`, [now]);
    return r.rows.map((x) => ({ id: Number(x.id), area: x.area as string, state: x.state as HeatOverride['state'], from: Number(x.from_ms), until: num(x.until_ms), setBy: x.set_by as string, note: (x.note as string) ?? null }));
  }

  // ---- payment → reconnect ----

  /**
   * A payment landed for this meter (a top-up accepted, or a credit token accepted by the meter).
   * Cancels scheduled non-payment cuts and, when the meter's relay was last opened by a command for
   * non-payment, sends a reconnect at once. Idempotent per payment reference; never blocked by the policy.
   */
  async reconnectAfterPayment(meterId: string, paymentRef: string, source = 'prepaid'): Promise<{ status: 'reconnecting' | 'not_cut' | 'duplicate'; command: CommandRecord | null; cancelledCuts: number }> {
    return this.exclusive(meterId, async () => {
      const meter = await this.meter(meterId);
      const cancelledCuts = await this.cancelScheduledNonPayment(meterId, paymentRef);
      const lastRelay = (await this.commands.history(meterId, 50)).find((c) => c.type === 'relay');
      const cut = lastRelay && lastRelay.action === 'disconnect' && ['pending', 'sent', 'acknowledged'].includes(lastRelay.status);
      if (!cut || lastRelay.reason !== 'non_payment') return { status: 'not_cut' as const, command: null, cancelledCuts };
      const input: RelayRequestInput = { reason: 'payment_received', note: `payment ${paymentRef} (${source})` };
      const decision = await this.decide(meter, 'reconnect', 'payment_received');
      const view = decisionView(decision);
      const reference = newReference('C');
      let id: number;
      try {
        id = await this.db.transaction(async (tx) => {
          const id = await this.insertRequest(tx, meter, 'reconnect', input, SYSTEM_PAYMENT, 'executed', decision, null, null, reference, paymentRef, this.now());
          await this.audit.write({
            ...SYSTEM_PAYMENT, action: 'relay.reconnect', meterId, reason: 'payment_received', note: input.note, outcome: 'executed', decision: view, commandReference: reference,
            details: { requestId: id, paymentRef, source, cutBy: lastRelay.issuer, cutCommand: lastRelay.reference },
          }, tx);
          return id;
        });
      } catch (err) {
        if (isUniqueViolation(err)) return { status: 'duplicate' as const, command: null, cancelledCuts };
        throw err;
      }
      const command = await this.issue(meterId, 'reconnect', input, SYSTEM_PAYMENT.actor, reference, id);
      this.logger.info({ meter: meterId, ref: reference, paymentRef }, 'meter cut for non-payment reconnected after payment');
      return { status: 'reconnecting' as const, command, cancelledCuts };
    });
  }

  private async cancelScheduledNonPayment(meterId: string, paymentRef: string): Promise<number> {
    const r = await this.db.query<Row>(
      `UPDATE relay_requests SET status = 'cancelled' WHERE meter_id = $1 AND action = 'disconnect' AND status = 'scheduled' AND reason = 'non_payment' RETURNING id`, [meterId]);
    for (const row of r.rows) {
      await this.audit.write({ ...SYSTEM_PAYMENT, action: 'relay.cancel', meterId, reason: 'non_payment', note: `payment ${paymentRef} received`, outcome: 'cancelled', details: { requestId: Number(row.id), paymentRef } });
    }
    return r.rows.length;
  }
}
