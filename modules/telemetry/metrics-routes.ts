// GET /metrics: the gateway's Prometheus registry as text (messages in, points written, spool depth, write
// latency, errors by kind, process). Unauthenticated by default, as scrapers expect; pass requireAuth to
// demand an operator's bearer token instead.
import type { Registry } from 'prom-client';
import { metricsRegistry } from '../../gateway/index.ts';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { requireRole, OPERATOR_ROLES } from '../../dashboard-api/index.ts';

export interface MetricsRoutesOptions {
  registry?: Registry;
  requireAuth?: boolean;
}

export function metricsRoutes(o: MetricsRoutesOptions = {}): ApiPlugin {
  const registry = o.registry ?? metricsRegistry;
  return async (app: RaseedApp) => {
    app.get('/metrics', {
      ...(o.requireAuth ? { preHandler: requireRole(...OPERATOR_ROLES) } : {}),
      schema: { summary: 'Prometheus metrics of the gateway (text exposition format)', tags: ['operations'] },
    }, async (_req, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    });
  };
}
