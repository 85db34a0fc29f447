// The registry module: meters, subscribers, people who log in and their sessions, service accounts.
// The composition root builds its MeterDirectory before the gateway starts (the gateway authenticates
// meters through it); the module mounts sign-in, the fleet and meter views, and the live feed.
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import { sessionRoutes } from './session-routes.ts';
import { meterRoutes } from './meter-routes.ts';
import { liveRoutes } from './live-routes.ts';

export const registryModule: RaseedModule = {
  name: 'registry',
  migrations: new URL('./migrations/', import.meta.url),
  async start(ctx: StackContext): Promise<ModuleInstance> {
    return { plugins: [sessionRoutes(auditWriterOf(ctx)), meterRoutes, liveRoutes] };
  },
};
