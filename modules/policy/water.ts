// The water alternatives to a cut, as real actions. Water is never cut for non-payment; instead an operator
// may (1) limit the flow: a `flow_limit` command on the one command lifecycle throttles the meter's valve to a
// rate never below the rule set's lifeline (serviceType.lifelineLitresPerHour, default 30 L/h; 0 is refused),
// lifted by an operator or by itself when credit arrives; (2) send a payment reminder through the
// notifications outbox. Every request has a reference, is audited (who, when, from where) and is idempotent:
// an operator's Idempotency-Key (or, for the automatic lift, the payment's reference) replays, never repeats.
//
// The policy for a flow limit (evaluate.ts, measure 'flow_limit', reason non_payment): it is not a cut, so the
// service-type, notice, rate and bulk rules do not apply; protected subscribers within their ceiling are
// refused (409 policy-refused), and the time-of-day, weekend, holiday, last-working-day, calendar-period and
// heat rules hold it back as they would a cut (409 policy-deferred, saying until when; nothing is scheduled —
// the operator asks again then). Lifting a limit is never blocked, like a reconnect.
import { z } from 'zod';
import { newReference } from '../../protocols/index.ts';
import { isUniqueViolation, type Db, type Logger } from '../../platform/index.ts';
import type { CommandKind, CommandRecord, CommandService } from '../../gateway/index.ts';
import type { AuditWriter } from '../audit/index.ts';
import { decisionView, type DecisionView } from './schema.ts';
import { RelayError } from './errors.ts';
import { SYSTEM_PAYMENT, type Actor, type RelayService } from './service.ts';

export type FlowLimitBody = { type: 'flow_limit'; action: 'limit' | 'restore'; litresPerHour?: number };

/** The water meter's valve throttle: limit the flow to litresPerHour, or restore full flow. */
export const FLOW_LIMIT_COMMAND: CommandKind<FlowLimitBody> = {
  type: 'flow_limit',
  body: z.object({ type: z.literal('flow_limit'), action: z.enum(['limit', 'restore']), litresPerHour: z.number().int().positive().max(100_000).optional() }).strict()
    .refine((b) => (b.action === 'limit') === (b.litresPerHour !== undefined), 'a limit names litresPerHour; a restore does not') as z.ZodType<FlowLimitBody>,
  action: (b) => b.action,
  wire: (b) => (b.action === 'limit' ? { action: 'limit', litresPerHour: b.litresPerHour } : { action: 'restore' }),
};

export type WaterActionKind = 'flow_limit' | 'flow_restore' | 'reminder';

export interface WaterAction {
  reference: string;
  meterId: string;
  kind: WaterActionKind;
  litresPerHour: number | null;
  requestedBy: string;
  requestedAt: number;
  note: string | null;
  /** The payment that lifted a limit by itself. */
  triggerRef: string | null;
  command: CommandRecord | null;
  decision: DecisionView | null;
}

/** limited: the meter acknowledged a limit; limiting/restoring: the command is on its way; none: full flow. */
export type FlowState = 'none' | 'limiting' | 'limited' | 'restoring';

export interface WaterState {
  meterId: string;
  service: 'electricity' | 'water';
  flow: { state: FlowState; litresPerHour: number | null; reference: string | null; since: number | null; by: string | null };
  lifelineLitresPerHour: number;
  actions: WaterAction[];
}

export interface WaterOutcome {
  action: WaterAction;
  /** An earlier request with the same Idempotency-Key: nothing new was done. */
  replayed: boolean;
}

type Row = Record<string, unknown>;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v ?? null);
const LIVE = ['pending', 'sent'];

export class WaterService {
  constructor(private readonly o: { db: Db; commands: CommandService; relay: RelayService; audit: AuditWriter; logger: Logger; defaultTtlMs?: number }) {}

  private async lifeline(): Promise<number> {
    return (await this.o.relay.ruleSet()).rules.serviceType.lifelineLitresPerHour;
  }

  private async toAction(x: Row): Promise<WaterAction> {
    const ref = (x.command_reference as string | null) ?? null;
    return {
      reference: x.reference as string, meterId: x.meter_id as string, kind: x.kind as WaterActionKind,
      litresPerHour: x.litres_per_hour == null ? null : Number(x.litres_per_hour), requestedBy: x.requested_by as string,
      requestedAt: Number(x.requested_at_ms), note: (x.note as string | null) ?? null, triggerRef: (x.trigger_ref as string | null) ?? null,
      command: ref ? await this.o.commands.get(ref) : null, decision: json(x.decision) as DecisionView | null,
    };
  }

  private async byKey(meterId: string, kind: WaterActionKind, key: string): Promise<WaterAction | null> {
    const r = await this.o.db.query<Row>('SELECT * FROM water_actions WHERE meter_id = $1 AND kind = $2 AND idem_key = $3', [meterId, kind, key]);
    return r.rows[0] ? this.toAction(r.rows[0]) : null;
  }

  /** A replay must ask the same thing; a different request under the same key is a 409. */
  private replay(prev: WaterAction, litresPerHour: number | null): WaterOutcome {
    if (prev.kind === 'flow_limit' && prev.litresPerHour !== litresPerHour) {
      throw new RelayError('idempotency_conflict', `this Idempotency-Key was used for a limit of ${prev.litresPerHour} L/h (${prev.reference}); use a new key for a new request`, { reference: prev.reference });
    }
    return { action: prev, replayed: true };
  }

  private async water(meterId: string) {
    const meter = await this.o.relay.meter(meterId);
    if (meter.service !== 'water') throw new RelayError('not_water', `meter ${meterId} is an electricity meter: flow limits are for water meters (an electricity meter has no valve to throttle)`);
    return meter;
  }

  /** Sends the command; if it cannot be created the failure is audited and the action has no command (answered 503). */
  private async issue(meterId: string, body: FlowLimitBody, issuer: string, reference: string, note: string | null, ttlMs?: number): Promise<CommandRecord | null> {
    try {
      return await this.o.commands.issue(meterId, body, { issuer, reason: body.action === 'limit' ? 'non_payment' : 'payment_received', note, reference, ttlMs: ttlMs ?? this.o.defaultTtlMs });
    } catch (err) {
      this.o.logger.error({ err, meter: meterId, ref: reference }, 'flow-limit command could not be created');
      await this.o.audit.write({ actor: 'system:policy', action: `water.${body.action === 'limit' ? 'flow_limit' : 'flow_restore'}`, meterId, outcome: 'failed', commandReference: reference, details: { error: (err as Error).message } });
      return null;
    }
  }

  /** Limits a water meter's flow (default: the lifeline), under the policy. */
  async limit(meterId: string, input: { litresPerHour?: number; note: string; idempotencyKey?: string; ttlMs?: number }, actor: Actor): Promise<WaterOutcome> {
    const meter = await this.water(meterId);
    const lifeline = await this.lifeline();
    const lph = input.litresPerHour ?? lifeline;
    if (!Number.isSafeInteger(lph) || lph < lifeline) {
      throw new RelayError('below_lifeline', `a flow limit of ${lph} L/h is below the lifeline of ${lifeline} L/h: water is never cut, a limit keeps at least the lifeline flowing`, { lifelineLitresPerHour: lifeline });
    }
    return this.o.relay.exclusive(meterId, async () => {
      if (input.idempotencyKey) {
        const prev = await this.byKey(meterId, 'flow_limit', input.idempotencyKey);
        if (prev) return this.replay(prev, lph);
      }
      const decision = await this.o.relay.decide(meter, 'disconnect', 'non_payment', this.o.relay.now(), null, 'flow_limit');
      const view = decisionView(decision);
      const auditBase = { ...actor, action: 'water.flow_limit', meterId, reason: 'non_payment', note: input.note, decision: view };
      if (decision.outcome === 'refuse') {
        await this.o.audit.write({ ...auditBase, outcome: 'refused', details: { litresPerHour: lph } });
        throw new RelayError('limit_refused', `flow limit refused by the disconnection policy, rule ${view.decidingRule}: ${view.detail}`, { rule: view.decidingRule, decision: view });
      }
      if (decision.outcome !== 'allow') {
        await this.o.audit.write({ ...auditBase, outcome: 'deferred', details: { litresPerHour: lph, until: view.until } });
        throw new RelayError('limit_deferred', `flow limit held back by the disconnection policy, rule ${view.decidingRule}, until ${view.untilLocal}: ${view.detail}`, { rule: view.decidingRule, until: view.until, untilLocal: view.untilLocal, decision: view });
      }
      const reference = newReference('C');
      try {
        await this.o.db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO water_actions (reference, meter_id, kind, litres_per_hour, idem_key, requested_by, requested_at_ms, note, command_reference, decision)
             VALUES ($1, $2, 'flow_limit', $3, $4, $5, $6, $7, $1, $8)`,
            [reference, meterId, lph, input.idempotencyKey ?? null, actor.actor, this.o.relay.now(), input.note, JSON.stringify(view)]);
          await this.o.audit.write({ ...auditBase, outcome: 'executed', commandReference: reference, details: { litresPerHour: lph, lifelineLitresPerHour: lifeline } }, tx);
        });
      } catch (err) {
        if (isUniqueViolation(err) && input.idempotencyKey) {
          const prev = await this.byKey(meterId, 'flow_limit', input.idempotencyKey);
          if (prev) return this.replay(prev, lph);
        }
        throw err;
      }
      await this.issue(meterId, { type: 'flow_limit', action: 'limit', litresPerHour: lph }, actor.actor, reference, input.note, input.ttlMs);
      return { action: (await this.get(reference))!, replayed: false };
    });
  }

  /** Lifts a flow limit (an operator's word); never blocked by the policy. */
  async lift(meterId: string, input: { note: string; idempotencyKey?: string }, actor: Actor): Promise<WaterOutcome> {
    await this.water(meterId);
    return this.o.relay.exclusive(meterId, async () => {
      if (input.idempotencyKey) {
        const prev = await this.byKey(meterId, 'flow_restore', input.idempotencyKey);
        if (prev) return { action: prev, replayed: true };
      }
      return { action: await this.restore(meterId, actor, input.note, { idemKey: input.idempotencyKey ?? null, triggerRef: null }), replayed: false };
    });
  }

  private async restore(meterId: string, actor: Actor, note: string, o: { idemKey: string | null; triggerRef: string | null }): Promise<WaterAction> {
    const reference = newReference('C');
    await this.o.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO water_actions (reference, meter_id, kind, idem_key, trigger_ref, requested_by, requested_at_ms, note, command_reference)
         VALUES ($1, $2, 'flow_restore', $3, $4, $5, $6, $7, $1)`,
        [reference, meterId, o.idemKey, o.triggerRef, actor.actor, this.o.relay.now(), note]);
      await this.o.audit.write({ ...actor, action: 'water.flow_restore', meterId, reason: o.triggerRef ? 'payment_received' : null, note, outcome: 'executed', commandReference: reference, details: o.triggerRef ? { paymentRef: o.triggerRef } : null }, tx);
    });
    await this.issue(meterId, { type: 'flow_limit', action: 'restore' }, actor.actor, reference, note);
    return (await this.get(reference))!;
  }

  /**
   * Credit arrived for this meter (a credit token the meter accepted, or the prepaid module's word): a limited
   * (or limiting) water meter gets its full flow back at once. Once per payment reference.
   */
  async liftAfterPayment(meterId: string, paymentRef: string, source = 'prepaid'): Promise<{ status: 'lifting' | 'not_limited' | 'duplicate'; action: WaterAction | null }> {
    return this.o.relay.exclusive(meterId, async () => {
      const st = await this.flowState(meterId);
      if (st.state !== 'limited' && st.state !== 'limiting') return { status: 'not_limited' as const, action: null };
      try {
        const action = await this.restore(meterId, SYSTEM_PAYMENT, `payment ${paymentRef} (${source}): flow limit lifted`, { idemKey: null, triggerRef: paymentRef });
        this.o.logger.info({ meter: meterId, ref: action.reference, paymentRef }, 'flow limit lifted after payment');
        return { status: 'lifting' as const, action };
      } catch (err) {
        if (isUniqueViolation(err)) return { status: 'duplicate' as const, action: null };
        throw err;
      }
    });
  }

  /** A payment reminder to the subscriber (SMS / e-mail through the notifications outbox); Idempotency-Key required. */
  async remind(meterId: string, input: { note: string | null; idempotencyKey: string }, actor: Actor): Promise<WaterOutcome> {
    await this.o.relay.meter(meterId);
    return this.o.relay.exclusive(meterId, async () => {
      const prev = await this.byKey(meterId, 'reminder', input.idempotencyKey);
      if (prev) return { action: prev, replayed: true };
      const account = await this.o.relay.accountFor(meterId);
      const reference = newReference('N');
      const at = this.o.relay.now();
      try {
        await this.o.db.transaction(async (tx) => {
          const r = await tx.query<Row>(
            `INSERT INTO water_actions (reference, meter_id, kind, idem_key, requested_by, requested_at_ms, note) VALUES ($1, $2, 'reminder', $3, $4, $5, $6) RETURNING id`,
            [reference, meterId, input.idempotencyKey, actor.actor, at, input.note]);
          await this.o.relay.noticeEvent(tx, { kind: 'reminder', id: Number(r.rows[0]!.id), meterId, at, reference, debtMinor: account.debtMinor });
          await this.o.audit.write({ ...actor, action: 'water.reminder', meterId, note: input.note, outcome: 'queued', targetType: 'reminder', target: reference, details: { debtMinor: account.debtMinor } }, tx);
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          const again = await this.byKey(meterId, 'reminder', input.idempotencyKey);
          if (again) return { action: again, replayed: true };
        }
        throw err;
      }
      return { action: (await this.get(reference))!, replayed: false };
    });
  }

  async get(reference: string): Promise<WaterAction | null> {
    const r = await this.o.db.query<Row>('SELECT * FROM water_actions WHERE reference = $1', [reference]);
    return r.rows[0] ? this.toAction(r.rows[0]) : null;
  }

  /** The flow as the meter's acknowledged commands leave it. */
  async flowState(meterId: string): Promise<WaterState['flow']> {
    const r = await this.o.db.query<Row>(`SELECT * FROM water_actions WHERE meter_id = $1 AND kind IN ('flow_limit', 'flow_restore') ORDER BY id DESC LIMIT 20`, [meterId]);
    const none = { state: 'none' as FlowState, litresPerHour: null, reference: null, since: null, by: null };
    for (const row of r.rows) {
      const a = await this.toAction(row);
      const status = a.command?.status ?? 'failed';
      const view = (state: FlowState, from: WaterAction) => ({ state, litresPerHour: from.litresPerHour, reference: from.reference, since: from.command?.finishedAt ?? from.requestedAt, by: from.requestedBy });
      if (a.kind === 'flow_limit') {
        if (status === 'acknowledged') return view('limited', a);
        if (LIVE.includes(status)) return view('limiting', a);
        continue; // a limit the meter refused or never got: what came before holds
      }
      if (status === 'acknowledged') return none;
      if (LIVE.includes(status)) {
        const prevLimit = r.rows.find((x) => x.kind === 'flow_limit' && Number(x.id) < Number(row.id));
        return { ...view('restoring', a), litresPerHour: prevLimit ? Number(prevLimit.litres_per_hour) : null };
      }
    }
    return none;
  }

  async state(meterId: string): Promise<WaterState> {
    const meter = await this.o.relay.meter(meterId);
    const r = await this.o.db.query<Row>('SELECT * FROM water_actions WHERE meter_id = $1 ORDER BY id DESC LIMIT 20', [meterId]);
    const actions: WaterAction[] = [];
    for (const row of r.rows) actions.push(await this.toAction(row));
    return { meterId, service: meter.service, flow: await this.flowState(meterId), lifelineLitresPerHour: await this.lifeline(), actions };
  }
}
