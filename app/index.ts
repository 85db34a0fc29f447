// Public face of app/: the composition root (startStack), the default modules and their schema, and the
// dev profile that provisions the first operator and the simulated fleet.
export { startStack, type RunningStack, type StackOptions } from './stack.ts';
export { DEFAULT_MODULES, BASE_MODULES, FEATURE_MODULES, withBase, migrationsOf, allMigrations } from './modules.ts';
export { ensureAdmin, dataSecret, seedFleet, checkSharedSecret, SharedSecretMismatchError, type AdminCredentials, type SeededFleet } from './seed.ts';
export type { StackContext, RaseedModule, ModuleInstance } from '../core/index.ts';
