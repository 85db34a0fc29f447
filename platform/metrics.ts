// The process's Prometheus metrics registry: every part of Raseed registers its metrics here, and the
// API serves it at /metrics.
import { Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'raseed_process_' });
