// Top-up latency, request → meter acceptance, through the HTTP API (POST /api/v1/meters/:id/topups?wait=30000
// answers once the meter has accepted the token): one subscriber alone (BENCH_SOLO sequential top-ups), then
// 100 subscribers paying at the same moment (BENCH_ROUNDS rounds), on three stores side by side: the embedded
// PostgreSQL (a data directory, the default), the system PostgreSQL (a throwaway database at RASEED_BENCH_PG_URL,
// default postgres://postgres@127.0.0.1:5432/postgres; skipped loudly when unreachable) and PGlite in memory.
// A counting wrapper on the Db prints the statements and round trips (statements + BEGIN/COMMIT) per top-up
// and, for the lone subscriber, the statements one by one. Counts include the stack's background work in
// that window (command sweep, readings): SIM_INTERVAL is 60 s to keep it small.
// Beside each phase: CPU milliseconds per top-up of this process (process.cpuUsage) and of the PostgreSQL server
// (its backends, from /proc), event-loop delay, the load average, and the median / 90th percentile of each step of a
// top-up (phaseClocks below: HTTP in with the sign-in check, payment, vend, publish, the meter's answer, apply, wake,
// audit, answer). BENCH_PROFILE=dir writes a CPU profile of each 100-subscriber phase; BENCH_PGSS=1 prints the
// server's own time per statement (pg_stat_statements must be preloaded: a scratch server at RASEED_BENCH_PG_URL).
//   npm run bench topup        BENCH_SUBSCRIBERS=100 BENCH_ROUNDS=3 BENCH_SOLO=30 BENCH_STORES=embedded,postgres,pglite
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import type { Db, Queryable } from '../platform/index.ts';
import { createUser } from '../modules/registry/index.ts';
import { createPrepaidModule } from '../modules/prepaid/index.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SOLO = Number(process.env.BENCH_SOLO ?? 30);
const STORES = (process.env.BENCH_STORES ?? 'embedded,postgres,pglite').split(',');
const PG_URL = process.env.RASEED_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_PROFILE=dir: a CPU profile of each 100-subscriber phase (node:inspector, this process only) into dir. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** BENCH_PGSS=1: the server's own time per statement in each 100-subscriber phase (needs pg_stat_statements preloaded, e.g. a scratch server at RASEED_BENCH_PG_URL). */
const PGSS = !!process.env.BENCH_PGSS;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

async function api(base: string, path: string, init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(base + path, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** Counts statements and transactions on a Db in place (the services hold this object). */
function countDb(db: Db) {
  const c = { statements: 0, transactions: 0, bySql: new Map<string, number>() };
  const note = (sql: string) => {
    c.statements++;
    const k = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    c.bySql.set(k, (c.bySql.get(k) ?? 0) + 1);
  };
  const q = db.query.bind(db);
  const t = db.transaction.bind(db);
  const wrapQ = (inner: Queryable['query']): Queryable['query'] => ((sql: string, params?: unknown[]) => {
    note(sql);
    return inner(sql, params);
  }) as Queryable['query'];
  (db as { query: Queryable['query'] }).query = wrapQ(q);
  (db as { transaction: Db['transaction'] }).transaction = ((fn: (tx: Queryable) => Promise<unknown>) => {
    c.transactions++;
    return t((tx) => fn({ query: wrapQ(tx.query.bind(tx)) }));
  }) as Db['transaction'];
  return {
    snap: () => ({ statements: c.statements, transactions: c.transactions, bySql: new Map(c.bySql) }),
    diff(a: { statements: number; transactions: number; bySql: Map<string, number> }) {
      const by = new Map<string, number>();
      for (const [k, v] of c.bySql) if (v - (a.bySql.get(k) ?? 0) > 0) by.set(k, v - (a.bySql.get(k) ?? 0));
      const statements = c.statements - a.statements;
      const transactions = c.transactions - a.transactions;
      return { statements, transactions, roundTrips: statements + 2 * transactions, by };
    },
  };
}

/**
 * Phase clocks (bench only): wraps the running services' methods in place and stamps each top-up's steps by
 * meter (a meter has one top-up at a time here). The marks, in the order a top-up passes them:
 *   sent     the client sends the request
 *   in       topUp() entered (HTTP parsing, the sign-in check, the meter's owner looked up)
 *   paid     the payment is committed (advance() entered)
 *   vended   the token is made and the vend committed
 *   publish  the delivery command is stored and handed to the MQTT transport
 *   puback   the broker took it (QoS 1)
 *   ack      the meter's answer reached the gateway (broker → meter decodes the token → answer → broker → ingest)
 *   applied  the top-up is recorded accepted (committed)
 *   woke     the service answered (topUp resolved: after the meter's answer when the request waits for it)
 *   audited  the audit record is written
 *   answered the client has the answer
 */
const MARKS = ['sent', 'in', 'paid', 'vended', 'publish', 'puback', 'ack', 'applied', 'woke', 'audited', 'answered'] as const;
type Mark = (typeof MARKS)[number];
type Stamps = Partial<Record<Mark, number>>;

function phaseClocks(stack: RunningStack) {
  const open = new Map<string, Stamps>();
  let done: Stamps[] = [];
  const stamp = (meterId: unknown, m: Mark) => {
    if (typeof meterId !== 'string') return;
    const t = open.get(meterId) ?? {};
    t[m] ??= performance.now();
    open.set(meterId, t);
  };
  type Fn = (...a: any[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const wrap = (obj: object, name: string, before?: (...a: any[]) => void, after?: (r: any, ...a: any[]) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const o = obj as Record<string, Fn>;
    const orig = o[name]!.bind(obj);
    o[name] = async (...a) => {
      before?.(...a);
      const r = await orig(...a);
      after?.(r, ...a);
      return r;
    };
  };
  const final = ['accepted', 'rejected', 'failed'];
  const topups = (stack.modules.prepaid!.api as { topups: object }).topups;
  wrap(topups, 'topUp', (req: { meterId: string }) => stamp(req.meterId, 'in'), (res: { record: { meterId: string } }) => stamp(res.record.meterId, 'woke'));
  wrap(topups, 'advance', (_ref: string, basis?: { meter?: { id: string } }) => stamp(basis?.meter?.id, 'paid'));
  wrap(topups, 'vend', undefined, (rec: { meterId: string } | null) => stamp(rec?.meterId, 'vended'));
  wrap(stack.transport!, 'send', (meterId: string) => stamp(meterId, 'publish'), (_r, meterId: string) => stamp(meterId, 'puback'));
  wrap(stack.commands, 'onAck', (meterId: string) => stamp(meterId, 'ack'));
  wrap(topups, 'applyCommand', undefined, (rec: { meterId: string; state: string } | null) => rec && final.includes(rec.state) && stamp(rec.meterId, 'applied'));
  wrap(topups, 'waitFinal', undefined, (rec: { meterId: string } | null) => stamp(rec?.meterId, 'woke'));
  wrap((stack.modules.audit!.api as { writer: object }).writer, 'write', undefined, (_r, e: { action: string; meterId?: string }) => e.action === 'topup.create' && stamp(e.meterId, 'audited'));
  return {
    sent: (meterId: string) => stamp(meterId, 'sent'),
    answered(meterId: string) {
      stamp(meterId, 'answered');
      done.push(open.get(meterId)!);
      open.delete(meterId);
    },
    /** Median and 90th percentile of each step (ms), over the top-ups since the last call. */
    take(): { step: string; p50: number; p90: number }[] {
      const out = [];
      // Each mark against the one before it that was reached (a replay, say, passes no vend).
      const steps = new Map<string, number[]>();
      for (const t of done) {
        let prev: Mark | null = null;
        for (const m of MARKS) {
          if (t[m] === undefined) continue;
          if (prev) {
            const k = `${prev}→${m}`;
            steps.set(k, [...(steps.get(k) ?? []), Math.max(0, t[m]! - t[prev]!)]);
          }
          prev = m;
        }
      }
      for (const [step, xs] of steps) out.push({ step, p50: pct(xs, 50), p90: pct(xs, 90) });
      done = [];
      return out;
    },
  };
}

/** CPU seconds of the PostgreSQL server processes serving this database (backends; the embedded server's own workers too), from /proc. */
async function pgCpu(db: Db, embedded: boolean): Promise<() => Promise<number | null>> {
  if (db.kind !== 'postgres') return async () => null;
  const pids = async () => (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()${embedded ? ' OR datname IS NULL' : ''}`)).rows.map((r) => Number(r.pid));
  const ticks = (pid: number) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return Number(f[11]) + Number(f[12]); // utime + stime, clock ticks (100 per second on Linux)
    } catch {
      return 0;
    }
  };
  const before = new Map((await pids()).map((p) => [p, ticks(p)]));
  return async () => {
    let sum = 0;
    // A backend that ended in between took its CPU time with it (counted as nothing, never as less than nothing).
    for (const p of new Set([...before.keys(), ...(await pids())])) sum += Math.max(0, ticks(p) - (before.get(p) ?? 0));
    return sum / 100;
  };
}

interface Row { store: string; subscribers: number; n: number; p50: number; p99: number; rate: number; statements: number; roundTrips: number; transactions: number; balanced: boolean; failures: number; nodeCpu: number; pgCpu: number | null; loopP99: number }
const table: Row[] = [];

async function run(label: string, env: Record<string, string>, inMemoryStore = false): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raseed-bench-'));
  const config = loadConfig({
    HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: String(N), SIM_INTERVAL: '60',
    RASEED_ADMIN_PASSWORD: 'bench-admin-pass', DATA_DIR: dataDir, LOG_LEVEL: 'silent',
    // Every subscriber signs in from this one address: lift the per-address sign-in limit for the bench.
    SIGNIN_MAX_PER_ADDRESS: '100000', ...env,
  }, {});
  let stack: RunningStack | null = null;
  try {
    const t0 = Date.now();
    stack = await startStack({ config, logger: silentLogger, modules: [createPrepaidModule()], inMemoryStore });
    const base = stack.urls.http!;
    // One login per subscriber (the seed gives the first five a login; the rest get one here).
    const tokens: string[] = [];
    for (let i = 0; i < stack.plan.length; i++) {
      const p = stack.plan[i]!;
      const username = `bench${i}`;
      const u = await createUser(stack.db, { username, password: 'bench-pass-1', role: 'subscriber' });
      await stack.db.query('UPDATE subscribers SET user_id = $1 WHERE account_no = $2', [u.id, `ACC-${p.id}`]);
      const r = await api(base, '/api/v1/sessions', { method: 'POST', json: { username, password: 'bench-pass-1' } });
      tokens.push(r.body.token as string);
    }
    const deadline = Date.now() + 60_000;
    while (stack.plan.some((p) => !stack!.online.has(p.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    console.log(`${label}: ${stack.db.label ?? stack.db.kind}, ${N} subscribers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const counter = countDb(stack.db);
    const clocks = phaseClocks(stack);
    let failures = 0;
    const pay = async (i: number, key: string, lat: number[]) => {
      const p = stack!.plan[i]!;
      const t = performance.now();
      clocks.sent(p.id);
      const r = await api(base, `/api/v1/meters/${p.id}/topups?wait=30000`, {
        method: 'POST', token: tokens[i], json: { amount: p.service === 'water' ? '2.000' : '5.000' }, headers: { 'Idempotency-Key': key },
      });
      clocks.answered(p.id);
      if (r.status !== 201 || r.body.state !== 'accepted') {
        if (!failures) console.log(`  first not accepted: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        failures++;
      }
      else lat.push(performance.now() - t);
    };
    const phase = async (subscribers: number, rounds: number, each: (round: number, lat: number[]) => Promise<void>) => {
      const lat: number[] = [];
      const f0 = failures;
      // A moment for the previous phase's acknowledgements and events to settle out of the count.
      await new Promise((r) => setTimeout(r, 300));
      clocks.take();
      const pgCpuOf = await pgCpu(stack!.db, label.startsWith('embedded'));
      const pgss = PGSS && subscribers > 1 && (await stack!.db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(() => stack!.db.query('SELECT pg_stat_statements_reset()')).then(() => true, () => false));
      const before = counter.snap();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const cpu0 = process.cpuUsage();
      const profile = PROFILE_DIR && subscribers > 1 ? new Session() : null;
      if (profile) {
        profile.connect();
        await profile.post('Profiler.enable');
        await profile.post('Profiler.start');
      }
      const start = performance.now();
      for (let round = 1; round <= rounds; round++) await each(round, lat);
      const wall = performance.now() - start;
      if (profile) {
        const { profile: prof } = await profile.post('Profiler.stop');
        const file = join(PROFILE_DIR!, `topup-${label.split(' ')[0]!.toLowerCase()}-${subscribers}.cpuprofile`);
        writeFileSync(file, JSON.stringify(prof));
        profile.disconnect();
        console.log(`    CPU profile of this phase: ${file}`);
      }
      const cpu = process.cpuUsage(cpu0);
      loop.disable();
      const steps = clocks.take();
      await new Promise((r) => setTimeout(r, 300));
      const d = counter.diff(before);
      const n = lat.length + failures - f0;
      const pgSeconds = await pgCpuOf();
      if (pgss) {
        const r = await stack!.db.query<{ q: string; calls: number; exec: number; plan: number }>(
          `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q, calls, total_exec_time AS exec, total_plan_time AS plan FROM pg_stat_statements
           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time + total_plan_time DESC LIMIT 25`);
        const tot = r.rows.reduce((a, x) => a + Number(x.exec) + Number(x.plan), 0);
        console.log(`    server time per top-up (pg_stat_statements, top 25: ${(tot / n).toFixed(2)} ms): exec / plan ms per top-up, calls per top-up`);
        for (const x of r.rows) console.log(`    ${(Number(x.exec) / n).toFixed(2).padStart(6)} ${(Number(x.plan) / n).toFixed(2).padStart(6)} ${(Number(x.calls) / n).toFixed(2).padStart(6)}  ${x.q}`);
      }
      const nodeCpu = (cpu.user + cpu.system) / 1000 / n;
      const pgCpuPer = pgSeconds === null ? null : (pgSeconds * 1000) / n;
      const loopP99 = loop.percentile(99) / 1e6;
      console.log(`    CPU per top-up: this process ${nodeCpu.toFixed(1)} ms${pgCpuPer === null ? '' : `, PostgreSQL ${pgCpuPer.toFixed(1)} ms`}; wall ${(wall / n).toFixed(1)} ms per top-up; event-loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(0)} ms, p99 ${loopP99.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}`);
      console.log(`    steps (p50 / p90 ms): ${steps.map((x) => `${x.step} ${x.p50.toFixed(0)}/${x.p90.toFixed(0)}`).join(', ')}`);
      console.log(`  ${subscribers} subscriber(s): ${lat.length}/${n} accepted, p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms, ${(lat.length / (wall / 1000)).toFixed(1)} top-ups/s; per top-up ${(d.statements / n).toFixed(1)} statements, ${(d.transactions / n).toFixed(1)} transactions, ${(d.roundTrips / n).toFixed(1)} round trips`);
      if (subscribers === 1) {
        console.log('    statements per top-up, one by one (lone subscriber):');
        for (const [sql, k] of [...d.by].sort((a, b) => b[1] - a[1])) console.log(`    ${(k / n).toFixed(2).padStart(6)}  ${sql}`);
      }
      return { lat, wall, n, d, failures: failures - f0, nodeCpu, pgCpu: pgCpuPer, loopP99 };
    };
    const solo = await phase(1, SOLO, (round, lat) => pay(0, `bench-solo-${round}`, lat));
    const crowd = await phase(N, ROUNDS, (round, lat) => Promise.all(stack!.plan.map((_p, i) => pay(i, `bench-${round}-${i}`, lat))).then(() => undefined));
    const rec = await (stack.modules.prepaid!.api as { topups: { reconcile(a: string, b: string): Promise<{ balanced: boolean }> } }).topups.reconcile('2000-01-01', '2100-12-31');
    for (const [subs, ph] of [[1, solo], [N, crowd]] as const) {
      table.push({
        store: label, subscribers: subs, n: ph.n, p50: pct(ph.lat, 50), p99: pct(ph.lat, 99), rate: ph.lat.length / (ph.wall / 1000),
        statements: ph.d.statements / ph.n, roundTrips: ph.d.roundTrips / ph.n, transactions: ph.d.transactions / ph.n, balanced: rec.balanced, failures: ph.failures,
        nodeCpu: ph.nodeCpu, pgCpu: ph.pgCpu, loopP99: ph.loopP99,
      });
    }
    console.log(`${label} RESULT: books balanced: ${rec.balanced}; ${failures} not accepted`);
    if (failures || !rec.balanced) process.exitCode = 1;
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (STORES.includes('embedded')) await run('embedded PostgreSQL', {});

if (STORES.includes('postgres')) {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  let pgOk = true;
  try {
    await admin.connect();
  } catch {
    pgOk = false;
  }
  if (!pgOk) {
    console.log(`\n*** SKIPPED PostgreSQL: none reachable at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (set RASEED_BENCH_PG_URL) ***`);
  } else {
    const name = `raseed_bench_${process.pid}`;
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const u = new URL(PG_URL);
      u.pathname = `/${name}`;
      await run('system PostgreSQL', { DATABASE_URL: u.toString() });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  }
}

if (STORES.includes('pglite')) await run('PGlite (memory)', {}, true);

console.log('\nTOP-UPS request → meter acceptance (targets: 1 alone p50 < 100 ms; 100 at once p50 < 150 ms, p99 < 1 s, >= 300/s)');
console.log('| store | subscribers | top-ups | p50 ms | p99 ms | top-ups/s | statements/top-up | transactions/top-up | round trips/top-up | CPU ms/top-up: Node | CPU ms/top-up: PostgreSQL | event-loop delay p99 ms | books balanced |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of table) {
  console.log(`| ${r.store} | ${r.subscribers} | ${r.n - r.failures}/${r.n} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.rate.toFixed(1)} | ${r.statements.toFixed(1)} | ${r.transactions.toFixed(1)} | ${r.roundTrips.toFixed(1)} | ${r.nodeCpu.toFixed(1)} | ${r.pgCpu === null ? '—' : r.pgCpu.toFixed(1)} | ${r.loopP99.toFixed(0)} | ${r.balanced} |`);
}
process.exit(process.exitCode ?? 0);
