// The water alternatives to a cut over HTTP: limit a water meter's flow (under the policy, never below the
// lifeline), lift it, send a payment reminder, and read the meter's flow state with its recent actions.
// Operators (admin, supervisor, operator) act; viewers read. Every request is audited and has a reference.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requestActor } from '../audit/index.ts';
import { type ApiPlugin, HttpProblem, OPERATOR_ROLES, forbidden, problemResponses, requireRole, unauthorized } from '../../dashboard-api/index.ts';
import { CommandView, commandView } from '../commands/index.ts';
import { DecisionView } from './schema.ts';
import { RelayError } from './errors.ts';
import type { WaterAction, WaterOutcome, WaterService, WaterState } from './water.ts';

const Note = z.string().min(3).max(1000).refine((s) => s.trim().length >= 3, 'a note of at least 3 characters saying why');
const IdemHeaders = z.object({ 'idempotency-key': z.string().min(1).max(128).optional() });

const ActionView = z.object({
  reference: z.string(),
  meterId: z.string(),
  kind: z.enum(['flow_limit', 'flow_restore', 'reminder']),
  litresPerHour: z.number().int().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  note: z.string().nullable(),
  triggerRef: z.string().nullable(),
  command: CommandView.nullable(),
  decision: DecisionView.nullable(),
});
const OutcomeView = z.object({ action: ActionView, replayed: z.boolean() });
const StateView = z.object({
  meterId: z.string(),
  service: z.enum(['electricity', 'water']),
  flow: z.object({
    state: z.enum(['none', 'limiting', 'limited', 'restoring']).describe('limited: the meter acknowledged a limit; limiting / restoring: the command is on its way'),
    litresPerHour: z.number().int().nullable(),
    reference: z.string().nullable(),
    since: z.string().nullable(),
    by: z.string().nullable(),
  }),
  lifelineLitresPerHour: z.number().int(),
  actions: z.array(ActionView),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const actionView = (a: WaterAction): z.infer<typeof ActionView> => ({ ...a, requestedAt: iso(a.requestedAt)!, command: a.command ? commandView(a.command) : null });
const outcomeView = (o: WaterOutcome) => ({ action: actionView(o.action), replayed: o.replayed });
const stateView = (s: WaterState): z.infer<typeof StateView> => ({ ...s, flow: { ...s.flow, since: iso(s.flow.since) }, actions: s.actions.map(actionView) });

export function waterRoutes(water: WaterService): ApiPlugin {
  const canAct = async (req: FastifyRequest) => {
    const u = req.user;
    if (!u) throw unauthorized();
    if (u.role !== 'admin' && u.role !== 'supervisor' && u.role !== 'operator') throw forbidden(`the ${u.role} role may look but not act on supply; only admin, supervisor and operator can`);
  };
  const params = z.object({ id: z.string().max(32) });
  return async (app) => {
    app.post('/api/v1/meters/:id/flow-limit', {
      preValidation: canAct,
      schema: {
        summary: "Limit a water meter's flow (the alternative to a cut): a flow_limit command, never below the lifeline (a limit under it, 0 included, is 400); protected subscribers and the policy's time rules apply (409 policy-refused / policy-deferred). Idempotent by the Idempotency-Key header",
        tags: ['water'],
        security: [{ bearer: [] }],
        params,
        headers: IdemHeaders,
        body: z.object({
          litresPerHour: z.number().int().nonnegative().max(100_000).optional().describe("the flow allowed (L/h); default the rule set's lifeline"),
          note: Note,
          expiresInSeconds: z.number().int().min(1).max(7 * 86_400).optional(),
        }).strict(),
        response: { 202: OutcomeView, 200: OutcomeView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    }, async (req, reply) => {
      const b = req.body;
      const o = await water.limit(req.params.id, { litresPerHour: b.litresPerHour, note: b.note, idempotencyKey: req.headers['idempotency-key'], ttlMs: b.expiresInSeconds ? b.expiresInSeconds * 1000 : undefined }, requestActor(req));
      if (!o.replayed && !o.action.command) throw new HttpProblem(503, 'command-not-created', 'Service unavailable', 'the command could not be created; nothing was sent (see the audit log)');
      return reply.code(o.replayed ? 200 : 202).send(outcomeView(o));
    });

    app.post('/api/v1/meters/:id/flow-limit/lift', {
      preValidation: canAct,
      schema: {
        summary: "Lift a water meter's flow limit (never blocked by the policy); also happens by itself when credit arrives. Idempotent by the Idempotency-Key header",
        tags: ['water'],
        security: [{ bearer: [] }],
        params,
        headers: IdemHeaders,
        body: z.object({ note: Note }).strict(),
        response: { 202: OutcomeView, 200: OutcomeView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req, reply) => {
      const o = await water.lift(req.params.id, { note: req.body.note, idempotencyKey: req.headers['idempotency-key'] }, requestActor(req));
      return reply.code(o.replayed ? 200 : 202).send(outcomeView(o));
    });

    app.post('/api/v1/meters/:id/reminders', {
      preValidation: canAct,
      schema: {
        summary: "Send the subscriber a payment reminder (SMS / e-mail in their language through the notifications outbox). Idempotency-Key required: the same key answers the same reference and sends nothing more",
        tags: ['water'],
        security: [{ bearer: [] }],
        params,
        headers: IdemHeaders,
        body: z.object({ note: Note.optional() }).strict(),
        response: { 202: OutcomeView, 200: OutcomeView, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (!key) throw new RelayError('idempotency_key_missing', 'the Idempotency-Key header is required (any unique string per reminder, e.g. a UUID)');
      const o = await water.remind(req.params.id, { note: req.body.note ?? null, idempotencyKey: key }, requestActor(req));
      return reply.code(o.replayed ? 200 : 202).send(outcomeView(o));
    });

    app.get('/api/v1/meters/:id/water', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: "A meter's flow state (limited or not, at what rate, since when, by whom), the lifeline, and its recent flow limits and reminders",
        tags: ['water'],
        security: [{ bearer: [] }],
        params,
        response: { 200: StateView, ...problemResponses(401, 403, 404) },
      },
    }, async (req) => stateView(await water.state(req.params.id)));
  };
}
