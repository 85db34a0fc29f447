// A process using the embedded PostgreSQL of a data directory, for store/embedded-postgres.test.ts.
//   node --import tsx store/testing/embedded-child.ts DIR LABEL
// Opens DIR (DATA_DIR/pg), inserts a row naming LABEL, prints {"serverPid": N} and waits: a line "close" on
// stdin closes the store and exits; a line "count" prints the rows; "exit" exits without closing.
import { createInterface } from 'node:readline';
import { openEmbeddedPostgres } from '../embedded-postgres.ts';

const [dir, label] = process.argv.slice(2) as [string, string];
const db = await openEmbeddedPostgres(dir, { log: () => {} });
await db.query('CREATE TABLE IF NOT EXISTS t (label text NOT NULL)');
await db.query('INSERT INTO t (label) VALUES ($1)', [label]);
process.stdout.write(JSON.stringify({ serverPid: db.server.pid }) + '\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'count') {
    const r = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM t');
    process.stdout.write(JSON.stringify({ rows: Number(r.rows[0]!.n) }) + '\n');
  } else if (line === 'close') {
    await db.close();
    process.stdout.write(JSON.stringify({ closed: true }) + '\n');
    process.exit(0);
  } else if (line === 'exit') {
    process.exit(0);
  }
}
