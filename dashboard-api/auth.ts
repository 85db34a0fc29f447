// Bearer-token authentication and role checks. Tokens come from POST /api/v1/sessions; only their hash is stored.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext, Principal, Role } from './types.ts';
import { forbidden, unauthorized } from './problem.ts';
import type { TicketBook } from './tickets.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: Principal | null;
  }
}

export const OPERATOR_ROLES: Role[] = ['admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer'];

/** The bearer token of the Authorization header (never from the URL: see tickets.ts). */
export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h && /^Bearer\s+/i.test(h)) return h.replace(/^Bearer\s+/i, '').trim() || null;
  return null;
}

/** The Authorization header's token, or for a GET a single-use `ticket` query parameter (tickets.ts). */
export function authHook(authenticate: ApiContext['authenticate'], tickets?: TicketBook) {
  return async (req: FastifyRequest) => {
    req.user = null;
    let token = bearerToken(req);
    if (!token && tickets && req.method === 'GET') {
      const q = (req.query as Record<string, unknown> | undefined)?.ticket;
      if (typeof q === 'string' && q) token = tickets.redeem(q);
    }
    if (token) req.user = await authenticate(token);
  };
}

/** preHandler: the request must carry a valid token of one of these roles. */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (!req.user) throw unauthorized();
    if (!roles.includes(req.user.role)) throw forbidden(`this action needs one of the roles: ${roles.join(', ')}; you are ${req.user.role}`);
  };
}

/** Operators see every meter of their areas (all areas when they have none); a subscriber only their own. */
export function canSeeMeter(user: Principal, meterSubscriberId: number | null, meterArea?: string): boolean {
  if (OPERATOR_ROLES.includes(user.role)) return inAreas(user, meterArea);
  return user.role === 'subscriber' && user.subscriberId !== null && user.subscriberId === meterSubscriberId;
}

/** Whether an operator's area scope covers this area (no scope: every area; a scoped operator and an area not given: no). */
export function inAreas(user: Principal, area: string | undefined): boolean {
  if (!user.areas?.length) return true;
  return area !== undefined && user.areas.includes(area);
}
