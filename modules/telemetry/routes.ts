// Consumption history and fleet aggregates, from the TelemetryReader the configuration chose (InfluxDB or the
// SQL store: the same answers). Energy in Wh (electricity) or volume in litres (water), per interval, from
// register differences: see gateway/telemetry/read/consumption.ts for the rule (resets, gaps).
import { z } from 'zod';
import { getMeter } from '../registry/index.ts';
import { type TelemetryReader } from '../../gateway/index.ts';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiContext, ApiPlugin } from '../../dashboard-api/index.ts';
import { canSeeMeter, requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';
import { badRequest, notFound, problemResponses } from '../../dashboard-api/index.ts';

const DAY = 86_400_000;
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY, w: 7 * DAY };

/** A time: epoch milliseconds or an ISO 8601 date-time. */
const Instant = z.string().max(40).describe('epoch milliseconds or ISO 8601 date-time');
/** An interval: milliseconds or a duration like 15m, 1h, 1d. */
const Every = z.string().max(16).regex(/^\d+(ms|s|m|h|d|w)?$/, 'a number of milliseconds or a duration such as 15m, 1h, 1d').describe('interval: ms, or 15m, 1h, 1d, 1w');

export function parseInstant(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isSafeInteger(t)) throw badRequest(`${name}: not a time (epoch ms or ISO 8601): ${v}`);
  return t;
}

export function parseEvery(v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const m = /^(\d+)(ms|s|m|h|d|w)?$/.exec(v);
  if (!m) throw badRequest(`every: not a duration: ${v}`);
  return Number(m[1]) * UNITS[m[2] ?? 'ms']!;
}

const Bucket = z.object({ start: z.string(), end: z.string(), used: z.number(), readings: z.number().int() });
const iso = (ms: number) => new Date(ms).toISOString();
const buckets = (bs: { start: number; end: number; used: number; readings: number }[]) => bs.map((b) => ({ start: iso(b.start), end: iso(b.end), used: b.used, readings: b.readings }));
const unitOf = (service: string): 'Wh' | 'L' | 'unknown' => (service === 'electricity' ? 'Wh' : service === 'water' ? 'L' : 'unknown');

const RangeQuery = z.object({
  from: Instant.optional().describe('default: 24 hours before `to`'),
  to: Instant.optional().describe('default: now'),
  every: Every.optional().describe('default: 1h'),
});

function range(q: { from?: string; to?: string }) {
  const to = parseInstant(q.to, 'to', Date.now());
  const from = parseInstant(q.from, 'from', to - DAY);
  return { from, to };
}

export function consumptionRoutes(reader: TelemetryReader): ApiPlugin {
  return async (app: RaseedApp, ctx: ApiContext) => {
    app.get('/api/v1/meters/:id/consumption', {
      preHandler: requireRole(...OPERATOR_ROLES, 'subscriber'),
      schema: {
        summary: 'Energy (Wh) or water (L) used per interval, from register differences (resets and gaps handled)',
        description: 'A difference spanning missing readings is attributed to the interval of the later reading; a register that went down (reset) counts from zero to its new value.',
        tags: ['consumption'],
        security: [{ bearer: [] }],
        params: z.object({ id: z.string().max(32) }),
        querystring: RangeQuery,
        response: {
          200: z.object({ meterId: z.string(), unit: z.enum(['Wh', 'L', 'unknown']), from: z.string(), to: z.string(), everyMs: z.number().int(), total: z.number(), source: z.enum(['sql', 'influx']), buckets: z.array(Bucket) }),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    }, async (req) => {
      const m = await getMeter(ctx.db, req.params.id);
      // A subscriber asking for someone else's meter learns nothing about whether it exists.
      if (!m || !canSeeMeter(req.user!, m.subscriberId, m.area)) throw notFound(`meter ${req.params.id}`);
      const { from, to } = range(req.query);
      const every = parseEvery(req.query.every, 3_600_000);
      const s = await reader.consumption(m.id, from, to, every);
      return { meterId: m.id, unit: unitOf(m.service), from: iso(from), to: iso(to), everyMs: every, total: s.total, source: reader.kind, buckets: buckets(s.buckets) };
    });

    app.get('/api/v1/fleet/load-by-area', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Total consumption per area and service, per interval',
        tags: ['consumption'],
        security: [{ bearer: [] }],
        querystring: RangeQuery,
        response: {
          200: z.object({ from: z.string(), to: z.string(), everyMs: z.number().int(), source: z.enum(['sql', 'influx']), areas: z.array(z.object({ area: z.string(), service: z.string(), unit: z.string(), meters: z.number().int(), total: z.number(), buckets: z.array(Bucket) })) }),
          ...problemResponses(400, 401, 403, 503),
        },
      },
    }, async (req) => {
      const { from, to } = range(req.query);
      const every = parseEvery(req.query.every, 3_600_000);
      const rows = await reader.loadByArea(from, to, every);
      return { from: iso(from), to: iso(to), everyMs: every, source: reader.kind, areas: rows.map((a) => ({ area: a.area, service: a.service, unit: unitOf(a.service), meters: a.meters, total: a.total, buckets: buckets(a.buckets) })) };
    });

    app.get('/api/v1/fleet/top-consumers', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'The meters that used most in a range',
        tags: ['consumption'],
        security: [{ bearer: [] }],
        querystring: z.object({
          from: Instant.optional().describe('default: 24 hours before `to`'),
          to: Instant.optional().describe('default: now'),
          n: z.coerce.number().int().min(1).max(1000).default(10),
          service: z.enum(['electricity', 'water']).optional().describe('recommended: Wh and litres do not compare'),
        }),
        response: {
          200: z.object({ from: z.string(), to: z.string(), source: z.enum(['sql', 'influx']), meters: z.array(z.object({ meterId: z.string(), service: z.string(), area: z.string(), unit: z.string(), used: z.number(), readings: z.number().int() })) }),
          ...problemResponses(400, 401, 403, 503),
        },
      },
    }, async (req) => {
      const { from, to } = range(req.query);
      const rows = await reader.topConsumers(from, to, req.query.n, req.query.service);
      return { from: iso(from), to: iso(to), source: reader.kind, meters: rows.map((r) => ({ ...r, unit: unitOf(r.service) })) };
    });

    app.get('/api/v1/fleet/silent', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Registered meters not heard from for more than N minutes (or never)',
        tags: ['consumption'],
        security: [{ bearer: [] }],
        querystring: z.object({ minutes: z.coerce.number().min(0).max(525_600).default(15) }),
        response: {
          200: z.object({ olderThanMinutes: z.number(), meters: z.array(z.object({ meterId: z.string(), service: z.string(), area: z.string(), lastSeen: z.string().nullable(), silentForMinutes: z.number().nullable() })) }),
          ...problemResponses(400, 401, 403, 503),
        },
      },
    }, async (req) => {
      const rows = await reader.silentMeters(Math.round(req.query.minutes * 60_000));
      return {
        olderThanMinutes: req.query.minutes,
        meters: rows.map((r) => ({ meterId: r.meterId, service: r.service, area: r.area, lastSeen: r.lastSeen === null ? null : iso(r.lastSeen), silentForMinutes: r.silentForMs === null ? null : Math.floor(r.silentForMs / 60_000) })),
      };
    });
  };
}
