// The telemetry-reads module: consumption history and fleet aggregates from the reader the
// configuration chose (InfluxDB when INFLUX_URL is set, else the SQL store), and GET /metrics.
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { createTelemetryReader } from '../../gateway/index.ts';
import { consumptionRoutes } from './routes.ts';
import { metricsRoutes } from './metrics-routes.ts';

export const telemetryModule: RaseedModule = {
  name: 'telemetry',
  async start(ctx: StackContext): Promise<ModuleInstance> {
    return { plugins: [consumptionRoutes(createTelemetryReader(ctx.config, ctx.db)), metricsRoutes()] };
  },
};
