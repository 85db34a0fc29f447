// Opens the store the configuration asks for and brings its schema up to date.
import { join } from 'node:path';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { openDataDirStore } from './embedded-postgres.ts';
import { migrate, type Migration } from './migrate.ts';

export interface StoreOptions {
  databaseUrl?: string;
  /** Embedded store directory (a PostgreSQL server in <dataDir>/pg); undefined with no databaseUrl: in memory (PGlite). */
  dataDir?: string;
  /** The schema: every owner's migrations (the composition root collects them). */
  migrations: readonly Migration[];
}

export async function openStore(o: StoreOptions): Promise<Db> {
  const db = o.databaseUrl ? await openPostgres(o.databaseUrl) : o.dataDir ? await openDataDirStore(join(o.dataDir, 'pg')) : await openPglite();
  try {
    await migrate(db, o.migrations);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
