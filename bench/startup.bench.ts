// `raseed start` with STARTUP_METERS simulated meters (default 20) on each store, side by side:
//   - embedded PostgreSQL (the default: DATA_DIR/pg),
//   - system PostgreSQL (DATABASE_URL: a throwaway database at RASEED_BENCH_PG_URL / TEST_PG_URL, default
//     postgres://postgres@127.0.0.1:5432/postgres; skipped loudly when unreachable),
//   - PGlite, where it still applies: a data directory an older Raseed left with a PGlite cluster (made here
//     with openPglite beforehand); a fresh DATA_DIR never gets PGlite any more, so it has no "fresh" figure.
// For each: time from spawning the process to the first reading in the API (GET /api/v1/meters), on a fresh data
// directory and again on the existing one (a reading newer than the restart); memory of every process once the
// fleet runs, as PSS (/proc/PID/smaps_rollup: shared pages counted once) — the Node process and the PostgreSQL
// server (postmaster and children; for the system PostgreSQL the whole shared cluster, whatever else it serves).
// Then `raseed start` with STARTUP_LARGE meters (default 2000; 0 to skip) on the embedded store.
// Targets (issue 12): first reading < 10 s fresh, < 5 s existing; all processes with 20 meters < 300 MB.
//   npm run bench startup        STARTUP_METERS=20 STARTUP_SETTLE_S=20 STARTUP_LARGE=2000
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isPortFree, openPglite } from '../platform/index.ts';
import { createTempDatabase } from '../test/support/postgres.ts';
import { postmasterOf, processTree, pssOf, type Mem } from './support/proc.ts';

const METERS = Number(process.env.STARTUP_METERS ?? 20);
const LARGE = Number(process.env.STARTUP_LARGE ?? 2000);
const SETTLE_S = Number(process.env.STARTUP_SETTLE_S ?? 20);
const PASSWORD = 'bench-admin-pass';
if (process.env.RASEED_BENCH_PG_URL) process.env.TEST_PG_URL ??= process.env.RASEED_BENCH_PG_URL;

async function freePort(from: number): Promise<number> {
  for (let p = from; ; p++) if (await isPortFree(p)) return p;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run { firstReadingS: number; allOnlineS: number; node: Mem; server: Mem | null; stopS: number; exit: number | null }

/** The system PostgreSQL's postmaster (through the data directory the server reports). */
async function systemPostmaster(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const r = await c.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`);
    return Number(fs.readFileSync(join(r.rows[0]!.d, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

async function run(dir: string, n: number, env: Record<string, string> = {}): Promise<Run> {
  const http = await freePort(28080), mqttPort = await freePort(21883);
  const t0 = performance.now();
  const wall0 = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['bin/raseed.mjs', 'start'], {
    env: {
      ...process.env, DATA_DIR: dir, HTTP_PORT: String(http), MQTT_PORT: String(mqttPort), HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1',
      SIM_METERS: String(n), SIM_INTERVAL: '5', RASEED_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', MQTT_MAX_CONNECTIONS_PER_ADDRESS: String(n + 100), ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${http}`;
  let token = '';
  let firstReadingS = NaN, allOnlineS = NaN;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline && child.exitCode === null) {
    await sleep(100);
    try {
      if (!token) {
        const r = await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
        if (r.status !== 201) continue;
        token = ((await r.json()) as { token: string }).token;
      }
      const r = await fetch(`${base}/api/v1/meters`, { headers: { authorization: `Bearer ${token}` } });
      const { meters } = (await r.json()) as { meters: { online: boolean; latestReading: { ts: string } | null }[] };
      // A reading from this run (an existing directory still holds the last run's).
      const fresh = (m: (typeof meters)[number]) => m.latestReading && Date.parse(m.latestReading.ts) >= wall0;
      if (Number.isNaN(firstReadingS) && meters.some(fresh)) firstReadingS = (performance.now() - t0) / 1000;
      if (meters.length >= n && meters.every((m) => m.online && fresh(m))) {
        allOnlineS = (performance.now() - t0) / 1000;
        break;
      }
    } catch {}
  }
  await sleep(SETTLE_S * 1000);
  const pm = env.DATABASE_URL ? await systemPostmaster(env.DATABASE_URL) : postmasterOf(dir);
  const node = pssOf(processTree(child.pid!, new Set(pm ? [pm] : [])));
  const server = pm ? pssOf(processTree(pm)) : null;
  child.kill('SIGINT');
  const tStop = performance.now();
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  return { firstReadingS, allOnlineS, node, server, stopS: (performance.now() - tStop) / 1000, exit: child.exitCode };
}

const mib = (m: Mem | null) => (m ? `${m.pssMiB.toFixed(0)} MiB (${m.procs})` : '— (in the Node process)');
const s = (x: number) => (Number.isNaN(x) ? 'never' : `${x.toFixed(1)} s`);

console.log(`startup bench: ${METERS} meters; load ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores)`);
const rows: { store: string; fresh: Run | null; again: Run | null; note?: string }[] = [];

// Embedded PostgreSQL.
{
  const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-startup-'));
  const fresh = await run(dir, METERS);
  const again = await run(dir, METERS);
  rows.push({ store: 'embedded PostgreSQL', fresh, again });
  fs.rmSync(dir, { recursive: true, force: true });
}
// System PostgreSQL.
{
  const temp = await createTempDatabase('bench_startup');
  if (!temp) rows.push({ store: 'system PostgreSQL', fresh: null, again: null, note: 'no PostgreSQL reachable' });
  else {
    const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-startup-'));
    try {
      const fresh = await run(dir, METERS, { DATABASE_URL: temp.url });
      const again = await run(dir, METERS, { DATABASE_URL: temp.url });
      rows.push({ store: 'system PostgreSQL (shared cluster)', fresh, again });
    } finally {
      await temp.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
// PGlite, only where it still applies: a data directory from an older Raseed.
{
  const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-startup-'));
  const t = performance.now();
  const legacy = await openPglite(join(dir, 'pg'));
  await legacy.close();
  const made = (performance.now() - t) / 1000;
  const again = await run(dir, METERS);
  rows.push({ store: 'PGlite (older data dir)', fresh: null, again, note: `not created any more (making one here took ${made.toFixed(1)} s)` });
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\n| \`raseed start\`, ${METERS} meters | first reading, fresh dir (< 10 s) | first reading, existing dir (< 5 s) | all meters reporting (fresh / existing) | Node PSS | PostgreSQL PSS (processes) | all processes PSS (< 300 MB) |`);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const m = r.again ?? r.fresh;
  const total = m ? m.node.pssMiB + (m.server && !r.store.includes('shared') ? m.server.pssMiB : 0) : NaN;
  console.log(`| ${r.store} | ${r.fresh ? s(r.fresh.firstReadingS) : r.note ?? '—'} | ${r.again ? s(r.again.firstReadingS) : '—'} | ${r.fresh ? s(r.fresh.allOnlineS) : '—'} / ${r.again ? s(r.again.allOnlineS) : '—'} | ${m ? mib(m.node) : '—'} | ${m ? mib(m.server) : '—'} | ${Number.isNaN(total) ? '—' : `${total.toFixed(0)} MiB${r.store.includes('shared') ? ' (Node only; the cluster is shared)' : ''}`} |`);
}

if (LARGE > 0) {
  const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-startup-'));
  const r = await run(dir, LARGE);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`\n\`raseed start\` with ${LARGE} meters, embedded PostgreSQL, fresh dir: first reading ${s(r.firstReadingS)}, all reporting ${s(r.allOnlineS)}, Node ${mib(r.node)}, PostgreSQL ${mib(r.server)}, together ${(r.node.pssMiB + (r.server?.pssMiB ?? 0)).toFixed(0)} MiB PSS; stop ${r.stopS.toFixed(1)} s`);
}
console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores)`);
