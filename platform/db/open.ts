// Opens the store the configuration asks for and brings its schema up to date.
import { join } from 'node:path';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate, type Migration } from './migrate.ts';

export interface StoreOptions {
  databaseUrl?: string;
  /** Embedded store directory; undefined with no databaseUrl: in memory. */
  dataDir?: string;
  /** The schema: every owner's migrations (the composition root collects them). */
  migrations: readonly Migration[];
}

export async function openStore(o: StoreOptions): Promise<Db> {
  const db = o.databaseUrl ? await openPostgres(o.databaseUrl) : await openPglite(o.dataDir ? join(o.dataDir, 'pg') : undefined);
  try {
    await migrate(db, o.migrations);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
