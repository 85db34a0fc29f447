// Sign-in (bearer sessions) and "who am I". Every sign-in, granted or refused, is audited with the username
// tried and the client address (never the password).
import { z } from 'zod';
import { authenticateUser, createSession } from './users.ts';
import type { ApiContext, ApiPlugin, RaseedApp } from '../../dashboard-api/index.ts';
import { HttpProblem, problemResponses } from '../../dashboard-api/index.ts';
import type { AuditWriter } from '../audit/index.ts';

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(['admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer', 'subscriber']),
  displayName: z.string().nullable(),
  locale: z.string(),
  areas: z.array(z.string()).optional().describe('areas an operator may see and act on; empty: every area'),
});

export function sessionRoutes(audit: AuditWriter): ApiPlugin {
  return (app, ctx) => routes(app, ctx, audit);
}

async function routes(app: RaseedApp, ctx: ApiContext, audit: AuditWriter): Promise<void> {
  app.post('/api/v1/sessions', {
    schema: {
      summary: 'Log in: username and password for a bearer token',
      tags: ['sessions'],
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
      response: { 201: z.object({ token: z.string(), expiresAt: z.string(), user: SessionUser }), ...problemResponses(400, 401) },
    },
  }, async (req, reply) => {
    const user = await authenticateUser(ctx.db, req.body.username, req.body.password);
    if (!user) {
      req.log.warn({ username: req.body.username, ip: req.ip }, 'login refused');
      await audit.write({ actor: req.body.username, ip: req.ip ?? null, action: 'session.create', targetType: 'user', target: req.body.username, outcome: 'refused', note: 'wrong username or password' });
      throw new HttpProblem(401, 'bad-credentials', 'Unauthorized', 'wrong username or password');
    }
    const s = await createSession(ctx.db, user.id);
    await audit.write({ actor: user.username, actorId: user.id, actorRole: user.role, ip: req.ip ?? null, action: 'session.create', targetType: 'user', target: user.username, outcome: 'granted' });
    return reply.code(201).send({ token: s.token, expiresAt: s.expiresAt.toISOString(), user });
  });

  app.get('/api/v1/me', {
    schema: { summary: 'Who am I', tags: ['sessions'], security: [{ bearer: [] }], response: { 200: SessionUser.extend({ subscriberId: z.number().int().nullable() }), ...problemResponses(401) } },
  }, async (req) => {
    if (!req.user) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
    return req.user;
  });

  // The utility's time zone and currency: clients show times and money in them, never the browser's own.
  app.get('/api/v1/settings', {
    schema: { summary: "The utility's time zone (TIME_ZONE) and currency (CURRENCY)", tags: ['sessions'], response: { 200: z.object({ timeZone: z.string(), currency: z.string() }) } },
  }, async () => ({ timeZone: ctx.config.TIME_ZONE, currency: ctx.config.CURRENCY }));
}
