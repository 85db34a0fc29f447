// Copies every row of one store into another, empty one with the same migrations: PGlite → embedded
// PostgreSQL, embedded PostgreSQL → an external PostgreSQL, and so on. No pg_dump needed (the embedded
// server ships none, and a system pg_dump older than 17 refuses a 17 server).
//   raseed store copy FROM TO
// FROM and TO: a postgres:// URL, or a store directory (DATA_DIR/pg, or an old PGlite directory moved aside).
// Stop every Raseed process using either store first.
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db, Queryable } from './db.ts';
import { migrate, type Migration } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { openEmbeddedPostgres } from './embedded-postgres.ts';

const BATCH = 2000;

/** Copies all tables (but schema_migrations) and sequence positions; returns the rows copied per table. */
export async function copyStore(from: Db, to: Db, migrations: readonly Migration[]): Promise<Record<string, number>> {
  await migrate(from, migrations);
  await migrate(to, migrations);
  const tables = await orderedTables(to);
  const copied: Record<string, number> = {};
  await to.transaction(async (tx) => {
    for (const t of tables) {
      const n = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`);
      if (Number(n.rows[0]!.n) === 0) continue;
      // Rows that the migrations themselves seed (e.g. the desk's categories) are in both stores: they make way for
      // the source's copy. Any other row means the target is in use.
      if (!(await seededOnly(from, tx, t))) throw new Error(`the target store is not empty (${t} has rows): copy into a new store only`);
      await tx.query(`DELETE FROM "${t}"`);
    }
    for (const t of tables) {
      copied[t] = 0;
      for (let offset = 0; ; offset += BATCH) {
        // PostgreSQL encodes each row as JSON on one side and decodes it on the other: every type round-trips.
        const r = await from.query<{ j: string | null }>(`SELECT json_agg(x)::text AS j FROM (SELECT * FROM "${t}" ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}) x`);
        const j = r.rows[0]?.j;
        if (!j) break;
        const ins = await tx.query(`INSERT INTO "${t}" SELECT * FROM json_populate_recordset(null::"${t}", $1::json)`, [j]);
        copied[t] += ins.affectedRows;
      }
    }
    const seqs = await from.query<{ name: string; v: string | null }>(`SELECT sequencename AS name, last_value::text AS v FROM pg_sequences WHERE schemaname = 'public'`);
    for (const s of seqs.rows) if (s.v !== null) await tx.query('SELECT setval($1, $2::bigint, true)', [`"${s.name}"`, s.v]);
  });
  return copied;
}

/** Whether every row of the target's table is also, identically, a row of the source's (rows the migrations seeded). */
async function seededOnly(from: Db, to: Queryable, table: string): Promise<boolean> {
  const rows = async (q: Queryable) => new Set((await q.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${table}" x`)).rows.map((r) => r.j));
  const [a, b] = [await rows(from), await rows(to)];
  for (const r of b) if (!a.has(r)) return false;
  return true;
}

/** Tables in an order that inserts referenced rows first. */
async function orderedTables(db: Db): Promise<string[]> {
  const t = await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`);
  const fk = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'`);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const e of fk.rows) if (e.child === name && e.parent !== name) visit(e.parent);
    out.push(name);
  };
  for (const r of t.rows) visit(r.name);
  return out;
}

/** A URL, an embedded PostgreSQL directory (DATA_DIR/pg), or a PGlite directory. */
export async function openAny(where: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(where)) return openPostgres(where);
  const dir = resolve(where);
  if (fs.existsSync(join(dir, 'PG_VERSION')) && !fs.existsSync(join(dir, 'data'))) return openPglite(dir);
  return openEmbeddedPostgres(dir);
}
