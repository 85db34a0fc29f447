// The gateway's own metrics, registered in the process's registry (platform/metrics.ts).
import { Counter } from 'prom-client';
import { metricsRegistry } from '../platform/index.ts';

export { metricsRegistry };

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
