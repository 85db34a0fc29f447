// Public face of store/: the SQL store (PGlite embedded or PostgreSQL) and its repositories.
export { type Db, type Queryable, type QueryResult, isUniqueViolation } from './db.ts';
export { openPglite } from './pglite.ts';
export { openPostgres } from './postgres.ts';
export { openEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';
export { openStore, type StoreOptions } from './open.ts';
export { migrate, listMigrations, type Migration } from './migrate.ts';
export { hashPassword, hashMachineSecret, verifyPassword, newSessionToken, sha256, randomPassword } from './passwords.ts';
export * from './meters.ts';
export * from './users.ts';
export * from './readings.ts';
export * from './service-accounts.ts';
export { SecretBox } from './secret-box.ts';
export * from './commands.ts';
export * from './telemetry/index.ts';
