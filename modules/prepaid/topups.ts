// The top-up service: payment → ledger → STS token → delivery to the meter → the meter's answer.
// Each step is its own database transaction and leaves a position (`step`) from which a restart resumes:
//   paid    payment recorded (ledger: cash / in flight), no token yet
//   vended  token made, sealed and stored with its breakdown; ledger: in flight → sales, VAT, fees, debt
//   queued  delivery command created (reference = the top-up's reference)
// Round trips (bench/topup.bench.ts counts them): the payment is one statement (top-up row, ledger, event);
// the vend one short transaction (lock the meter's TID row; read the top-up with the ledger figures its
// breakdown needs; write ledger, token, TID and event in one statement); queueing one statement; the
// meter's answer one statement (plus the onAccepted hooks, in its transaction).
// A token is made only inside the transaction that records it, and the ledger allows one vend per
// top-up, so a payment never gets two tokens; a top-up that cannot get one is marked failed and its
// money moves to refunds owed.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { newReference, parseReference, sts, type MeterEvent } from '../../protocols/index.ts';
import { isUniqueViolation, type Db, type Queryable, type SecretBox } from '../../platform/index.ts';
import { type CommandRecord } from '../../gateway/index.ts';
import { vendingView, vendingViewOf, vendingViewSql, type VendingView } from '../registry/index.ts';
import type { CommandService } from '../../gateway/index.ts';
import type { Logger } from '../../platform/index.ts';
import { dayOf, monthOf } from './calendar.ts';
import { ACCOUNTS, accountBalance, postTxn, reconcile, txnCte, vendInputsOf, vendInputsSql, type Reconciliation, type VendMeta } from './ledger.ts';
import { PrepaidError, formatMoney, formatTenths, isCurrency, parseMoney, type Currency } from './money.ts';
import { breakdownView, computeBreakdown, type Breakdown, type BreakdownView, type TariffSet } from './tariff.ts';
import { meterKeyRef, stsParamsOf, type VendingKeys } from './keys.ts';

export type TopUpState = 'pending' | 'delivered' | 'accepted' | 'rejected' | 'failed';
export type TopUpStep = 'paid' | 'vended' | 'queued';
export const FINAL_STATES: readonly TopUpState[] = ['accepted', 'rejected', 'failed'];

/** Named points of the top-up flow at which a test can make the process die (RASEED_PREPAID_CRASH_AT). */
export const CRASH_POINTS = ['paid', 'vending', 'vended', 'issued', 'queued'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface Actor {
  kind: 'subscriber' | 'operator' | 'anonymous' | 'system';
  userId?: number;
  /** Who, for the record: username or "kiosk". */
  name: string;
}

export interface TopUpRequest {
  meterId: string;
  /** Decimal string in major units of the utility's currency. */
  amount: string;
  currency?: string;
  idempotencyKey: string;
  actor: Actor;
  /** The caller's access check: sees the meter (null: unknown) before anything is written, and throws to refuse. */
  authorize?: (meter: VendingView | null) => void;
}

export interface TopUpRecord {
  reference: string;
  meterId: string;
  channel: Actor['kind'];
  issuer: string;
  currency: Currency;
  amount: number;
  day: string;
  tariffMonth: string;
  state: TopUpState;
  step: TopUpStep;
  reason: string | null;
  tariffId: string | null;
  breakdown: Breakdown | null;
  unitsTenths: number | null;
  tokenSealed: string | null;
  tid: number | null;
  meterResult: string | null;
  acceptedVia: string | null;
  createdAt: number;
  vendedAt: number | null;
  deliveredAt: number | null;
  finishedAt: number | null;
}

export interface TopUpServiceOptions {
  db: Db;
  box: SecretBox;
  commands: CommandService;
  logger: Logger;
  currency: Currency;
  timeZone: string;
  tariffs: TariffSet;
  keys: VendingKeys;
  now?: () => number;
  /** How long the head end keeps trying to deliver a token (default 7 days; the token stays valid on the keypad). */
  tokenTtlMs?: number;
  /** A top-up found at step "paid" on restart is resumed when younger than this, else failed (default 24 h). */
  resumeWindowMs?: number;
  /** Test hook: SIGKILL this process when the flow reaches this point. */
  crashAt?: string;
}

type Row = Record<string, unknown>;

type VendMeter = Pick<VendingView, 'id' | 'service' | 'tariffClass' | 'sts'>;

/** What a vend starts from: the meter, the ledger's figures for its breakdown and the meter's last TID, read in one snapshot. */
interface VendBasis {
  meter: VendMeter | null;
  inputs: { tenths: number; fixedPaid: boolean; arrears: number };
  lastTid: number | null;
  topup: Pick<TopUpRecord, 'reference' | 'meterId' | 'amount' | 'currency' | 'day' | 'tariffMonth' | 'state' | 'step'>;
}
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const dayText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toRecord(r: Row): TopUpRecord {
  const bd = r.breakdown == null ? null : ((typeof r.breakdown === 'string' ? JSON.parse(r.breakdown) : r.breakdown) as Breakdown);
  return {
    reference: r.reference as string, meterId: r.meter_id as string, channel: r.channel as Actor['kind'], issuer: r.issuer as string,
    currency: r.currency as Currency, amount: Number(r.amount), day: dayText(r.day), tariffMonth: r.tariff_month as string,
    state: r.state as TopUpState, step: r.step as TopUpStep, reason: (r.reason as string) ?? null, tariffId: (r.tariff_id as string) ?? null,
    breakdown: bd, unitsTenths: num(r.units_tenths), tokenSealed: (r.token_sealed as string) ?? null, tid: num(r.tid),
    meterResult: (r.meter_result as string) ?? null, acceptedVia: (r.accepted_via as string) ?? null,
    createdAt: Number(r.created_at_ms), vendedAt: num(r.vended_at_ms), deliveredAt: num(r.delivered_at_ms), finishedAt: num(r.finished_at_ms),
  };
}

export interface TopUpResult {
  record: TopUpRecord;
  /** True when an earlier request with the same idempotency key and body produced this top-up. */
  replayed: boolean;
}

export interface Quote {
  meterId: string;
  service: VendingView['service'];
  breakdown: Breakdown;
}

interface Events {
  changed: [TopUpRecord];
}

export class TopUpService extends EventEmitter<Events> {
  private readonly o: TopUpServiceOptions;
  private readonly now: () => number;

  constructor(o: TopUpServiceOptions) {
    super();
    this.setMaxListeners(0);
    this.on('changed', (rec) => {
      if (FINAL_STATES.includes(rec.state)) for (const fn of this.waiters.get(rec.reference) ?? []) fn(rec);
    });
    this.o = o;
    this.now = o.now ?? Date.now;
  }

  /** Called inside the transaction that marks a top-up accepted (e.g. the notifications outbox); see onAccepted. */
  private readonly acceptedHooks: ((tx: Queryable, rec: TopUpRecord) => Promise<void>)[] = [];

  /** Runs fn inside the transaction that accepts a top-up, with the accepted record; a throw rolls the acceptance back, so fn guards itself. */
  onAccepted(fn: (tx: Queryable, rec: TopUpRecord) => Promise<void>): void {
    this.acceptedHooks.push(fn);
  }

  private async accepted(tx: Queryable, rec: TopUpRecord): Promise<void> {
    for (const fn of this.acceptedHooks) await fn(tx, rec);
  }

  private checkpoint(point: CrashPoint): void {
    if (this.o.crashAt === point) {
      this.o.logger.warn({ point }, 'RASEED_PREPAID_CRASH_AT reached: killing the process (test hook)');
      process.kill(process.pid, 'SIGKILL');
    }
  }

  // ---- Validation shared by quote and top-up: nothing is written until all of it passes.

  private currencyOf(requested: string | undefined): Currency {
    if (requested !== undefined && requested !== this.o.currency) {
      throw new PrepaidError(isCurrency(requested) ? 'currency_mismatch' : 'unknown_currency', `this utility sells in ${this.o.currency}, not ${String(requested).slice(0, 8)}`, { currency: this.o.currency });
    }
    return this.o.currency;
  }

  /** What vending needs of a meter (one light query, not the meter view with its state). */
  private async meter(q: Queryable, meterId: string): Promise<VendMeter> {
    const m = await vendingView(q, meterId);
    if (!m) throw new PrepaidError('unknown_meter', `unknown meter ${meterId}`);
    return m;
  }

  /** The breakdown this meter would get for `amount` now (state as of the ledger now). */
  private async breakdownFor(q: Queryable, m: VendMeter, amount: number, at: number): Promise<Breakdown> {
    const r = await q.query<Row>(`SELECT ${vendInputsSql('$1', '$2')}`, [m.id, monthOf(at, this.o.timeZone)]);
    return this.compute(m, amount, this.o.currency, vendInputsOf(r.rows[0]!));
  }

  /** The breakdown from the ledger figures (in memory). */
  private compute(m: VendMeter, amount: number, currency: Currency, inputs: { tenths: number; fixedPaid: boolean; arrears: number }): Breakdown {
    const tariff = this.o.tariffs.find(m.service, m.tariffClass, currency);
    try {
      return computeBreakdown({ tariff, amount, arrears: inputs.arrears, fixedDue: !inputs.fixedPaid, blockStartTenths: inputs.tenths });
    } catch (err) {
      // More units than one STS token can carry (IEC 62055-41 transfer amount): the caller's amount, not a fault.
      if (err instanceof sts.StsRangeError) throw new PrepaidError('amount_too_large', `this amount buys more units than one STS token can carry; split it into smaller top-ups`);
      throw err;
    }
  }

  /** What a top-up of `amount` would give now, without paying (`authorize` as for topUp). */
  async quote(meterId: string, amount: string, currency?: string, authorize?: TopUpRequest['authorize']): Promise<Quote> {
    const m = await vendingView(this.o.db, meterId);
    authorize?.(m);
    if (!m) throw new PrepaidError('unknown_meter', `unknown meter ${meterId}`);
    const cur = this.currencyOf(currency);
    const minor = parseMoney(amount, cur);
    meterKeyRef(this.o.keys, m.id, stsParamsOf(this.o.keys, m.sts));
    return { meterId: m.id, service: m.service, breakdown: await this.breakdownFor(this.o.db, m, minor, this.now()) };
  }

  // ---- The flow.

  /**
   * Pays, vends and delivers. `authorize` sees the meter before anything is written (the caller's access check; it
   * throws to refuse, and gets null for an unknown meter). With `waitMs` the answer waits (up to that long) for the
   * meter's answer: the wait is registered before the token goes out, so the answer is taken from the event
   * (no polling, no re-reading) when this process runs the gateway.
   */
  async topUp(req: TopUpRequest, o: { waitMs?: number } = {}): Promise<TopUpResult> {
    const key = req.idempotencyKey;
    const at = this.now();
    const month = monthOf(at, this.o.timeZone);
    const scope = req.actor.kind === 'anonymous' ? `anon:${req.meterId}` : req.actor.userId !== undefined ? `user:${req.actor.userId}` : `system:${req.actor.name}`;
    // One statement: the meter, an earlier top-up with this key, and the figures the vend needs (the ledger's for the
    // breakdown, the meter's last TID), read together so that the vend can check that nothing moved in between.
    const pre = (await this.o.db.query<Row>(
      `SELECT ${vendingViewSql('$1')}, (SELECT row_to_json(t) FROM prepaid_topups t WHERE idem_scope = $3 AND idem_key = $4) AS existing,
         (SELECT last_tid FROM prepaid_meters WHERE meter_id = $1) AS last_tid, ${vendInputsSql('$1', '$2')}`,
      [req.meterId, month, scope, String(key ?? '').slice(0, 200)],
    )).rows[0]!;
    const m = vendingViewOf(pre.vending_view);
    req.authorize?.(m);
    if (!m) throw new PrepaidError('unknown_meter', `unknown meter ${req.meterId}`);
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(key)) throw new PrepaidError('bad_idempotency_key', 'Idempotency-Key must be 1 to 128 visible ASCII characters');
    const cur = this.currencyOf(req.currency);
    const amount = parseMoney(req.amount, cur);
    const bodyHash = createHash('sha256').update(JSON.stringify({ meterId: m.id, amount, currency: cur })).digest('hex');
    if (pre.existing) {
      const row = (typeof pre.existing === 'string' ? JSON.parse(pre.existing) : pre.existing) as Row;
      return this.waitIfAsked(await this.replay({ ...toRecord(row), bodyHash: row.body_hash as string }, bodyHash), o.waitMs);
    }

    // Validate everything a top-up needs before writing anything: tariff, amount, STS parameters.
    meterKeyRef(this.o.keys, m.id, stsParamsOf(this.o.keys, m.sts));
    const inputs = vendInputsOf(pre);
    this.compute(m, amount, cur, inputs);

    const reference = newReference('T');
    const day = dayOf(at, this.o.timeZone);
    try {
      // The payment in one statement (its own transaction): top-up row, ledger transaction, timeline event.
      const params: unknown[] = [reference, m.id, scope, key, bodyHash, req.actor.kind, req.actor.name, cur, amount, day, month, at];
      const ledger = txnCte('pay', {
        kind: 'payment', reference, meterId: m.id, currency: cur, day, at,
        entries: [{ account: ACCOUNTS.cash, amount }, { account: ACCOUNTS.inFlight, amount: -amount }],
        memo: `top-up ${reference} by ${req.actor.kind}`,
      }, params);
      await this.o.db.query(
        `WITH t AS (INSERT INTO prepaid_topups (reference, meter_id, idem_scope, idem_key, body_hash, channel, issuer, currency, amount, day, tariff_month, state, step, created_at_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', 'paid', $12) RETURNING reference),
         ${ledger},
         ev AS (INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) SELECT reference, $12, 'pending', 'paid', 'payment recorded' FROM t)
         SELECT reference FROM t`,
        params,
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same key raced us: answer as a replay.
      const again = await this.byIdempotency(scope, key);
      if (!again) throw err;
      return this.waitIfAsked(await this.replay(again, bodyHash), o.waitMs);
    }
    this.o.logger.info({ ref: reference, meter: m.id, amount: formatMoney(amount, cur), currency: cur, channel: req.actor.kind }, 'top-up paid');
    this.checkpoint('paid');
    const watch = o.waitMs ? this.watch(reference) : null;
    try {
      const topup = { reference, meterId: m.id, amount, currency: cur, day, tariffMonth: month, state: 'pending' as const, step: 'paid' as const };
      const rec = (await this.advance(reference, { meter: m, inputs, lastTid: num(pre.last_tid), topup })) ?? (await this.get(reference))!;
      return { record: watch && !FINAL_STATES.includes(rec.state) ? await watch.until(o.waitMs!, rec) : rec, replayed: false };
    } finally {
      watch?.stop();
    }
  }

  private async waitIfAsked(res: TopUpResult, waitMs: number | undefined): Promise<TopUpResult> {
    if (!waitMs || FINAL_STATES.includes(res.record.state)) return res;
    return { ...res, record: (await this.waitFinal(res.record.reference, waitMs)) ?? res.record };
  }

  private async replay(rec: TopUpRecord & { bodyHash: string }, bodyHash: string): Promise<TopUpResult> {
    if (rec.bodyHash !== bodyHash) {
      throw new PrepaidError('idempotency_conflict', `this Idempotency-Key was used for a different top-up (${rec.reference}); use a new key for a new payment`, { reference: rec.reference });
    }
    // A replay also nudges a top-up that a crash left half-way.
    if (rec.step !== 'queued' && rec.state !== 'failed') await this.advance(rec.reference);
    const { bodyHash: _h, ...record } = (await this.byIdempotencyRef(rec.reference))!;
    return { record, replayed: true };
  }

  private async byIdempotency(scope: string, key: string): Promise<(TopUpRecord & { bodyHash: string }) | null> {
    const r = await this.o.db.query<Row>('SELECT * FROM prepaid_topups WHERE idem_scope = $1 AND idem_key = $2', [scope, key]);
    return r.rows[0] ? { ...toRecord(r.rows[0]), bodyHash: r.rows[0].body_hash as string } : null;
  }

  private async byIdempotencyRef(reference: string): Promise<(TopUpRecord & { bodyHash: string }) | null> {
    const r = await this.o.db.query<Row>('SELECT * FROM prepaid_topups WHERE reference = $1', [reference]);
    return r.rows[0] ? { ...toRecord(r.rows[0]), bodyHash: r.rows[0].body_hash as string } : null;
  }

  /** Moves a top-up forward from wherever it stands: vend, then deliver. Returns the record as it then stands when known. */
  private async advance(reference: string, basis?: VendBasis): Promise<TopUpRecord | null> {
    const vended = await this.vend(reference, basis);
    return this.deliver(reference, vended);
  }

  /** What a vend starts from, read in one statement (resuming: recovery, replay); null when there is nothing to vend. */
  private async vendBasis(reference: string): Promise<VendBasis | null> {
    const r = await this.o.db.query<Row>(
      `SELECT t.*, ${vendingViewSql('t.meter_id')}, (SELECT last_tid FROM prepaid_meters WHERE meter_id = t.meter_id) AS pm_last_tid,
         ${vendInputsSql('t.meter_id', 't.tariff_month')}
       FROM prepaid_topups t WHERE t.reference = $1`,
      [reference],
    );
    const row = r.rows[0];
    if (!row) throw new PrepaidError('not_found', `no top-up ${reference}`);
    const topup = toRecord(row);
    if (topup.step !== 'paid' || topup.state === 'failed') return null;
    return { meter: vendingViewOf(row.vending_view), inputs: vendInputsOf(row), lastTid: num(row.pm_last_tid), topup };
  }

  /**
   * Step 2: makes the token and records it in one statement: the meter's TID row moves from the TID the vend read
   * to the token's (only if it still holds the one read: otherwise another vend for this meter came first, and the
   * vend reads again and makes a new token), and with it the ledger's vend, the sealed token, the breakdown and the
   * event. The ledger's figures and the TID were read in one snapshot, so a vend whose TID check passes was
   * computed on the meter's current figures. A token nobody recorded is never sent. Returns the vended record
   * (null when there was nothing to vend).
   */
  private async vend(reference: string, given?: VendBasis): Promise<TopUpRecord | null> {
    for (let attempt = 1; ; attempt++) {
      const b = given ?? (await this.vendBasis(reference));
      given = undefined;
      if (!b) return null;
      const t = b.topup;
      const at = this.now();
      let bd: Breakdown;
      let token: sts.VendedToken & { tid: number };
      try {
        if (!b.meter) throw new PrepaidError('unknown_meter', `unknown meter ${t.meterId}`);
        bd = this.compute(b.meter, t.amount, t.currency, b.inputs);
        const ref = meterKeyRef(this.o.keys, b.meter.id, stsParamsOf(this.o.keys, b.meter.sts));
        token = await sts.vendCreditToken(this.o.keys.store, ref, {
          units: formatTenths(bd.unitsTenths), subclass: b.meter.service === 'water' ? 1 : 0, ...(b.lastTid !== null ? { lastTid: b.lastTid } : {}),
        }, { timeZone: this.o.timeZone, now: () => at });
      } catch (err) {
        // No token can be made for this payment: fail it visibly and owe the money back.
        const reason = err instanceof PrepaidError ? err.message : `vending failed: ${(err as Error).name}`;
        if (await this.failUnvended(reference, reason, at)) {
          this.o.logger.warn({ ref: reference, reason }, 'top-up failed before a token was made; money owed back');
          await this.changed(reference);
        }
        return null;
      }
      this.checkpoint('vending');
      const meta: VendMeta = {
        tariffId: bd.tariffId, month: t.tariffMonth, blockStartTenths: bd.blockStartTenths, unitsTenths: bd.unitsTenths,
        energyNet: bd.energyNet, fixedNet: bd.fixedNet, debt: bd.debt, tid: token.tid,
      };
      const params: unknown[] = [reference, bd.tariffId, JSON.stringify(bd), bd.unitsTenths, this.o.box.seal(token.token), token.tid, at, t.meterId, b.lastTid, `token issued: ${formatTenths(bd.unitsTenths)} units`];
      const ledger = txnCte('vend', {
        kind: 'vend', reference, meterId: t.meterId, currency: t.currency, day: t.day, at, meta,
        entries: [
          { account: ACCOUNTS.inFlight, amount: t.amount },
          { account: ACCOUNTS.energy, amount: -bd.energyNet },
          { account: ACCOUNTS.energyVat, amount: -bd.energyVat },
          { account: ACCOUNTS.fixed, amount: -bd.fixedNet },
          { account: ACCOUNTS.fixedVat, amount: -bd.fixedVat },
          { account: ACCOUNTS.arrears, amount: -bd.debt },
        ],
        memo: `token for ${reference}`,
      }, params, 'u');
      const r = await this.o.db.query<Row>(
        `WITH g AS (INSERT INTO prepaid_meters (meter_id, last_tid, updated_at_ms) VALUES ($8, $6, $7)
             ON CONFLICT (meter_id) DO UPDATE SET last_tid = EXCLUDED.last_tid, updated_at_ms = EXCLUDED.updated_at_ms
             WHERE prepaid_meters.last_tid IS NOT DISTINCT FROM $9::bigint RETURNING meter_id),
         u AS (UPDATE prepaid_topups SET step = 'vended', tariff_id = $2, breakdown = $3::jsonb, units_tenths = $4, token_sealed = $5, tid = $6, vended_at_ms = $7
             WHERE reference = $1 AND step = 'paid' AND state <> 'failed' AND EXISTS (SELECT 1 FROM g) RETURNING *),
         ${ledger},
         ev AS (INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) SELECT reference, $7, state, 'vended', $10 FROM u)
         SELECT (SELECT count(*) FROM g) AS tid_moved, u.* FROM (SELECT 1) AS one LEFT JOIN u ON true`,
        params,
      );
      const row = r.rows[0]!;
      if (row.reference) {
        const rec = toRecord(row);
        this.o.logger.info({ ref: reference, units: formatTenths(bd.unitsTenths) }, 'top-up token issued');
        this.checkpoint('vended');
        this.emit('changed', rec);
        return rec;
      }
      // The TID moved and yet nothing was vended: a concurrent replay vended (or failed) this top-up first.
      if (Number(row.tid_moved) > 0) return null;
      if (attempt >= 50) throw new Error(`top-up ${reference}: another vend for meter ${t.meterId} came first ${attempt} times; try again`);
    }
  }

  /** Fails a top-up that cannot get a token (if it still stands at "paid"); true when this call failed it. */
  private async failUnvended(reference: string, reason: string, at: number): Promise<boolean> {
    return this.o.db.transaction(async (tx) => {
      const r = await tx.query<Row>('SELECT * FROM prepaid_topups WHERE reference = $1 FOR UPDATE', [reference]);
      const t = r.rows[0] ? toRecord(r.rows[0]) : null;
      if (!t || t.step !== 'paid' || t.state === 'failed') return false;
      await this.failInTx(tx, t, reason, at);
      return true;
    });
  }

  private async failInTx(tx: Queryable, t: TopUpRecord, reason: string, at: number): Promise<void> {
    if (t.step === 'paid') {
      await postTxn(tx, {
        kind: 'failure', reference: t.reference, meterId: t.meterId, currency: t.currency, day: t.day, at,
        entries: [{ account: ACCOUNTS.inFlight, amount: t.amount }, { account: ACCOUNTS.refunds, amount: -t.amount }],
        memo: `top-up ${t.reference} failed before a token: ${reason}`.slice(0, 500),
      });
    }
    await tx.query(`UPDATE prepaid_topups SET state = 'failed', reason = $2, finished_at_ms = $3 WHERE reference = $1`, [t.reference, reason.slice(0, 500), at]);
    await this.event(tx, t.reference, at, 'failed', t.step, reason.slice(0, 500));
  }

  /**
   * Step 3: a delivery command with the top-up's reference (created once; a restart finds it), stored unsent; the
   * top-up is marked queued; only then is the command sent, so the meter's answer always finds the top-up queued.
   */
  private async deliver(reference: string, vended?: TopUpRecord | null): Promise<TopUpRecord | null> {
    const t = vended ?? (await this.get(reference));
    if (!t || t.step !== 'vended' || !t.tokenSealed) return null;
    // Just vended here: no command can exist yet unless a concurrent replay made it (the insert then fails).
    let cmd = vended ? null : await this.o.commands.get(reference);
    const resumed = cmd !== null;
    if (!cmd) {
      const token = this.o.box.open(t.tokenSealed);
      try {
        cmd = await this.o.commands.issue(t.meterId, { type: 'token', token }, { issuer: `prepaid:${t.issuer}`, reference, reason: 'top-up', ttlMs: this.o.tokenTtlMs ?? 7 * 24 * 3600_000, deferSend: true });
      } catch (err) {
        // A concurrent replay created it first.
        cmd = await this.o.commands.get(reference);
        if (!cmd) throw err;
      }
    }
    this.checkpoint('issued');
    const at = this.now();
    const u = await this.o.db.query<Row>(
      `WITH u AS (UPDATE prepaid_topups SET step = 'queued' WHERE reference = $1 AND step = 'vended' RETURNING *),
       ev AS (INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) SELECT reference, $2, state, 'queued', 'delivery command created' FROM u)
       SELECT * FROM u`,
      [reference, at],
    );
    this.checkpoint('queued');
    const queued = u.rows[0] ? toRecord(u.rows[0]) : null;
    // A resumed top-up's command may have gone out (the sweep, the meter coming back) and been answered before it was
    // queued here, when the answer could not be applied: read it again now. A fresh one goes out now.
    let now = resumed ? ((await this.o.commands.get(reference)) ?? cmd) : cmd;
    if (now.status === 'pending') {
      const pending = now;
      now = await this.dispatching(reference, () => this.o.commands.dispatch(pending));
    }
    return (await this.applyCommand(now)) ?? queued;
  }

  /** References being sent by deliver(), which records their "sent" itself: the "sent" event for them changes nothing more. */
  private readonly sending = new Set<string>();

  private async dispatching<T>(reference: string, fn: () => Promise<T>): Promise<T> {
    this.sending.add(reference);
    try {
      return await fn();
    } finally {
      this.sending.delete(reference);
    }
  }

  /** Whether a "sent" event for this command is deliver()'s own (applied there). */
  isBeingSent(reference: string): boolean {
    return this.sending.has(reference);
  }

  /**
   * Brings a top-up's state in line with its delivery command (sent → delivered; finished → accepted / rejected / failed)
   * in one statement (the acceptance with the onAccepted hooks in its transaction). Returns the changed record, or null.
   */
  async applyCommand(cmd: CommandRecord): Promise<TopUpRecord | null> {
    if (cmd.type !== 'token') return null;
    const at = this.now();
    let next: { state: TopUpState; reason: string | null; result: string | null; via: string | null } | null = null;
    if (cmd.status === 'acknowledged') next = { state: 'accepted', reason: null, result: cmd.result, via: 'remote' };
    else if (cmd.status === 'rejected' && cmd.result === 'used') {
      // The meter already holds this token's TID: it was typed on the keypad before the command arrived.
      next = { state: 'accepted', reason: null, result: 'used', via: 'keypad' };
    } else if (cmd.status === 'rejected') next = { state: 'rejected', reason: `meter rejected the token: ${cmd.result ?? 'unknown'}`, result: cmd.result, via: null };
    else if (cmd.status === 'expired') next = { state: 'failed', reason: 'not delivered before the delivery deadline; the token is still valid on the keypad', result: cmd.result, via: null };
    else if (cmd.status === 'failed') next = { state: 'failed', reason: `delivery failed: ${cmd.detail ?? cmd.result ?? 'unknown'}`, result: cmd.result, via: null };
    let rec: TopUpRecord | null = null;
    if (next) {
      const n = next;
      const apply = async (q: Queryable) => {
        const u = await q.query<Row>(
          `WITH u AS (UPDATE prepaid_topups SET state = $2, reason = $3, meter_result = $4, accepted_via = $5, finished_at_ms = $6,
               delivered_at_ms = coalesce(delivered_at_ms, $7)
             WHERE reference = $1 AND state IN ('pending', 'delivered') AND step = 'queued' RETURNING *),
           ev AS (INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) SELECT reference, $6, $2, 'queued', $8 FROM u)
           SELECT * FROM u`,
          [cmd.reference, n.state, n.reason, n.result, n.via, at, cmd.sentAt, n.reason ?? `meter: ${n.result ?? 'ok'}${n.via ? ` (${n.via})` : ''}`],
        );
        return u.rows[0] ? toRecord(u.rows[0]) : null;
      };
      if (n.state === 'accepted' && this.acceptedHooks.length) {
        rec = await this.o.db.transaction(async (tx) => {
          const r = await apply(tx);
          if (r) await this.accepted(tx, r);
          return r;
        });
      } else rec = await apply(this.o.db);
    } else if (cmd.status === 'sent') {
      const u = await this.o.db.query<Row>(
        `WITH u AS (UPDATE prepaid_topups SET state = 'delivered', delivered_at_ms = $2 WHERE reference = $1 AND state = 'pending' AND step = 'queued' RETURNING *),
         ev AS (INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) SELECT reference, $3, 'delivered', 'queued', 'sent to the meter' FROM u)
         SELECT * FROM u`,
        [cmd.reference, cmd.sentAt ?? at, at],
      );
      rec = u.rows[0] ? toRecord(u.rows[0]) : null;
    }
    if (rec) {
      if (FINAL_STATES.includes(rec.state)) this.o.logger.info({ ref: rec.reference, meter: rec.meterId, state: rec.state, result: rec.meterResult }, 'top-up finished');
      this.emit('changed', rec);
    }
    return rec;
  }

  /** A token typed on the meter's keypad (reported as a meter event): accepts the top-up it belongs to. */
  async onMeterEvent(meterId: string, e: MeterEvent): Promise<void> {
    if (e.type !== 'token' || e.result !== 'accept' || e.tid === undefined || e.ref) return;
    const at = this.now();
    const refs: string[] = [];
    await this.o.db.transaction(async (tx) => {
      const u = await tx.query<Row>(
        `UPDATE prepaid_topups SET state = 'accepted', meter_result = 'accept', accepted_via = 'keypad', finished_at_ms = $3
         WHERE meter_id = $1 AND tid = $2 AND state IN ('pending', 'delivered') RETURNING *`,
        [meterId, e.tid, at],
      );
      for (const r of u.rows) {
        const rec = toRecord(r);
        refs.push(rec.reference);
        await this.event(tx, rec.reference, at, 'accepted', 'queued', 'token typed on the keypad');
        await this.accepted(tx, rec);
      }
    });
    for (const ref of refs) {
      const rec = await this.get(ref);
      if (rec) this.emit('changed', rec);
    }
  }

  private async changed(reference: string): Promise<void> {
    const rec = await this.get(reference);
    if (rec) this.emit('changed', rec);
  }

  private async event(q: Queryable, reference: string, at: number, state: string, step: string, detail: string): Promise<void> {
    await q.query('INSERT INTO prepaid_topup_events (reference, at_ms, state, step, detail) VALUES ($1, $2, $3, $4, $5)', [reference, at, state, step, detail]);
  }

  // ---- Crash recovery.

  /** Resumes or fails every top-up a previous process left half-way. Returns what it did, by reference. */
  async recover(): Promise<{ resumed: string[]; failed: string[]; synced: string[] }> {
    const out = { resumed: [] as string[], failed: [] as string[], synced: [] as string[] };
    const r = await this.o.db.query<Row>(`SELECT * FROM prepaid_topups WHERE state IN ('pending', 'delivered') ORDER BY created_at_ms`);
    const window = this.o.resumeWindowMs ?? 24 * 3600_000;
    for (const row of r.rows) {
      const t = toRecord(row);
      try {
        if (t.step === 'paid' && this.now() - t.createdAt > window) {
          await this.o.db.transaction((tx) => this.failInTx(tx, t, 'interrupted before a token was made and too old to resume; money owed back', this.now()));
          out.failed.push(t.reference);
          await this.changed(t.reference);
        } else if (t.step !== 'queued') {
          await this.advance(t.reference);
          out.resumed.push(t.reference);
        } else {
          const cmd = await this.o.commands.get(t.reference);
          if (cmd) await this.applyCommand(cmd);
          out.synced.push(t.reference);
        }
      } catch (err) {
        this.o.logger.error({ err, ref: t.reference }, 'top-up recovery failed; will retry on the next start');
      }
    }
    if (out.resumed.length || out.failed.length) this.o.logger.warn({ resumed: out.resumed, failed: out.failed }, 'recovered interrupted top-ups');
    return out;
  }

  // ---- Reading.

  async get(reference: string): Promise<TopUpRecord | null> {
    const ref = parseReference(reference) ?? reference;
    const r = await this.o.db.query<Row>('SELECT * FROM prepaid_topups WHERE reference = $1', [ref]);
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** The current state, first brought in line with the delivery command (another process may run the gateway). */
  async refresh(reference: string): Promise<TopUpRecord | null> {
    const t = await this.get(reference);
    if (!t || FINAL_STATES.includes(t.state)) return t;
    if (t.step !== 'queued') return t;
    const cmd = await this.o.commands.get(t.reference);
    if (cmd) await this.applyCommand(cmd);
    return this.get(t.reference);
  }

  async list(meterId: string, limit = 50): Promise<TopUpRecord[]> {
    const r = await this.o.db.query<Row>('SELECT * FROM prepaid_topups WHERE meter_id = $1 ORDER BY created_at_ms DESC LIMIT $2', [meterId, limit]);
    return r.rows.map(toRecord);
  }

  async history(reference: string): Promise<{ at: number; state: string; step: string; detail: string | null }[]> {
    const r = await this.o.db.query<Row>('SELECT * FROM prepaid_topup_events WHERE reference = $1 ORDER BY id', [reference]);
    return r.rows.map((x) => ({ at: Number(x.at_ms), state: x.state as string, step: x.step as string, detail: (x.detail as string) ?? null }));
  }

  /** Resolves with the top-up once it is accepted, rejected or failed, or as it stands after timeoutMs. */
  async waitFinal(reference: string, timeoutMs: number): Promise<TopUpRecord | null> {
    const ref = parseReference(reference) ?? reference;
    // Watching first, then reading: an answer between the two is not missed.
    const watch = timeoutMs > 0 ? this.watch(ref) : null;
    try {
      const first = await this.refresh(ref);
      if (!first || FINAL_STATES.includes(first.state) || !watch) return first;
      return await watch.until(timeoutMs, first);
    } finally {
      watch?.stop();
    }
  }

  /** Waiters for a top-up's final state, by reference (one 'changed' listener serves them all). */
  private readonly waiters = new Map<string, Set<(rec: TopUpRecord) => void>>();

  /**
   * Starts watching a top-up for its final state (this process's 'changed' events); until() then resolves with it, or
   * after ms with the top-up as it stands. Another process may run the gateway: until() also looks at the command
   * record once a second. stop() when done.
   */
  private watch(reference: string): { until(ms: number, current: TopUpRecord): Promise<TopUpRecord>; stop(): void } {
    let final: TopUpRecord | null = null;
    let wake: ((rec: TopUpRecord) => void) | null = null;
    const on = (rec: TopUpRecord) => {
      final = rec;
      wake?.(rec);
    };
    const set = this.waiters.get(reference) ?? new Set();
    set.add(on);
    this.waiters.set(reference, set);
    return {
      until: (ms, current) => {
        if (final) return Promise.resolve(final);
        return new Promise<TopUpRecord>((resolve) => {
          const done = (rec: TopUpRecord) => {
            clearTimeout(timer);
            clearInterval(poll);
            wake = null;
            resolve(rec);
          };
          wake = done;
          const poll = setInterval(() => void this.refresh(reference).then((r) => r && FINAL_STATES.includes(r.state) && done(r)).catch(() => {}), 1000);
          const timer = setTimeout(() => void this.get(reference).then((r) => done(r ?? current), () => done(current)), ms);
        });
      },
      stop: () => {
        set.delete(on);
        if (!set.size && this.waiters.get(reference) === set) this.waiters.delete(reference);
      },
    };
  }

  /** The token of a top-up (for whoever may see it; never logged). */
  token(rec: TopUpRecord): string | null {
    return rec.tokenSealed ? this.o.box.open(rec.tokenSealed) : null;
  }

  view(rec: TopUpRecord, withToken: boolean) {
    const unit = rec.meterId && rec.breakdown ? (this.unitOf(rec)) : null;
    const token = withToken ? this.token(rec) : null;
    return {
      reference: rec.reference,
      meterId: rec.meterId,
      amount: formatMoney(rec.amount, rec.currency),
      currency: rec.currency,
      state: rec.state,
      reason: rec.reason,
      units: rec.unitsTenths === null ? null : formatTenths(rec.unitsTenths),
      unit,
      token: token ? sts.formatToken(token) : null,
      breakdown: rec.breakdown ? breakdownView(rec.breakdown, unit ?? 'kWh') : null,
      meterResult: rec.meterResult,
      acceptedVia: rec.acceptedVia,
      channel: rec.channel,
      createdAt: new Date(rec.createdAt).toISOString(),
      deliveredAt: rec.deliveredAt ? new Date(rec.deliveredAt).toISOString() : null,
      finishedAt: rec.finishedAt ? new Date(rec.finishedAt).toISOString() : null,
    };
  }

  private unitOf(rec: TopUpRecord): 'kWh' | 'm3' {
    return rec.breakdown?.tariffId && this.o.tariffs.byId(rec.breakdown.tariffId)?.def.service === 'water' ? 'm3' : 'kWh';
  }

  quoteView(q: Quote, service: 'electricity' | 'water'): BreakdownView {
    return breakdownView(q.breakdown, service === 'water' ? 'm3' : 'kWh');
  }

  // ---- Arrears, refunds, reconciliation.

  /** Assigns arrears to a meter's account (e.g. carried over from postpaid); recovered from later top-ups at the tariff's share. */
  async addArrears(meterId: string, amount: string, memo: string): Promise<void> {
    const minor = parseMoney(amount, this.o.currency);
    if (minor <= 0) throw new PrepaidError('amount_too_small', 'arrears must be more than zero');
    await this.meter(this.o.db, meterId);
    const at = this.now();
    await this.o.db.transaction((tx) => postTxn(tx, {
      kind: 'arrears', reference: null, meterId, currency: this.o.currency, day: dayOf(at, this.o.timeZone), at,
      entries: [{ account: ACCOUNTS.arrears, amount: minor }, { account: ACCOUNTS.arrearsBilled, amount: -minor }], memo,
    }).then(() => undefined));
  }

  /**
   * Pays back a top-up that failed before a token was made (its money sits in refunds owed): a new
   * ledger transaction, once. Anything else is refused.
   */
  async refund(reference: string, by: string): Promise<TopUpRecord> {
    const t = await this.get(reference);
    if (!t) throw new PrepaidError('not_found', `no top-up ${reference}`);
    if (t.state !== 'failed' || t.tokenSealed) throw new PrepaidError('not_refundable', `top-up ${t.reference} is ${t.state}${t.tokenSealed ? ' and has a token' : ''}: only a top-up that failed before its token can be refunded`);
    const at = this.now();
    try {
      await this.o.db.transaction(async (tx) => {
        await postTxn(tx, {
          kind: 'refund', reference: t.reference, meterId: t.meterId, currency: t.currency, day: t.day, at,
          entries: [{ account: ACCOUNTS.refunds, amount: t.amount }, { account: ACCOUNTS.cash, amount: -t.amount }],
          memo: `refund of ${t.reference} by ${by}`,
        });
        await this.event(tx, t.reference, at, 'failed', t.step, `refunded by ${by}`);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new PrepaidError('not_refundable', `top-up ${t.reference} was already refunded`);
      throw err;
    }
    this.o.logger.info({ ref: t.reference, by }, 'top-up refunded');
    return t;
  }

  async arrears(meterId: string): Promise<number> {
    return accountBalance(this.o.db, meterId, ACCOUNTS.arrears);
  }

  reconcile(from: string, to: string): Promise<Reconciliation> {
    return reconcile(this.o.db, this.o.currency, from, to);
  }

  /** Minor units as a decimal string in the utility currency. */
  money(minor: number): string {
    return formatMoney(minor, this.o.currency);
  }

  get currency(): Currency {
    return this.o.currency;
  }

  today(): string {
    return dayOf(this.now(), this.o.timeZone);
  }
}
