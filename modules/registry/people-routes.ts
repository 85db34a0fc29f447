// Account holders and their households, operators (roles, areas, disable, passwords) and the search box.
import { z } from 'zod';
import type { ApiPlugin, RaseedApp } from '../../dashboard-api/index.ts';
import { OPERATOR_ROLES, bearerToken, canSeeMeter, notFound, problemResponses, requireRole, unauthorized } from '../../dashboard-api/index.ts';
import { sha256 } from '../../platform/index.ts';
import { requestActor } from '../audit/index.ts';
import { MeterView, toMeterView } from './meter-routes.ts';
import { NewUserInput, OPERATOR_ROLE_NAMES, PROTECTED_KINDS, SubscriberInput, SubscriberPatch, UserPatch, type OperatorRecord, type PeopleService } from './people.ts';

const SubscriberView = z.object({
  id: z.number().int(),
  accountNumber: z.string(),
  nameAr: z.string().nullable(),
  nameEn: z.string(),
  phone: z.string().nullable(),
  civilId: z.string().nullable(),
  email: z.string().nullable(),
  language: z.enum(['ar', 'en']),
  customerClass: z.string(),
  citizenTariff: z.boolean(),
  protectedCategory: z.object({ kind: z.string().describe(PROTECTED_KINDS.join(', ')), evidence: z.string().nullable(), expires: z.string().nullable() }).nullable(),
  hasLogin: z.boolean(),
});
const Household = z.object({ subscriber: SubscriberView, meters: z.array(MeterView) });
const OperatorView = z.object({
  id: z.number().int(), username: z.string(), role: z.enum(OPERATOR_ROLE_NAMES), displayName: z.string().nullable(), locale: z.string(), areas: z.array(z.string()), disabled: z.boolean(),
});
const SearchResultView = z.object({
  kind: z.enum(['meter', 'subscriber', 'account']),
  id: z.string().describe('meter number, or the subscriber\'s id'),
  label: z.string(),
  labelAr: z.string().nullable(),
  detail: z.string().nullable(),
  area: z.string().nullable(),
  subscriberId: z.number().int().nullable(),
});
const SubId = z.object({ id: z.coerce.number().int().positive() });

/** Who opens accounts and links meters. */
const DESK = ['admin', 'supervisor', 'operator', 'call_centre'] as const;
const opView = (u: OperatorRecord) => ({ id: u.id, username: u.username, role: u.role as (typeof OPERATOR_ROLE_NAMES)[number], displayName: u.displayName, locale: u.locale, areas: u.areas, disabled: u.disabled });

export function peopleRoutes(people: PeopleService): ApiPlugin {
  return (app) => routes(app, people);
}

async function routes(app: RaseedApp, people: PeopleService): Promise<void> {
  const areasOf = (u: { areas?: string[] } | null) => u?.areas ?? [];

  app.post('/api/v1/subscribers', {
    preHandler: requireRole(...DESK),
    schema: {
      summary: 'Open an account: the holder\'s names in Arabic and English, contact, civil ID, citizen tariff (at most two accounts per civil ID), protected category with its evidence',
      tags: ['subscribers'], security: [{ bearer: [] }], body: SubscriberInput,
      response: { 201: SubscriberView, ...problemResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => reply.code(201).send(await people.createSubscriber(req.body, requestActor(req))));

  app.get('/api/v1/subscribers/:id', {
    schema: {
      summary: 'The household: an account with all its electricity and water meters (operators of its areas, or the holder)',
      tags: ['subscribers'], security: [{ bearer: [] }], params: SubId,
      response: { 200: Household, ...problemResponses(401, 404) },
    },
  }, async (req) => {
    const u = req.user;
    if (!u) throw unauthorized();
    const isOperator = OPERATOR_ROLES.includes(u.role);
    if (!isOperator && u.subscriberId !== req.params.id) throw notFound(`subscriber ${req.params.id}`);
    if (isOperator && !(await people.subscriberInScope(u, req.params.id))) throw notFound(`subscriber ${req.params.id}`);
    const h = await people.household(req.params.id, isOperator ? areasOf(u) : []);
    if (!h) throw notFound(`subscriber ${req.params.id}`);
    return { subscriber: h.subscriber, meters: h.meters.filter((m) => canSeeMeter(u, m.subscriberId, m.area)).map(toMeterView) } as never;
  });

  app.patch('/api/v1/subscribers/:id', {
    preHandler: requireRole(...DESK),
    schema: {
      summary: 'Change an account: names, contact, citizen tariff, protected category (the disconnection policy reads it)',
      tags: ['subscribers'], security: [{ bearer: [] }], params: SubId, body: SubscriberPatch,
      response: { 200: SubscriberView, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    if (!(await people.subscriberInScope(req.user!, req.params.id))) throw notFound(`subscriber ${req.params.id}`);
    return (await people.updateSubscriber(req.params.id, req.body, requestActor(req))) as never;
  });

  app.post('/api/v1/subscribers/:id/meters', {
    preHandler: requireRole(...DESK, 'field_technician'),
    schema: {
      summary: 'Link a meter to the account (a meter belongs to one account at a time)',
      tags: ['subscribers'], security: [{ bearer: [] }], params: SubId, body: z.object({ meterId: z.string().min(1).max(32) }).strict(),
      response: { 200: Household, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    if (!(await people.subscriberInScope(req.user!, req.params.id))) throw notFound(`subscriber ${req.params.id}`);
    await people.linkMeter(req.params.id, req.body.meterId, requestActor(req), areasOf(req.user));
    const h = (await people.household(req.params.id, areasOf(req.user)))!;
    return { subscriber: h.subscriber, meters: h.meters.map(toMeterView) } as never;
  });

  app.delete('/api/v1/subscribers/:id/meters/:meterId', {
    preHandler: requireRole(...DESK, 'field_technician'),
    schema: {
      summary: 'Unlink a meter from the account',
      tags: ['subscribers'], security: [{ bearer: [] }], params: z.object({ id: z.coerce.number().int().positive(), meterId: z.string().min(1).max(32) }),
      response: { 204: z.null(), ...problemResponses(401, 403, 404) },
    },
  }, async (req, reply) => {
    await people.unlinkMeter(req.params.id, req.params.meterId, requestActor(req), areasOf(req.user));
    return reply.code(204).send(null);
  });

  // ---- operators ----
  app.get('/api/v1/users', {
    preHandler: requireRole('admin', 'supervisor'),
    schema: { summary: 'Operators (not subscribers)', tags: ['users'], security: [{ bearer: [] }], response: { 200: z.object({ users: z.array(OperatorView) }), ...problemResponses(401, 403) } },
  }, async () => ({ users: (await people.listOperators()).map(opView) }));

  app.post('/api/v1/users', {
    preHandler: requireRole('admin'),
    schema: {
      summary: 'Add an operator with a role and an area scope (empty areas: every area)',
      tags: ['users'], security: [{ bearer: [] }], body: NewUserInput,
      response: { 201: OperatorView, ...problemResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => reply.code(201).send(opView(await people.createOperator(req.body, requestActor(req)))));

  app.patch('/api/v1/users/:id', {
    preHandler: requireRole('admin'),
    schema: {
      summary: 'Change an operator\'s role or areas, disable or enable them (their sessions end)',
      tags: ['users'], security: [{ bearer: [] }], params: SubId, body: UserPatch,
      response: { 200: OperatorView, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => opView(await people.updateOperator(req.params.id, req.body, requestActor(req))));

  app.post('/api/v1/users/:id/password', {
    preHandler: requireRole('admin'),
    schema: {
      summary: 'Reset someone\'s password (their sessions end)',
      tags: ['users'], security: [{ bearer: [] }], params: SubId, body: z.object({ password: z.string().min(10).max(256) }).strict(),
      response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    await people.resetPassword(req.params.id, req.body.password, requestActor(req));
    return reply.code(204).send(null);
  });

  app.put('/api/v1/me/password', {
    schema: {
      summary: 'Change my own password (my other sessions end)',
      tags: ['sessions'], security: [{ bearer: [] }], body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(10).max(256) }).strict(),
      response: { 204: z.null(), ...problemResponses(400, 401, 403) },
    },
  }, async (req, reply) => {
    if (!req.user) throw unauthorized();
    const token = bearerToken(req);
    await people.changeOwnPassword(req.user, req.body.currentPassword, req.body.newPassword, requestActor(req), token ? sha256(token) : null);
    return reply.code(204).send(null);
  });

  // ---- search ----
  app.get('/api/v1/search', {
    preHandler: requireRole(...OPERATOR_ROLES),
    schema: {
      summary: 'Find a meter, an account or a subscriber: meter or account number, civil ID, phone in any form (+968…, 00968…, 8 digits), names in Arabic or English (أ/إ/آ, ة/ه, ى/ي, diacritics and tatweel ignored)',
      tags: ['search'], security: [{ bearer: [] }],
      querystring: z.object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ results: z.array(SearchResultView) }), ...problemResponses(400, 401, 403) },
    },
  }, async (req) => ({ results: await people.search(req.query.q, areasOf(req.user), req.query.limit) }));
}
