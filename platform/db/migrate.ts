// Versioned migrations: each owner (the gateway, each module) keeps its own `migrations/NNN_name.sql`;
// the composition root collects them all and they are applied in version order, once each, inside a
// transaction. Versions are global, so ranges by owner keep parallel work apart: 001-009 registry,
// 010-019 gateway (readings, latest state, command kinds), 020-029 prepaid ledger, 030 gateway commands,
// 031 audit, 032-039 policy, 040-049 serial, 050-059 registry (next), 060-069 desk, 070-079
// notifications, 080-089 firmware.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in one owner's folder (a path or a file: URL); a missing folder has none. */
export function migrationsIn(dir: string | URL): Migration[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(join(path, f), 'utf8') }));
}

/** Puts migrations of several owners in version order; two owners claiming one version is a programming error. */
function ordered(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`two migrations claim version ${sorted[i]!.version}: ${sorted[i - 1]!.name} and ${sorted[i]!.name}`);
  }
  return sorted;
}

/** Applies pending migrations; returns the versions applied now. Safe to call from several processes on PostgreSQL. */
export async function migrate(db: Db, all: readonly Migration[]): Promise<number[]> {
  const migrations = ordered(all);
  // Under the lock too: two processes creating the table at once on a fresh database collide in pg_type.
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7262733)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7262733)');
      const r = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (r.rows.length) return false;
      for (const stmt of splitSql(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** Splits a migration on semicolons at line ends (our migrations keep one statement per `;` line end, no $$ bodies). */
function splitSql(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
