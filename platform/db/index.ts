// Public face of platform/db/: the SQL store (PGlite embedded or PostgreSQL) and the migration runner
// that collects every owner's migrations.
export { type Db, type Queryable, type QueryResult, isUniqueViolation } from './db.ts';
export { openPglite } from './pglite.ts';
export { openPostgres } from './postgres.ts';
export { openEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres.ts';
export { openStore, type StoreOptions } from './open.ts';
export { copyStore, openAny } from './copy-store.ts';
export { migrate, migrationsIn, type Migration } from './migrate.ts';
