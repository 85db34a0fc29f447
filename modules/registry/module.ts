// The registry module: meters, subscribers, people who log in and their sessions, service accounts.
// The composition root builds its MeterDirectory before the gateway starts (the gateway authenticates
// meters through it); the module mounts sign-in, the fleet and meter views, onboarding (meters, credentials,
// imports, subscribers, operators, search) and the live feed.
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import { sessionRoutes } from './session-routes.ts';
import { meterRoutes } from './meter-routes.ts';
import { liveRoutes } from './live-routes.ts';
import { FleetService, type CredentialsListener } from './fleet.ts';
import { PeopleService } from './people.ts';
import { fleetRoutes } from './fleet-routes.ts';
import { peopleRoutes } from './people-routes.ts';

/** What the registry offers other modules, the composition root and tests (ctx.modules.get<RegistryApi>('registry')). */
export interface RegistryApi {
  fleet: FleetService;
  people: PeopleService;
  /** Called after a credential rotation (the new password) or revocation (null): drop live sessions, provision external brokers. */
  onCredentialsChanged(listener: CredentialsListener): () => void;
}

export const registryModule: RaseedModule = {
  name: 'registry',
  migrations: new URL('./migrations/', import.meta.url),
  async start(ctx: StackContext): Promise<ModuleInstance> {
    const audit = auditWriterOf(ctx);
    const logger = ctx.logger.child({ part: 'registry' });
    const invalidate = (id: string) => ctx.directory.invalidate(id);
    const fleet = new FleetService({ db: ctx.db, audit, logger, invalidate });
    const people = new PeopleService({ db: ctx.db, audit, logger, invalidate });
    await people.prepareSearch();
    await people.backfillSearch();
    const api: RegistryApi = { fleet, people, onCredentialsChanged: (l) => fleet.onCredentialsChanged(l) };
    return { api, plugins: [sessionRoutes(audit), meterRoutes, fleetRoutes(fleet), peopleRoutes(people), liveRoutes] };
  },
};
