import { z } from 'zod';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiContext } from '../../dashboard-api/index.ts';
import { OPERATOR_ROLES, requireRole } from '../../dashboard-api/index.ts';
import { LiveFeed, type LiveCommand } from './live.ts';
import { problemResponses } from '../../dashboard-api/index.ts';
import { listMeters } from './meters.ts';
import { toMeterView, type MeterView } from './meter-routes.ts';

export async function liveRoutes(app: RaseedApp, ctx: ApiContext): Promise<void> {
  const feed = new LiveFeed(ctx.db);
  app.addHook('onClose', async () => feed.stop());

  app.get('/api/v1/live', {
    preHandler: requireRole('admin', 'operator', 'viewer', 'subscriber'),
    schema: {
      summary: 'Live updates (Server-Sent Events): `meters` (changed meters) and `commands` (command progress)',
      description: 'EventSource cannot send headers: pass a single-use `ticket` (POST /api/v1/tickets, valid 60 s). Subscribers receive only their own meters.',
      tags: ['live'],
      security: [{ bearer: [] }],
      querystring: z.object({ ticket: z.string().max(128).optional() }),
      response: problemResponses(401, 403),
    },
  }, async (req, reply) => {
    const user = req.user!;
    const operator = OPERATOR_ROLES.includes(user.role);
    const own = operator ? null : new Set((await listMeters(ctx.db, { subscriberId: user.subscriberId ?? -1 })).map((m) => m.id));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // The first message is the whole picture; then only changes.
    const all = (await listMeters(ctx.db, own ? { subscriberId: user.subscriberId ?? -1 } : {})).map(toMeterView);
    send('meters', all);
    const onMeters = (ms: MeterView[]) => {
      const mine = own ? ms.filter((m) => own.has(m.id)) : ms;
      if (mine.length) send('meters', mine);
    };
    const onCommands = (cs: LiveCommand[]) => {
      const mine = own ? cs.filter((c) => own.has(c.meterId)) : cs;
      if (mine.length) send('commands', mine);
    };
    feed.on('meters', onMeters);
    feed.on('commands', onCommands);
    const leave = feed.join();
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(ping);
      feed.off('meters', onMeters);
      feed.off('commands', onCommands);
      leave();
    });
  });
}
