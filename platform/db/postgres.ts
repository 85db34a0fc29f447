// Server PostgreSQL through node-postgres, for fleets that outgrow one machine (DATABASE_URL).
import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.ts';

// int8 and numeric come back as strings by default; int8 ids/amounts used here fit in JS safe integers.
pg.types.setTypeParser(20, (v) => Number(v));

// Statements with parameters run as named prepared statements: each connection parses and plans a statement
// once and then only binds and executes it (parsing and planning were about a third of the server's time per
// top-up, bench/topup.bench.ts). Names come from one table per process, capped: past PREPARED_MAX distinct
// texts (dynamic SQL) the rest run unnamed, as before. Two refusals fall back to unnamed statements:
// "cached plan must not change result type" (0A000: the schema changed under a prepared statement, e.g. another
// process migrated) retires that name; "prepared statement does not exist" (26000: a pooler such as PgBouncer in
// transaction mode hands out other server connections) turns naming off for the pool.
// Either is retried at once unnamed, except inside a transaction (which the refusal aborted).
const PREPARED_MAX = 2000;
const prepared = new Map<string, string>();
let preparedSeq = 0;

function nameOf(sql: string): string | undefined {
  let name = prepared.get(sql);
  if (name === undefined && prepared.size < PREPARED_MAX) {
    name = `r${++preparedSeq}`;
    prepared.set(sql, name);
  }
  return name;
}

function wrap(c: pg.Pool | pg.PoolClient, naming: { on: boolean }, inTx = false): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const name = naming.on && params.length ? nameOf(sql) : undefined;
      let r: pg.QueryResult;
      try {
        r = name ? await c.query({ name, text: sql, values: params }) : await c.query(sql, params);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (!name || (code !== '0A000' && code !== '26000')) throw err;
        if (code === '0A000') prepared.delete(sql);
        else naming.on = false;
        // Inside a transaction the refusal has aborted it: the caller sees the error (the next try runs unnamed).
        if (inTx) throw err;
        r = await c.query(sql, params);
      }
      return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 };
    },
  };
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped idle connection must not crash the process.
  pool.on('error', () => {});
  const c = await pool.connect();
  c.release();
  const naming = { on: true };
  const base = wrap(pool, naming);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client, naming, true));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
