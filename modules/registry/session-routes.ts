// Sign-in (bearer sessions), sign-out and "who am I". Every sign-in, granted or refused, is audited with the
// username tried and the client address (never the password). Sign-ins are throttled per client address and per
// username (@fastify/rate-limit), a username is locked after SIGNIN_LOCKOUT_FAILURES consecutive wrong passwords
// (429 with Retry-After, audited), and password hashing runs through a small gate (signin-guard.ts) so sign-in
// storms do not delay meters' acknowledgements.
import { z } from 'zod';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateUser, createSession } from './users.ts';
import { SigninLockout, WorkGate } from './signin-guard.ts';
import type { ApiContext, ApiPlugin, RaseedApp } from '../../dashboard-api/index.ts';
import { HttpProblem, problemResponses } from '../../dashboard-api/index.ts';
import { DomainError, sha256 } from '../../platform/index.ts';
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

type Limiter = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded: boolean; ttlInSeconds: number }>;

async function routes(app: RaseedApp, ctx: ApiContext, audit: AuditWriter): Promise<void> {
  const c = ctx.config;
  await app.register(rateLimit, { global: false });
  const createLimit = (app as unknown as { createRateLimit(o: object): Limiter }).createRateLimit;
  const perAddress = createLimit({ max: c.SIGNIN_MAX_PER_ADDRESS, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `ip:${req.ip}` });
  const perUser = createLimit({ max: c.SIGNIN_MAX_PER_USER, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `user:${(req.body as { username?: string } | undefined)?.username ?? ''}` });
  const lockout = new SigninLockout({ failures: c.SIGNIN_LOCKOUT_FAILURES, lockMs: c.SIGNIN_LOCKOUT_MINUTES * 60_000 });
  const gate = new WorkGate(c.SIGNIN_CONCURRENCY);

  const throttle = async (req: FastifyRequest, reply: FastifyReply) => {
    for (const [limit, what] of [[perAddress, 'from this address'], [perUser, 'for this username']] as const) {
      const r = await limit(req);
      if (r.isExceeded) {
        reply.header('retry-after', String(Math.max(1, r.ttlInSeconds)));
        throw new DomainError('too_many', 'signin_throttled', `too many sign-in attempts ${what}; try again in ${Math.max(1, r.ttlInSeconds)} s`, { extra: { retryAfter: Math.max(1, r.ttlInSeconds) } });
      }
    }
  };

  app.post('/api/v1/sessions', {
    preHandler: throttle,
    schema: {
      summary: 'Log in: username and password for a bearer token (throttled per address and username; locked after repeated wrong passwords)',
      tags: ['sessions'],
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
      response: { 201: z.object({ token: z.string(), expiresAt: z.string(), user: SessionUser }), ...problemResponses(400, 401, 429) },
    },
  }, async (req, reply) => {
    const { username, password } = req.body;
    const ip = req.ip ?? null;
    const locked = lockout.lockedFor(username);
    if (locked > 0) {
      const retryAfter = Math.ceil(locked / 1000);
      await audit.write({ actor: username, ip, action: 'session.create', targetType: 'user', target: username, outcome: 'refused', note: 'username locked after repeated wrong passwords' });
      reply.header('retry-after', String(retryAfter));
      throw new DomainError('too_many', 'signin_locked', `this username is locked after repeated wrong passwords; try again in ${Math.ceil(retryAfter / 60)} min`, { extra: { retryAfter } });
    }
    const user = await gate.run(() => authenticateUser(ctx.db, username, password));
    if (!user) {
      req.log.warn({ username, ip }, 'login refused');
      await audit.write({ actor: username, ip, action: 'session.create', targetType: 'user', target: username, outcome: 'refused', note: 'wrong username or password' });
      if (lockout.failed(username)) {
        req.log.warn({ username, ip, minutes: c.SIGNIN_LOCKOUT_MINUTES }, 'username locked after repeated wrong passwords');
        await audit.write({
          actor: 'system:signin', ip, action: 'session.lockout', targetType: 'user', target: username, outcome: 'locked',
          note: `${c.SIGNIN_LOCKOUT_FAILURES} consecutive wrong passwords; locked for ${c.SIGNIN_LOCKOUT_MINUTES} min`,
        });
      }
      throw new HttpProblem(401, 'bad-credentials', 'Unauthorized', 'wrong username or password');
    }
    lockout.succeeded(username);
    const s = await createSession(ctx.db, user.id);
    await audit.write({ actor: user.username, actorId: user.id, actorRole: user.role, ip, action: 'session.create', targetType: 'user', target: user.username, outcome: 'granted' });
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ token: s.token, expiresAt: s.expiresAt.toISOString(), user });
  });

  app.delete('/api/v1/sessions/current', {
    schema: {
      summary: 'Log out: revoke the bearer token of this request (it answers 401 from now on)',
      tags: ['sessions'],
      security: [{ bearer: [] }],
      response: { 204: z.null().describe('signed out'), ...problemResponses(401) },
    },
  }, async (req, reply) => {
    const token = bearerOf(req);
    if (!req.user || !token) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
    await audit.write({ actor: req.user.username, actorId: req.user.id, actorRole: req.user.role, ip: req.ip ?? null, action: 'session.delete', targetType: 'user', target: req.user.username, outcome: 'revoked' });
    return reply.code(204).send(null);
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

/** The bearer token of the Authorization header (sign-out revokes only a token presented there). */
function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h && /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() || null : null;
}
