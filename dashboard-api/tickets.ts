// Tickets: the only credential a URL may carry (issue 16). EventSource and a CSV download link cannot send an
// Authorization header, so the client first asks POST /api/v1/tickets (with its bearer token) for a ticket:
// random, good for one GET within 60 s, then gone. A leaked URL (proxy logs, browser history, a Referer) is
// worthless a minute later or once used. Bearer tokens in query strings are not accepted at all.
// Tickets live in this process's memory: behind a load balancer, the GET must reach the process that issued
// them (sticky sessions) or the client asks again.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ApiContext, RaseedApp } from './types.ts';
import { problemResponses, unauthorized } from './problem.ts';

export const TICKET_TTL_MS = 60_000;

export class TicketBook {
  private readonly tickets = new Map<string, { token: string; expires: number }>();
  constructor(private readonly ttlMs = TICKET_TTL_MS, private readonly capacity = 50_000, private readonly now = () => Date.now()) {}

  issue(token: string): { ticket: string; expiresAt: number } {
    const now = this.now();
    for (const [k, v] of this.tickets) {
      if (v.expires > now && this.tickets.size < this.capacity) break;
      this.tickets.delete(k); // oldest first: expired ones, or the oldest beyond capacity
    }
    const ticket = randomBytes(24).toString('base64url');
    const expires = now + this.ttlMs;
    this.tickets.set(ticket, { token, expires });
    return { ticket, expiresAt: expires };
  }

  /** The session token behind a ticket, once; null when unknown, used or expired. */
  redeem(ticket: string): string | null {
    const t = this.tickets.get(ticket);
    if (!t) return null;
    this.tickets.delete(ticket);
    return t.expires > this.now() ? t.token : null;
  }
}

export function ticketRoutes(book: TicketBook) {
  return async (app: RaseedApp, _ctx: ApiContext): Promise<void> => {
    app.post('/api/v1/tickets', {
      schema: {
        summary: 'A single-use ticket (60 s) for a GET that cannot send headers: the live feed (EventSource) or a CSV download',
        description: 'Pass it as `?ticket=`; bearer tokens are never accepted in URLs.',
        tags: ['sessions'],
        security: [{ bearer: [] }],
        response: { 201: z.object({ ticket: z.string(), expiresAt: z.string() }), ...problemResponses(401) },
      },
    }, async (req, reply) => {
      const token = req.headers.authorization?.replace(/^Bearer\s+/i, '').trim();
      if (!req.user || !token) throw unauthorized();
      const t = book.issue(token);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ticket: t.ticket, expiresAt: new Date(t.expiresAt).toISOString() });
    });
  };
}
