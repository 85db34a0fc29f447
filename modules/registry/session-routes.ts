import { z } from 'zod';
import { authenticateUser, createSession } from './users.ts';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiContext } from '../../dashboard-api/index.ts';
import { HttpProblem, problemResponses } from '../../dashboard-api/index.ts';

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(['admin', 'operator', 'viewer', 'subscriber']),
  displayName: z.string().nullable(),
  locale: z.string(),
});

export async function sessionRoutes(app: RaseedApp, ctx: ApiContext): Promise<void> {
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
      throw new HttpProblem(401, 'bad-credentials', 'Unauthorized', 'wrong username or password');
    }
    const s = await createSession(ctx.db, user.id);
    return reply.code(201).send({ token: s.token, expiresAt: s.expiresAt.toISOString(), user });
  });

  app.get('/api/v1/me', {
    schema: { summary: 'Who am I', tags: ['sessions'], security: [{ bearer: [] }], response: { 200: SessionUser.extend({ subscriberId: z.number().int().nullable() }), ...problemResponses(401) } },
  }, async (req) => {
    if (!req.user) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
    return req.user;
  });
}
