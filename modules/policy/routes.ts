// Remote cut and reconnect, one meter or in bulk, under the disconnection policy; the policy itself
// (read, install a version, preview a cut, heat overrides, final notices, scheduled cuts).
// Only admin and operator switch supply; viewers and subscribers get 403 with the reason (and it is audited).
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { CutReason, DecisionView, ReconnectReason, RuleSet } from './schema.ts';
import type { BulkOutcome, RelayOutcome, RelayService } from './service.ts';
import { requestActor } from '../audit/index.ts';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';
import { HttpProblem, conflict, forbidden, notFound, problemResponses, unauthorized } from '../../dashboard-api/index.ts';
import { CommandView, commandView } from '../commands/index.ts';

const Note = z.string().min(3).max(1000).refine((s) => s.trim().length >= 3, 'a note of at least 3 characters saying why');
const Ttl = z.number().int().min(1).max(7 * 86_400).optional().describe('seconds the head end keeps trying to reach the meter (default 24 h)');

const OutcomeView = z.object({
  status: z.enum(['executed', 'refused', 'scheduled', 'deferred', 'pending_approval', 'preview', 'cancelled']),
  meterId: z.string(),
  requestId: z.number().int().nullable(),
  decision: DecisionView,
  command: CommandView.nullable(),
  scheduledFor: z.string().nullable(),
});
type OutcomeView = z.infer<typeof OutcomeView>;

const outcomeView = (o: RelayOutcome): OutcomeView => ({
  status: o.status, meterId: o.meterId, requestId: o.requestId, decision: o.decision,
  command: o.command ? commandView(o.command) : null, scheduledFor: o.scheduledFor === null ? null : new Date(o.scheduledFor).toISOString(),
});

const BulkView = z.object({
  bulkId: z.number().int().nullable(),
  status: z.enum(['preview', 'pending_approval', 'executed', 'rejected']),
  action: z.enum(['disconnect', 'reconnect']),
  size: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  items: z.array(OutcomeView),
});
const bulkView = (b: BulkOutcome): z.infer<typeof BulkView> => ({ ...b, items: b.items.map(outcomeView) });

/** A refusal is 409 naming the rule; a deferral that was only reported is 409 saying until when. */
function problemFor(o: RelayOutcome): HttpProblem | null {
  const d = o.decision;
  if (o.status === 'refused') {
    return conflict('policy-refused', `refused by the disconnection policy, rule ${d.decidingRule}: ${d.detail}`, { rule: d.decidingRule, alternatives: d.alternatives, requestId: o.requestId, decision: d });
  }
  if (o.status === 'deferred') {
    return conflict('policy-deferred', `deferred by the disconnection policy, rule ${d.decidingRule}, until ${d.untilLocal}: ${d.detail}`, { rule: d.decidingRule, until: d.until, untilLocal: d.untilLocal, decision: d });
  }
  if (o.status === 'cancelled') return new HttpProblem(503, 'command-not-created', 'Service unavailable', 'the command could not be created; nothing was sent (see the audit log)');
  return null;
}

export function relayRoutes(relay: RelayService): ApiPlugin {
  /** Only admin, supervisor and operator switch supply; a refusal says why and is audited. */
  const canSwitch = async (req: FastifyRequest) => {
    const u = req.user;
    if (!u) throw unauthorized();
    if (u.role === 'admin' || u.role === 'supervisor' || u.role === 'operator') return;
    const why = u.role === 'subscriber'
      ? 'subscribers can never disconnect or reconnect supply remotely; please contact the utility'
      : `the ${u.role} role may look but not switch supply; only admin, supervisor and operator can`;
    const meterId = (req.params as { id?: string } | undefined)?.id ?? null;
    await relay.audit.write({ ...requestActor(req), action: 'relay.denied', meterId, outcome: 'denied', note: why, details: { method: req.method, path: req.url.split('?')[0] } });
    throw forbidden(why);
  };
  const readers = requireRole(...OPERATOR_ROLES);

  return async (app) => {
    for (const action of ['disconnect', 'reconnect'] as const) {
      const Body = z.object({
        reason: action === 'disconnect' ? CutReason : ReconnectReason,
        note: Note,
        dryRun: z.boolean().optional().describe('only evaluate the policy: nothing is stored or sent'),
        schedule: z.boolean().optional().describe('a deferred cut is scheduled and carried out when allowed (default true); false: only reported (409)'),
        expiresInSeconds: Ttl,
      });
      app.post(`/api/v1/meters/:id/${action}`, {
        preValidation: canSwitch,
        schema: {
          summary: action === 'disconnect'
            ? 'Cut supply: evaluated by the disconnection policy (409 names the refusing rule; a deferral is scheduled and says until when)'
            : 'Restore supply: never blocked by the policy',
          tags: ['relay'],
          security: [{ bearer: [] }],
          params: z.object({ id: z.string().max(32) }),
          body: Body,
          response: { 200: OutcomeView, 202: OutcomeView, ...problemResponses(400, 401, 403, 404, 409, 503) },
        },
      }, async (req, reply) => {
        const b = req.body;
        const o = await relay.request(req.params.id, action, { reason: b.reason, note: b.note, dryRun: b.dryRun, schedule: b.schedule, ttlMs: b.expiresInSeconds ? b.expiresInSeconds * 1000 : undefined }, requestActor(req));
        const p = problemFor(o);
        if (p) throw p;
        return reply.code(o.status === 'preview' ? 200 : 202).send(outcomeView(o));
      });

      app.post(`/api/v1/bulk/${action}`, {
        preValidation: canSwitch,
        schema: {
          summary: `Bulk ${action} of a list or a filter of meters; dryRun shows what the policy would do for each meter and why. Cuts of more meters than the policy's threshold wait for a second operator.`,
          tags: ['relay'],
          security: [{ bearer: [] }],
          body: Body.omit({ schedule: true }).extend({
            meterIds: z.array(z.string().max(32)).min(1).max(5000).optional(),
            filter: z.object({ area: z.string().max(64).optional(), service: z.enum(['electricity', 'water']).optional(), online: z.boolean().optional() }).optional(),
          }),
          response: { 200: BulkView, 202: BulkView, ...problemResponses(400, 401, 403, 404) },
        },
      }, async (req, reply) => {
        const b = req.body;
        const meters = await relay.resolveMeters({ meterIds: b.meterIds, filter: b.filter });
        const out = await relay.bulk(action, meters, { reason: b.reason, note: b.note, dryRun: b.dryRun, ttlMs: b.expiresInSeconds ? b.expiresInSeconds * 1000 : undefined }, requestActor(req));
        return reply.code(out.status === 'preview' ? 200 : 202).send(bulkView(out));
      });
    }

    app.get('/api/v1/bulk/:id', {
      preHandler: readers,
      schema: {
        summary: 'A bulk request: who asked, what, its state and who approved it',
        tags: ['relay'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            id: z.number().int(), action: z.string(), meterIds: z.array(z.string()), reason: z.string(), note: z.string(), requestedBy: z.string(), requestedAt: z.string(),
            status: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), summary: z.record(z.string(), z.unknown()).nullable(),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    }, async (req) => {
      const b = await relay.getBulk(req.params.id);
      if (!b) throw notFound(`bulk request ${req.params.id}`);
      return { ...b, requestedAt: new Date(b.requestedAt).toISOString(), decidedAt: b.decidedAt === null ? null : new Date(b.decidedAt).toISOString() };
    });

    for (const verb of ['approve', 'reject'] as const) {
      app.post(`/api/v1/bulk/:id/${verb}`, {
        preValidation: canSwitch,
        schema: {
          summary: verb === 'approve' ? 'A second operator approves a held bulk cut: it is carried out (each meter re-evaluated now)' : 'A second operator rejects a held bulk cut',
          tags: ['relay'],
          security: [{ bearer: [] }],
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({ note: Note }),
          response: { 200: BulkView, ...problemResponses(400, 401, 403, 404, 409) },
        },
      }, async (req) => bulkView(await relay.decideBulk(req.params.id, verb === 'approve', req.body.note, requestActor(req))));
    }

    app.get('/api/v1/policy', {
      preHandler: readers,
      schema: {
        summary: 'The disconnection policy in force: the rule set (versioned, per utility) with its calendar',
        tags: ['policy'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ ruleSet: RuleSet }), ...problemResponses(401, 403) },
      },
    }, async () => ({ ruleSet: await relay.ruleSet() }));

    app.put('/api/v1/policy', {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Install a new version of the rule set (admin; validated; the version must grow)',
        tags: ['policy'],
        security: [{ bearer: [] }],
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ ruleSet: RuleSet }), ...problemResponses(400, 401, 403, 409) },
      },
    }, async (req) => ({ ruleSet: await relay.installRuleSet(req.body, requestActor(req)) }));

    app.post('/api/v1/policy/preview', {
      preHandler: readers,
      schema: {
        summary: 'What the policy would answer for one cut or reconnect (now, or at a given time); changes nothing',
        tags: ['policy'],
        security: [{ bearer: [] }],
        body: z.object({
          meterId: z.string().max(32),
          action: z.enum(['disconnect', 'reconnect']).default('disconnect'),
          reason: z.union([CutReason, ReconnectReason]),
          at: z.iso.datetime({ offset: true }).refine((v) => Math.abs(Date.parse(v) - Date.now()) <= 10 * 366 * 86_400_000, 'a time within 10 years of now').optional(),
        }),
        response: { 200: DecisionView, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => relay.preview(req.body.meterId, req.body.action, req.body.reason, req.body.at ? Date.parse(req.body.at) : undefined));

    app.get('/api/v1/policy/scheduled', {
      preHandler: readers,
      schema: {
        summary: 'Deferred cuts waiting for the policy to allow them, soonest first',
        tags: ['policy'],
        security: [{ bearer: [] }],
        querystring: z.object({ meterId: z.string().max(32).optional() }),
        response: {
          200: z.object({
            scheduled: z.array(z.object({
              id: z.number().int(), meterId: z.string(), action: z.string(), reason: z.string(), note: z.string(), requestedBy: z.string(), requestedAt: z.string(), scheduledFor: z.string(), decision: DecisionView,
            })),
          }),
          ...problemResponses(401, 403),
        },
      },
    }, async (req) => ({
      scheduled: (await relay.scheduled(req.query.meterId)).map((s) => ({ ...s, requestedAt: new Date(s.requestedAt).toISOString(), scheduledFor: new Date(s.scheduledFor).toISOString() })),
    }));

    app.post('/api/v1/policy/scheduled/:id/cancel', {
      preValidation: canSwitch,
      schema: {
        summary: 'Cancel a scheduled (deferred) cut, with a note saying why; audited. 409 when it is no longer scheduled',
        tags: ['policy'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ note: Note }),
        response: { 200: z.object({ id: z.number().int(), meterId: z.string(), status: z.literal('cancelled') }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => relay.cancelScheduled(req.params.id, req.body.note, requestActor(req)));

    app.post('/api/v1/policy/scheduled/:id/reschedule', {
      preValidation: canSwitch,
      schema: {
        summary: 'Move a scheduled cut to another time, re-evaluated by the policy for that time: moved there, or later when the policy defers it then (scheduledFor says when); 409 when the policy would refuse it then (nothing changes). Audited',
        tags: ['policy'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ at: z.iso.datetime({ offset: true }).describe('the new time (future, within a year)'), note: Note }),
        response: {
          200: z.object({ id: z.number().int(), meterId: z.string(), requested: z.string(), scheduledFor: z.string(), decision: DecisionView }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    }, async (req) => {
      const r = await relay.reschedule(req.params.id, Date.parse(req.body.at), req.body.note, requestActor(req));
      return { ...r, requested: new Date(r.requested).toISOString(), scheduledFor: new Date(r.scheduledFor).toISOString() };
    });

    app.get('/api/v1/policy/versions', {
      preHandler: readers,
      schema: {
        summary: 'Every installed version of the rule set, newest first (the one in force marked); the shipped default when none was installed',
        tags: ['policy'],
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            versions: z.array(z.object({
              utility: z.string(), version: z.number().int(), name: z.string().nullable(), installedBy: z.string().nullable(), installedAt: z.string().nullable(), inForce: z.boolean(),
            })),
          }),
          ...problemResponses(401, 403),
        },
      },
    }, async () => ({
      versions: (await relay.ruleSetVersions()).map((v) => ({ ...v, installedAt: v.installedAt === null ? null : new Date(v.installedAt).toISOString() })),
    }));

    const HeatView = z.object({ id: z.number().int(), area: z.string(), state: z.enum(['hot', 'normal', 'cleared']), from: z.string(), until: z.string().nullable(), setBy: z.string(), note: z.string().nullable() });
    const heatView = (h: Awaited<ReturnType<RelayService['setHeatOverride']>>) => ({ ...h, from: new Date(h.from).toISOString(), until: h.until === null ? null : new Date(h.until).toISOString() });

    app.get('/api/v1/policy/heat-overrides', {
      preHandler: readers,
      schema: {
        summary: 'Manual heat overrides in force or to come',
        tags: ['policy'],
        security: [{ bearer: [] }],
        response: { 200: z.object({ overrides: z.array(HeatView) }), ...problemResponses(401, 403) },
      },
    }, async () => ({ overrides: (await relay.heatOverrides()).map(heatView) }));

    app.post('/api/v1/policy/heat-overrides', {
      preValidation: canSwitch,
      schema: {
        summary: "Declare a heat wave for an area ('*' for all: no cuts), lift the heat rule (normal), or clear an override",
        tags: ['policy'],
        security: [{ bearer: [] }],
        body: z.object({ area: z.string().min(1).max(64), state: z.enum(['hot', 'normal', 'cleared']), until: z.iso.datetime({ offset: true }).optional(), note: Note }),
        response: { 201: HeatView, ...problemResponses(400, 401, 403) },
      },
    }, async (req, reply) => {
      const h = await relay.setHeatOverride({ area: req.body.area, state: req.body.state, until: req.body.until ? Date.parse(req.body.until) : null, note: req.body.note }, requestActor(req));
      return reply.code(201).send(heatView(h));
    });

    app.post('/api/v1/meters/:id/final-notices', {
      preValidation: canSwitch,
      schema: {
        summary: "Record a final notice before a cut for non-payment (the policy's notice rule counts from it)",
        tags: ['policy'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().max(32) }),
        body: z.object({
          debtMinor: z.number().int().nonnegative().optional().describe("arrears in the currency's minor units (baisa for OMR)"),
          unpaidInvoices: z.number().int().nonnegative().optional(),
          issuedAt: z.iso.datetime({ offset: true }).optional().describe('when the notice was served (default now)'),
          note: Note,
        }),
        response: { 201: z.object({ id: z.number().int(), meterId: z.string(), issuedAt: z.string() }), ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      const b = req.body;
      const n = await relay.recordFinalNotice(req.params.id, { debtMinor: b.debtMinor ?? null, unpaidInvoices: b.unpaidInvoices ?? null, note: b.note, issuedAt: b.issuedAt ? Date.parse(b.issuedAt) : undefined }, requestActor(req));
      return reply.code(201).send({ id: n.id, meterId: req.params.id, issuedAt: new Date(n.issuedAt).toISOString() });
    });
  };
}
