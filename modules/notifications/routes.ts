// Operators' view of the outbox: messages by subscriber, meter, state and channel with their attempts, the
// dead letters (state=dead), and a retry that is audited. The body is never shown: the preview has the
// token masked.
import { z } from 'zod';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { problemResponses, requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';
import { DomainError, type Db } from '../../platform/index.ts';
import { requestActor, type AuditWriter } from '../audit/index.ts';
import { CHANNELS } from './channel.ts';
import { STATES, type Outbox, type OutboxRecord } from './outbox.ts';
import { OPTIONAL_KINDS } from './templates.ts';

const NotificationView = z.object({
  id: z.number().int(),
  eventKey: z.string().describe('what caused it: topup:<ref>, cut:<request>, notice:<id>, low_credit:<meter>:<n>, leak:<meter>:<n>'),
  kind: z.string(),
  channel: z.enum(CHANNELS as [string, ...string[]]),
  recipient: z.string(),
  subscriberId: z.number().int().nullable(),
  meterId: z.string().nullable(),
  language: z.enum(['ar', 'en']),
  urgent: z.boolean(),
  subject: z.string().nullable(),
  preview: z.string().describe('the text with any token masked'),
  smsEncoding: z.string().nullable(),
  smsParts: z.number().int().nullable(),
  state: z.enum(STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  providerIds: z.array(z.string()),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const view = (r: OutboxRecord): z.infer<typeof NotificationView> => ({ ...r, nextAttemptAt: new Date(r.nextAttemptAt).toISOString(), createdAt: new Date(r.createdAt).toISOString(), sentAt: iso(r.sentAt), deliveredAt: iso(r.deliveredAt) });

const Query = z.object({
  subscriberId: z.coerce.number().int().positive().optional(),
  meterId: z.string().max(32).optional(),
  state: z.enum(STATES).optional().describe('dead: the dead letters'),
  channel: z.enum(CHANNELS as [string, ...string[]]).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function notificationRoutes(outbox: Outbox, db: Db, audit: AuditWriter): ApiPlugin {
  return async (app) => {
    app.get('/api/v1/notifications', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Messages to subscribers (SMS, e-mail, webhook), newest first, with state and attempts; state=dead lists the dead letters',
        tags: ['notifications'],
        security: [{ bearer: [] }],
        querystring: Query,
        response: {
          200: z.object({
            items: z.array(NotificationView),
            configured: z.array(z.string()).describe('channels this process delivers to; messages of other channels wait in the outbox'),
            counts: z.array(z.object({ channel: z.string(), state: z.string(), n: z.number().int() })),
            nextBeforeId: z.number().int().nullable(),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    }, async (req) => {
      const q = req.query;
      const items = await outbox.list({ subscriberId: q.subscriberId, meterId: q.meterId, state: q.state, channel: q.channel as never, beforeId: q.beforeId, limit: q.limit });
      return { items: items.map(view), configured: outbox.configured(), counts: await outbox.counts(), nextBeforeId: items.length === q.limit ? items[items.length - 1]!.id : null };
    });

    const Preferences = z.object({
      language: z.enum(['ar', 'en']),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      optOut: z.array(z.string()).describe('kinds this subscriber does not want'),
      optional: z.array(z.string()).describe('kinds a subscriber may opt out of (receipts and notices always go)'),
    });
    const mine = (req: { user?: { role: string; subscriberId: number | null } | null }): number => {
      const id = req.user?.role === 'subscriber' ? req.user.subscriberId : null;
      if (!id) throw new DomainError('forbidden', 'not_a_subscriber', 'notification preferences belong to a subscriber account');
      return id;
    };
    app.get('/api/v1/me/notification-preferences', {
      preHandler: requireRole('subscriber'),
      schema: {
        summary: "The subscriber's message language, contacts and opt-outs",
        tags: ['notifications'],
        security: [{ bearer: [] }],
        response: { 200: Preferences, ...problemResponses(401, 403, 404) },
      },
    }, async (req) => {
      const p = await outbox.preferences(mine(req));
      if (!p) throw new DomainError('not_found', 'unknown_subscriber', 'no subscriber record for this account');
      return { ...p, optional: [...OPTIONAL_KINDS] };
    });
    app.put('/api/v1/me/notification-preferences', {
      preHandler: requireRole('subscriber'),
      schema: {
        summary: 'Set the message language (ar, en) and the kinds not wanted (only optional kinds; audited)',
        tags: ['notifications'],
        security: [{ bearer: [] }],
        body: z.object({ language: z.enum(['ar', 'en']).optional(), optOut: z.array(z.enum(OPTIONAL_KINDS as [string, ...string[]])).max(10).optional() }).strict(),
        response: { 200: Preferences, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const id = mine(req);
      await db.transaction(async (tx) => {
        await outbox.setPreferences(tx, id, { language: req.body.language, optOut: req.body.optOut });
        await audit.write({ ...requestActor(req), action: 'notification.preferences', targetType: 'subscriber', target: String(id), outcome: 'updated', details: { language: req.body.language ?? null, optOut: req.body.optOut ?? null } }, tx);
      });
      const p = await outbox.preferences(id);
      if (!p) throw new DomainError('not_found', 'unknown_subscriber', 'no subscriber record for this account');
      return { ...p, optional: [...OPTIONAL_KINDS] };
    });

    app.post('/api/v1/notifications/:id/retry', {
      preHandler: requireRole('admin', 'operator'),
      schema: {
        summary: 'Queue a dead or failed message again now (audited)',
        tags: ['notifications'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ note: z.string().max(500).optional() }).strict().optional(),
        response: { 200: NotificationView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const id = req.params.id;
      const out = await db.transaction(async (tx) => {
        const r = await outbox.retry(tx, id);
        if (r) {
          await audit.write({
            ...requestActor(req), action: 'notification.retry', targetType: 'notification', target: String(id), meterId: r.meterId, note: req.body?.note ?? null,
            outcome: 'queued', details: { kind: r.kind, channel: r.channel, eventKey: r.eventKey },
          }, tx);
        }
        return r;
      });
      if (out === null) throw new DomainError('not_found', 'unknown_notification', `no notification ${id}`);
      if (out === false) throw new DomainError('conflict', 'not_retryable', `notification ${id} is not dead or failed: only those can be retried`);
      return view(out);
    });
  };
}
