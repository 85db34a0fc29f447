// The modules `raseed start` runs, in start order (audit first: every other module writes to it), and
// the schema they need: the gateway's migrations and each module's.
import type { RaseedModule } from '../core/index.ts';
import { GATEWAY_MIGRATIONS } from '../gateway/index.ts';
import { migrationsIn, type Migration } from '../platform/index.ts';
import { auditModule } from '../modules/audit/index.ts';
import { registryModule } from '../modules/registry/index.ts';
import { commandsModule } from '../modules/commands/index.ts';
import { telemetryModule } from '../modules/telemetry/index.ts';
import { prepaidModule } from '../modules/prepaid/index.ts';
import { policyModule } from '../modules/policy/index.ts';
import { notificationsModule } from '../modules/notifications/index.ts';
import { deskModule } from '../modules/desk/index.ts';
import { firmwareModule } from '../modules/firmware/index.ts';

/** Always running: the audit log, the registry (sign-in, meters, live feed), command views, telemetry reads. */
export const BASE_MODULES: RaseedModule[] = [auditModule, registryModule, commandsModule, telemetryModule];
/** The business features `raseed start` adds (a stack can be started with others, e.g. in tests). */
// The desk starts before notifications, which subscribes to its replies and polls.
export const FEATURE_MODULES: RaseedModule[] = [prepaidModule, policyModule, deskModule, notificationsModule, firmwareModule];
export const DEFAULT_MODULES: RaseedModule[] = [...BASE_MODULES, ...FEATURE_MODULES];

/** The base modules, then these features (a feature named like a base module replaces it). */
export function withBase(features: readonly RaseedModule[] = FEATURE_MODULES): RaseedModule[] {
  const names = new Set(features.map((m) => m.name));
  return [...BASE_MODULES.filter((m) => !names.has(m.name)), ...features];
}

/** Every migration of the gateway and of these modules (the registry's are always included: every table hangs off meters). */
export function migrationsOf(modules: readonly RaseedModule[] = DEFAULT_MODULES): Migration[] {
  const owners = new Set<string>();
  const all: Migration[] = [];
  for (const dir of [GATEWAY_MIGRATIONS, ...[registryModule, ...modules].flatMap((m) => (m.migrations ? [m.migrations] : []))]) {
    if (owners.has(dir.href)) continue;
    owners.add(dir.href);
    all.push(...migrationsIn(dir));
  }
  return all;
}

/** The whole schema (all default modules): for tools and tests that open a store by hand. */
export function allMigrations(): Migration[] {
  return migrationsOf(DEFAULT_MODULES);
}
