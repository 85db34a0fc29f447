// Public face of modules/registry/: meters, subscribers, users and sessions, service accounts, and the
// MeterDirectory the gateway authenticates meters with.
export * from './meters.ts';
export * from './users.ts';
export { upsertServiceAccount, verifyServiceAccount } from './service-accounts.ts';
export { RegistryMeterDirectory, registryMeterInfo } from './directory.ts';
export { vendingView, vendingViewOf, vendingViewSql, fillStsDefaults, type VendingView } from './vending.ts';
export { toMeterView, MeterView } from './meter-routes.ts';
export { registryModule } from './module.ts';
export type { RegistryApi } from './module.ts';
export { FleetService, IMPORT_COLUMNS, NEXT_STATUS, type CredentialsListener, type ImportError, type ImportResult } from './fleet.ts';
export { PeopleService, CITIZEN_ACCOUNTS_PER_CIVIL_ID, type SearchResult, type SubscriberRecord } from './people.ts';
export { normaliseName, normalisePhone } from './normalise.ts';
export { parseCsv, csvField } from './csv.ts';
