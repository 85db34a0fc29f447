// Public face of modules/registry/: meters, subscribers, users and sessions, service accounts, and the
// MeterDirectory the gateway authenticates meters with.
export * from './meters.ts';
export * from './users.ts';
export { upsertServiceAccount, verifyServiceAccount } from './service-accounts.ts';
export { RegistryMeterDirectory, registryMeterInfo } from './directory.ts';
export { vendingView, fillStsDefaults, type VendingView } from './vending.ts';
export { toMeterView, MeterView } from './meter-routes.ts';
export { registryModule } from './module.ts';
