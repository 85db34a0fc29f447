// A throwaway PostgreSQL database for a test (server at TEST_PG_URL or 127.0.0.1:5432, trust auth).
// Returns null, after a loud warning, when no server answers.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTempDatabase(label = 'raseed'): Promise<TempDatabase | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (err) {
    console.warn(`\n*** SKIPPED: no PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${(err as Error).message}); PostgreSQL variants did not run ***\n`);
    return null;
  }
  const name = `${label}_test_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
