// GET /healthz: liveness and whether the store answers.
import { z } from 'zod';
import type { ApiContext, RaseedApp } from './types.ts';

export async function healthRoutes(app: RaseedApp, ctx: ApiContext): Promise<void> {
  app.get('/healthz', {
    schema: {
      summary: 'Liveness and store reachability',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']) }), 503: z.object({ status: z.literal('unavailable'), store: z.string() }) },
    },
  }, async (_req, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ok' as const, store: ctx.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable' as const, store: ctx.db.kind });
    }
  });
}
