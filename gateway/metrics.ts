// The gateway's Prometheus metrics registry; every part of the gateway registers its metrics here.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'raseed_process_' });

export const messagesIn = new Counter({
  name: 'raseed_gateway_messages_in_total',
  help: 'Messages received from meters, by transport and kind',
  labelNames: ['transport', 'kind'] as const,
  registers: [metricsRegistry],
});

export const messagesRejected = new Counter({
  name: 'raseed_gateway_messages_rejected_total',
  help: 'Messages rejected by the gateway, by reason (malformed, unknown_meter, wrong_meter, ...)',
  labelNames: ['transport', 'reason'] as const,
  registers: [metricsRegistry],
});
