// The audit log for operators: filter by time, actor, action, meter and outcome; JSON or CSV.
import { z } from 'zod';
import { auditCsv, type AuditFilter, type AuditRecord, type AuditWriter } from './audit.ts';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';
import { problemResponses } from '../../dashboard-api/index.ts';

const AuditView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  target: z.string().nullable(),
  meterId: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  outcome: z.string().nullable(),
  decision: z.unknown().nullable().describe("the disconnection policy's full answer, when the action was evaluated"),
  commandReference: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

const toView = (r: AuditRecord): z.infer<typeof AuditView> => ({
  id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, actorRole: r.actorRole, ip: r.ip, action: r.action, targetType: r.targetType,
  target: r.target, meterId: r.meterId, reason: r.reason, note: r.note, outcome: r.outcome, decision: r.decision ?? null,
  commandReference: r.commandReference, details: r.details,
});

const Query = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO 8601'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive, ISO 8601'),
  actor: z.string().max(128).optional(),
  action: z.string().max(64).optional().describe('exact, or a prefix ending in "." or "*" (relay.)'),
  meterId: z.string().max(32).optional(),
  outcome: z.string().max(32).optional(),
  beforeId: z.coerce.number().int().positive().optional().describe('page backwards: entries older than this id'),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  format: z.enum(['json', 'csv']).default('json'),
});

function filterOf(q: z.infer<typeof Query>): AuditFilter {
  return {
    from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, actor: q.actor, action: q.action,
    meterId: q.meterId, outcome: q.outcome, beforeId: q.beforeId, limit: q.limit,
  };
}

export function auditRoutes(audit: Pick<AuditWriter, 'list'>): ApiPlugin {
  return async (app) => {
    app.get('/api/v1/audit', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'The append-only audit log of operator and automatic actions, newest first (format=csv for a spreadsheet)',
        tags: ['audit'],
        security: [{ bearer: [] }],
        querystring: Query,
        response: { 200: z.object({ entries: z.array(AuditView), nextBeforeId: z.number().int().nullable() }), ...problemResponses(400, 401, 403) },
      },
    }, async (req, reply) => {
      const rows = await audit.list(filterOf(req.query));
      if (req.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="raseed-audit.csv"').serializer((x: unknown) => String(x)).send(auditCsv(rows) as never);
      }
      return { entries: rows.map(toView), nextBeforeId: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null };
    });

    app.get('/api/v1/audit.csv', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'The audit log as CSV (same filters)',
        tags: ['audit'],
        security: [{ bearer: [] }],
        querystring: Query.omit({ format: true }),
      },
    }, async (req, reply) => {
      const rows = await audit.list(filterOf({ ...req.query, format: 'csv' }));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="raseed-audit.csv"').send(auditCsv(rows));
    });
  };
}
