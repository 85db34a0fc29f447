// Public face of modules/telemetry/: the API over the telemetry the gateway stored.
export { consumptionRoutes, parseInstant, parseEvery } from './routes.ts';
export { metricsRoutes, type MetricsRoutesOptions } from './metrics-routes.ts';
export { telemetryModule } from './module.ts';
