// A fleet of FLEET_METERS simulated meters (default 10,000) against Raseed run as separate processes on one
// DATA_DIR, as issue 12 asks: `raseed start` with no simulated fleet (embedded broker + gateway + API in one
// process, sharing the embedded PostgreSQL) and `raseed sim` in its own process, which registers the meters
// (app/seed.ts, batched) and connects them. Measured:
//   - registration of the fleet (the sim's own progress lines);
//   - connect time: from the sim's first CONNECT until the BROKER counts every meter logged in
//     (GET /metrics `raseed_broker_clients_connected{kind="meter"}`: the broker's view, not the simulator's);
//   - PSS (/proc/PID/smaps_rollup, so shared pages are not counted once per process) of every process: the
//     Node processes (with any children) and the PostgreSQL postmaster with all its children; RSS beside it;
//   - readings stored per minute over FLEET_CYCLES reporting intervals (FLEET_INTERVAL_S, default 60 s), from
//     `raseed_telemetry_points_written_total{kind="reading"}` (points the SQL sink confirmed);
//   - a relay command (reconnect, never blocked by the policy) to FLEET_SAMPLE random meters through the API, and
//     whether and how fast each meter acknowledged it.
// Env: FLEET_METERS=10000 FLEET_INTERVAL_S=60 FLEET_CYCLES=2 FLEET_SAMPLE=20; DATABASE_URL for a PostgreSQL server
// instead of the embedded one.        npm run bench fleet
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { isPortFree } from '../platform/index.ts';
import { planFleet } from '../meter-sim/index.ts';
import { cpuSeconds, processTree, pssOf, postmasterOf, type Mem } from './support/proc.ts';

const N = Number(process.env.FLEET_METERS ?? 10_000);
const INTERVAL_S = Number(process.env.FLEET_INTERVAL_S ?? 60);
const CYCLES = Number(process.env.FLEET_CYCLES ?? 2);
const SAMPLE = Number(process.env.FLEET_SAMPLE ?? 20);
const PASSWORD = 'bench-admin-pass';

async function freePort(from: number): Promise<number> {
  for (let p = from; ; p++) if (await isPortFree(p)) return p;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMiB = (m: Mem) => `${m.pssMiB.toFixed(0)} MiB PSS (${m.rssMiB.toFixed(0)} MiB RSS)`;

function metric(text: string, name: string, labels: string): number {
  for (const line of text.split('\n')) if (line.startsWith(name) && line.includes(labels)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  return 0;
}

const dir = fs.mkdtempSync(join(tmpdir(), 'raseed-fleet-'));
const http = await freePort(29080), mqttPort = await freePort(22883);
const base = `http://127.0.0.1:${http}`;
const common = { ...process.env, DATA_DIR: dir, RASEED_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const children: ChildProcess[] = [];
const spawnRaseed = (cmd: string, env: Record<string, string>, onLine?: (l: string) => void) => {
  const c = spawn(process.execPath, ['bin/raseed.mjs', cmd], { env: { ...common, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let buf = '';
  c.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (onLine?.(line) !== undefined) continue;
      process.stderr.write(`[${cmd}] ${line}\n`);
    }
  });
  children.push(c);
  return c;
};

async function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null) return;
  c.kill('SIGINT');
  await Promise.race([new Promise((r) => c.once('exit', r)), sleep(20_000).then(() => c.kill('SIGKILL'))]);
}

/** The few fields the bench reads from the API's JSON (or the /metrics text). */
interface Body { token?: string; status?: string; command?: { reference: string } | null }

async function api(path: string, token?: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const r = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** Each process tree once: the postmaster (a child of the first Raseed process) is counted on its own line only. */
function memory(pids: Record<string, number | null>): Record<string, Mem> {
  const out: Record<string, Mem> = {};
  const exclude = new Set(Object.values(pids).filter((p): p is number => p !== null));
  for (const [name, pid] of Object.entries(pids)) if (pid) out[name] = pssOf(processTree(pid, new Set([...exclude].filter((p) => p !== pid))));
  return out;
}

const rows: [string, string, string][] = [];
const row = (what: string, value: string, target = '') => {
  rows.push([what, value, target]);
  console.log(`  ${what}: ${value}${target ? `  (target ${target})` : ''}`);
};
try {
  console.log(`fleet bench: ${N} meters reporting every ${INTERVAL_S} s, ${CYCLES} cycles, DATA_DIR ${dir}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const tStack = performance.now();
  const stack = spawnRaseed('start', {
    SIM_METERS: '0', HTTP_PORT: String(http), MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1', HTTP_HOST: '127.0.0.1',
    // Every simulated meter comes from 127.0.0.1: lift the per-address cap (a real fleet comes from many addresses).
    MQTT_MAX_CONNECTIONS_PER_ADDRESS: String(N + 100),
  });
  let token = '';
  for (const end = Date.now() + 120_000; !token && Date.now() < end; await sleep(200)) {
    const r = await api('/api/v1/sessions', undefined, { username: 'admin', password: PASSWORD }).catch(() => null);
    if (r?.status === 201) token = r.body.token!;
  }
  if (!token) throw new Error('the stack did not come up');
  row('stack (`raseed start`, no sim) up, fresh data dir', fmtS(performance.now() - tStack));

  // The simulator in its own process: registers the fleet in the shared store, then connects it.
  let tSim = 0, tRegistered = 0, tConnectStart = 0, tSimConnected = 0;
  tSim = performance.now();
  const sim = spawnRaseed('sim', { SIM_METERS: String(N), SIM_INTERVAL: String(INTERVAL_S), MQTT_URL: `mqtt://127.0.0.1:${mqttPort}` }, (line) => {
    const m = /(registering|connecting) simulated meters: (\d+)\/(\d+)/.exec(line);
    if (!m) return undefined;
    const done = Number(m[2]);
    if (m[1] === 'registering' && done === N) tRegistered ||= performance.now();
    if (m[1] === 'connecting') {
      tConnectStart ||= performance.now();
      tRegistered ||= tConnectStart;
      if (done === N) tSimConnected ||= performance.now();
    }
    return 0;
  });
  // CPU used by each side while the fleet connects: which process the connect rate is bound by.
  let cpuAtStart: { stack: number; sim: number; pg: number } | null = null;
  const cpuNow = () => {
    const pm = postmasterOf(dir);
    const ex = new Set([pm ?? -1]);
    return { stack: cpuSeconds(processTree(stack.pid!, ex)), sim: cpuSeconds(processTree(sim.pid!, ex)), pg: pm ? cpuSeconds(processTree(pm)) : 0 };
  };
  let connected = 0, tAll = 0, peak = 0;
  const deadline = Date.now() + 30 * 60_000;
  let lastShown = 0;
  while (!tAll && Date.now() < deadline) {
    if (sim.exitCode !== null) throw new Error(`raseed sim exited (${sim.exitCode})`);
    const m = await api('/metrics').catch(() => null);
    connected = m ? metric(m.body as unknown as string, 'raseed_broker_clients_connected', 'kind="meter"') : connected;
    peak = Math.max(peak, connected);
    if (tConnectStart && !cpuAtStart) cpuAtStart = cpuNow();
    if (connected >= N) tAll = performance.now();
    if (performance.now() - lastShown > 5000) {
      lastShown = performance.now();
      process.stderr.write(`  ${((performance.now() - tSim) / 1000).toFixed(0)} s: ${tConnectStart ? `broker sees ${connected}/${N} meters` : 'registering'}\n`);
    }
    await sleep(tConnectStart ? 250 : 1000);
  }
  if (!tAll) throw new Error(`only ${peak}/${N} meters connected within the deadline`);
  row(`registration of ${N} meters (sim process, batched)`, fmtS(tRegistered - tSim));
  row(`${N} meters connected (broker's count, from the first CONNECT)`, fmtS(tAll - tConnectStart), '< 60 s');
  row('  the simulator saw all connected after', tSimConnected ? fmtS(tSimConnected - tConnectStart) : '—');
  const cpuEnd = cpuNow();
  if (cpuAtStart) {
    const secs = (tAll - tConnectStart) / 1000;
    const pct = (a: number, b: number) => `${(a - b).toFixed(1)} s (${(((a - b) / secs) * 100).toFixed(0)} % of a core)`;
    row('  CPU while connecting: raseed start / raseed sim / PostgreSQL', `${pct(cpuEnd.stack, cpuAtStart.stack)} / ${pct(cpuEnd.sim, cpuAtStart.sim)} / ${pct(cpuEnd.pg, cpuAtStart.pg)}`);
  }

  const pm = postmasterOf(dir);
  const pids = { 'raseed start (broker+gateway+API)': stack.pid!, 'raseed sim': sim.pid!, ...(pm ? { 'PostgreSQL (postmaster + children)': pm } : {}) };
  const memConnected = memory(pids);

  // Reporting cycles: readings confirmed stored by the SQL sink over whole intervals.
  const written = async () => metric((await api('/metrics')).body as unknown as string, 'raseed_telemetry_points_written_total', 'kind="reading"');
  await sleep(INTERVAL_S * 1000); // one interval so every meter has begun reporting (their first readings are spread over it)
  const w0 = await written();
  const t0 = performance.now();
  await sleep(CYCLES * INTERVAL_S * 1000);
  const w1 = await written();
  const perMin = ((w1 - w0) / ((performance.now() - t0) / 60_000));
  row(`readings stored per minute (${CYCLES} cycles of ${INTERVAL_S} s)`, `${perMin.toFixed(0)} (expected ${Math.round((N * 60) / INTERVAL_S)})`);
  const memReporting = memory(pids);

  // Commands: a reconnect (never blocked by the policy; a closed relay answers ok) to random meters.
  const plan = planFleet(N);
  const picks = new Set<string>();
  while (picks.size < Math.min(SAMPLE, N)) picks.add(plan[Math.floor(Math.random() * N)]!.id);
  const issued: { ref: string; at: number }[] = [];
  for (const id of picks) {
    const r = await api(`/api/v1/meters/${id}/reconnect`, token, { reason: 'customer_request', note: 'fleet bench' });
    if (r.status === 202 && r.body.command) issued.push({ ref: r.body.command.reference, at: performance.now() });
    else console.log(`  reconnect ${id}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  }
  const latencies: number[] = [];
  const open = new Set(issued.map((x) => x.ref));
  for (const end = Date.now() + 120_000; open.size && Date.now() < end; await sleep(200)) {
    for (const x of issued) {
      if (!open.has(x.ref)) continue;
      const r = await api(`/api/v1/commands/${x.ref}`, token);
      if (r.status === 200 && !['pending', 'sent'].includes(r.body.status ?? '')) {
        open.delete(x.ref);
        if (r.body.status === 'acknowledged') latencies.push(performance.now() - x.at);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  row(`relay command to ${picks.size} random meters`, `${latencies.length} acknowledged, p50 ${latencies.length ? (latencies[Math.floor(latencies.length / 2)]! / 1000).toFixed(2) : '—'} s (including API polling)`);

  console.log('');
  console.log(`| ${N} meters, every ${INTERVAL_S} s | value | target |`);
  console.log('| --- | --- | --- |');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  for (const [when, mem] of [['all connected', memConnected], [`after ${CYCLES + 1} reporting cycles`, memReporting]] as const) {
    let total = 0;
    for (const [name, m] of Object.entries(mem)) {
      total += m.pssMiB;
      const target = name.startsWith('raseed start') ? '< 1 GB' : '';
      console.log(`| memory, ${when}: ${name} (${m.procs} processes) | ${fmtMiB(m)} | ${target} |`);
    }
    console.log(`| memory, ${when}: all processes | ${total.toFixed(0)} MiB PSS | |`);
  }
  console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores)`);
  await stop(sim);
  await stop(stack);
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sleep(500);
  // A SIGKILLed Raseed leaves the embedded PostgreSQL running (by design): stop the one this run started.
  const pm = postmasterOf(dir);
  if (pm) process.kill(pm, 'SIGTERM');
  await sleep(1000);
  fs.rmSync(dir, { recursive: true, force: true });
}
