// Top-ups: pay an amount in the utility's currency, get a reference, a breakdown, units and a 20-digit
// STS token, delivered to the meter. Idempotent by the Idempotency-Key header. Operators vend for any
// meter, subscribers for their own (others: 404), anonymous callers by meter number when
// ANONYMOUS_VENDING is on (cash desk, kiosk). The service itself is the prepaid module's.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { getMeter, type VendingView } from '../registry/index.ts';
import type { TopUpService, Actor, TopUpRequest } from './topups.ts';
import { requestActor, type AuditWriter } from '../audit/index.ts';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiContext, ApiPlugin } from '../../dashboard-api/index.ts';
import { OPERATOR_ROLES, canSeeMeter, requireRole } from '../../dashboard-api/index.ts';
import { badRequest, forbidden, notFound, problemResponses, unauthorized } from '../../dashboard-api/index.ts';

const Money = z.string().describe('decimal in major units of the utility currency, e.g. "5.000"');

const BlockView = z.object({ from: z.string(), to: z.string().nullable(), rate: z.string(), units: z.string(), amount: Money });
export const BreakdownSchema = z.object({
  tariff: z.string(),
  currency: z.string(),
  amount: Money,
  debtRecovered: Money,
  fixedCharge: Money,
  fixedChargeVat: Money,
  energy: Money,
  energyVat: Money,
  vat: Money,
  units: z.string().describe('units on the token: kWh or m³, one decimal'),
  unit: z.enum(['kWh', 'm3']),
  monthToDateBefore: z.string().describe('units bought earlier this tariff month (where the blocks start)'),
  blocks: z.array(BlockView),
});

export const TopUpView = z.object({
  reference: z.string().describe('quote this reference: T-XXXX-XXXX-C'),
  meterId: z.string(),
  amount: Money,
  currency: z.string(),
  state: z.enum(['pending', 'delivered', 'accepted', 'rejected', 'failed']),
  reason: z.string().nullable(),
  units: z.string().nullable(),
  unit: z.enum(['kWh', 'm3']).nullable(),
  token: z.string().nullable().describe('20-digit STS token in groups of 4 digits'),
  breakdown: BreakdownSchema.nullable(),
  meterResult: z.string().nullable(),
  acceptedVia: z.string().nullable(),
  channel: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  replayed: z.boolean().optional(),
  history: z.array(z.object({ at: z.string(), state: z.string(), step: z.string(), detail: z.string().nullable() })).optional(),
});

const RecRow = z.object({
  day: z.string(), meterId: z.string().nullable(), payments: Money, tokens: Money, fees: Money, debtRecovered: Money, inFlight: Money,
  refundsOwed: Money, refundsPaid: Money, vat: Money, topupAmounts: Money, topupCount: z.number().int(), balanced: z.boolean(),
});

const TopUpBody = z.object({ amount: z.string().min(1).max(32), currency: z.string().min(1).max(8).optional() }).strict();
const WaitQuery = z.object({ wait: z.coerce.number().int().min(0).max(30_000).optional().describe('wait up to this many ms for the meter\'s answer') });

export interface TopupRoutesOptions {
  anonymousVending: boolean;
  /** Where money actions are recorded: who (operator, cashier, subscriber, kiosk), when, from where. */
  audit: AuditWriter;
}

export function topupRoutes(service: TopUpService, o: TopupRoutesOptions): ApiPlugin {
  return async (app: RaseedApp, ctx: ApiContext) => {
    /** Tokens are credit: shown to the subscriber and to operators who can vend, not to read-only viewers. */
    const mayHoldTokens = (req: FastifyRequest) => req.user !== null && req.user.role !== 'viewer';

    /**
     * Who is vending, and the check the service runs on the meter it reads (before anything is written): a subscriber
     * asking about someone else's meter gets the same 404 as for an unknown one; viewers cannot vend.
     */
    function actorFor(req: FastifyRequest, meterId: string): { actor: Actor; authorize?: TopUpRequest['authorize'] } {
      const user = req.user;
      if (!user) {
        if (!o.anonymousVending) throw unauthorized();
        return { actor: { kind: 'anonymous', name: 'anonymous' } };
      }
      const authorize = (m: VendingView | null) => {
        if (!m || !canSeeMeter(user, m.subscriberId, m.area)) throw notFound(`meter ${meterId}`);
        if (user.role === 'viewer') throw forbidden('viewers cannot vend; this action needs one of the roles: admin, operator, subscriber');
      };
      return { actor: { kind: OPERATOR_ROLES.includes(user.role) ? 'operator' : 'subscriber', userId: user.id, name: user.username }, authorize };
    }

    app.post('/api/v1/meters/:id/topups', {
      schema: {
        summary: 'Top up a meter: pay an amount, get a reference, breakdown, units and the STS token (Idempotency-Key required)',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(32) }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(128).optional() }),
        querystring: WaitQuery,
        body: TopUpBody,
        response: { 200: TopUpView, 201: TopUpView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (!key) throw badRequest('the Idempotency-Key header is required (any unique string per payment, e.g. a UUID)', { code: 'idempotency_key_missing' });
      const { actor, authorize } = actorFor(req, req.params.id);
      const res = await service.topUp({ meterId: req.params.id, amount: req.body.amount, currency: req.body.currency, idempotencyKey: key, actor, ...(authorize ? { authorize } : {}) }, { waitMs: req.query.wait });
      const rec = res.record;
      if (!res.replayed) {
        await o.audit.write({
          ...requestActor(req), action: 'topup.create', targetType: 'topup', target: rec.reference, meterId: rec.meterId, outcome: rec.state,
          details: { amount: service.money(rec.amount), currency: service.currency, actorKind: actor.kind },
        });
      }
      reply.header('idempotent-replayed', String(res.replayed));
      return reply.code(res.replayed ? 200 : 201).send({ ...service.view(rec, true), replayed: res.replayed });
    });

    app.post('/api/v1/meters/:id/topups/quote', {
      schema: {
        summary: 'What a top-up would give now: the tariff breakdown and units, without paying',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(32) }),
        body: TopUpBody,
        response: { 200: z.object({ meterId: z.string(), breakdown: BreakdownSchema }), ...problemResponses(400, 401, 404, 409) },
      },
    }, async (req) => {
      const { authorize } = actorFor(req, req.params.id);
      const q = await service.quote(req.params.id, req.body.amount, req.body.currency, authorize);
      return { meterId: q.meterId, breakdown: service.quoteView(q, q.service) };
    });

    app.get('/api/v1/topups/:reference', {
      schema: {
        summary: 'One top-up by its reference, with its state history',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ reference: z.string().min(1).max(32) }),
        querystring: WaitQuery,
        response: { 200: TopUpView, ...problemResponses(401, 404) },
      },
    }, async (req) => {
      if (!req.user) throw unauthorized();
      const rec = req.query.wait ? await service.waitFinal(req.params.reference, req.query.wait) : await service.refresh(req.params.reference);
      if (!rec) throw notFound(`top-up ${req.params.reference}`);
      const m = await getMeter(ctx.db, rec.meterId);
      if (!m || !canSeeMeter(req.user, m.subscriberId, m.area)) throw notFound(`top-up ${req.params.reference}`);
      const history = (await service.history(rec.reference)).map((h) => ({ ...h, at: new Date(h.at).toISOString() }));
      return { ...service.view(rec, mayHoldTokens(req)), history };
    });

    app.get('/api/v1/meters/:id/topups', {
      schema: {
        summary: 'A meter\'s top-ups, newest first',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(32) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ topups: z.array(TopUpView) }), ...problemResponses(401, 404) },
      },
    }, async (req) => {
      if (!req.user) throw unauthorized();
      const m = await getMeter(ctx.db, req.params.id);
      if (!m || !canSeeMeter(req.user, m.subscriberId, m.area)) throw notFound(`meter ${req.params.id}`);
      const list = await service.list(m.id, req.query.limit);
      return { topups: list.map((t) => service.view(t, mayHoldTokens(req))) };
    });

    app.post('/api/v1/topups/:reference/refund', {
      preHandler: requireRole('admin', 'supervisor', 'operator', 'cashier'),
      schema: {
        summary: 'Pay back a top-up that failed before its token was made (recorded once in the ledger)',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ reference: z.string().min(1).max(32) }),
        response: { 200: TopUpView, ...problemResponses(401, 403, 404, 409) },
      },
    }, async (req) => {
      const t = await service.refund(req.params.reference, req.user!.username);
      await o.audit.write({
        ...requestActor(req), action: 'topup.refund', targetType: 'topup', target: t.reference, meterId: t.meterId, outcome: t.state,
        details: { amount: service.money(t.amount), currency: service.currency },
      });
      const history = (await service.history(t.reference)).map((h) => ({ ...h, at: new Date(h.at).toISOString() }));
      return { ...service.view(t, false), history };
    });

    app.post('/api/v1/meters/:id/arrears', {
      preHandler: requireRole('admin', 'supervisor', 'operator'),
      schema: {
        summary: 'Assign arrears to a meter\'s account; later top-ups recover them at the tariff\'s debt share',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().min(1).max(32) }),
        body: z.object({ amount: z.string().min(1).max(32), note: z.string().min(1).max(500) }).strict(),
        response: { 200: z.object({ meterId: z.string(), arrears: Money, currency: z.string() }), ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      await service.addArrears(req.params.id, req.body.amount, `${req.body.note} (by ${req.user!.username})`);
      const arrears = service.money(await service.arrears(req.params.id));
      await o.audit.write({
        ...requestActor(req), action: 'arrears.add', meterId: req.params.id, note: req.body.note, outcome: 'recorded',
        details: { amount: req.body.amount, currency: service.currency, arrears },
      });
      return { meterId: req.params.id, arrears, currency: service.currency };
    });

    app.get('/api/v1/reconciliation', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Reconciliation per day and per meter: payments = tokens issued + fees + debt recovered (+ in flight + refunds owed)',
        tags: ['top-ups'],
        security: [{ bearer: [] }],
        querystring: z.object({
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('first day, YYYY-MM-DD in the utility time zone (default today)'),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('last day, inclusive (default from)'),
        }),
        response: {
          200: z.object({ currency: z.string(), from: z.string(), to: z.string(), balanced: z.boolean(), allTxnsBalance: z.boolean(), total: RecRow, byDay: z.array(RecRow), byMeter: z.array(RecRow) }),
          ...problemResponses(400, 401, 403),
        },
      },
    }, async (req) => {
      const from = req.query.from ?? service.today();
      const to = req.query.to ?? from;
      if (to < from) throw badRequest('to must not be before from');
      const r = await service.reconcile(from, to);
      const m = (v: number) => service.money(v);
      const fmt = (x: typeof r.total) => ({
        ...x,
        payments: m(x.payments), tokens: m(x.tokens), fees: m(x.fees), debtRecovered: m(x.debtRecovered), inFlight: m(x.inFlight),
        refundsOwed: m(x.refundsOwed), refundsPaid: m(x.refundsPaid), vat: m(x.vat), topupAmounts: m(x.topupAmounts),
      });
      return { currency: r.currency, from, to, balanced: r.balanced, allTxnsBalance: r.allTxnsBalance, total: fmt(r.total), byDay: r.byDay.map(fmt), byMeter: r.byMeter.map(fmt) };
    });
  };
}
