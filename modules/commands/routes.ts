// Meter commands as people see them: one command by its reference, a meter's command history.
// Never the sealed payload (it may carry an STS token).
import { z } from 'zod';
import { getMeter } from '../registry/index.ts';
import { type CommandRecord } from '../../gateway/index.ts';
import { parseReference } from '../../protocols/index.ts';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { canSeeMeter, requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';
import { notFound, problemResponses } from '../../dashboard-api/index.ts';

export const CommandView = z.object({
  reference: z.string(),
  meterId: z.string(),
  type: z.string().describe('command kind: token, relay, timeSync, or a kind a module added'),
  action: z.string().nullable(),
  issuer: z.string(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'acknowledged', 'rejected', 'failed', 'expired']),
  result: z.string().nullable().describe("the meter's own result (relay state, STS result or failure reason)"),
  detail: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type CommandView = z.infer<typeof CommandView>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public view of a command record: no payload, no token. */
export function commandView(r: CommandRecord): CommandView {
  return {
    reference: r.reference, meterId: r.meterId, type: r.type, action: r.action, issuer: r.issuer, reason: r.reason, note: r.note,
    status: r.status, result: r.result, detail: r.detail, attempts: r.attempts, createdAt: iso(r.createdAt)!, sentAt: iso(r.sentAt),
    acknowledgedAt: iso(r.acknowledgedAt), finishedAt: iso(r.finishedAt), expiresAt: iso(r.expiresAt)!,
  };
}

/** What the routes need from the command service. */
export interface CommandReader {
  get(reference: string): Promise<CommandRecord | null>;
  history(meterId: string, limit?: number): Promise<CommandRecord[]>;
}

export function commandRoutes(commands: CommandReader): ApiPlugin {
  return async (app, ctx) => {
    app.get('/api/v1/commands/:reference', {
      preHandler: requireRole(...OPERATOR_ROLES, 'subscriber'),
      schema: {
        summary: 'One meter command by its reference: created, sent, acknowledged / rejected / failed / expired, and the meter\'s result',
        tags: ['commands'],
        security: [{ bearer: [] }],
        params: z.object({ reference: z.string().min(1).max(64) }),
        response: { 200: CommandView, ...problemResponses(401, 403, 404) },
      },
    }, async (req) => {
      const rec = await commands.get(parseReference(req.params.reference) ?? req.params.reference);
      const meter = rec ? await getMeter(ctx.db, rec.meterId) : null;
      // A subscriber learns nothing about other people's commands.
      if (!rec || !meter || !canSeeMeter(req.user!, meter.subscriberId)) throw notFound(`command ${req.params.reference}`);
      return commandView(rec);
    });

    app.get('/api/v1/meters/:id/commands', {
      preHandler: requireRole(...OPERATOR_ROLES, 'subscriber'),
      schema: {
        summary: "A meter's command history, newest first",
        tags: ['commands'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().max(32) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), type: z.string().max(32).optional() }),
        response: { 200: z.object({ meterId: z.string(), commands: z.array(CommandView) }), ...problemResponses(401, 403, 404) },
      },
    }, async (req) => {
      const meter = await getMeter(ctx.db, req.params.id);
      if (!meter || !canSeeMeter(req.user!, meter.subscriberId)) throw notFound(`meter ${req.params.id}`);
      const all = await commands.history(meter.id, req.query.type ? 500 : req.query.limit);
      const list = (req.query.type ? all.filter((c) => c.type === req.query.type) : all).slice(0, req.query.limit);
      return { meterId: meter.id, commands: list.map(commandView) };
    });
  };
}
