// `raseed edge` with 64 serial meters (8 buses of 8 on socat pty pairs), in its own process: RSS while reading and
// forwarding, while cut off from the head end (spooling), and while draining the backlog; readings per second.
// The head end (broker, gateway, in-memory store) and the simulated meters run in this process; the edge reaches the
// broker through a TCP proxy here that the bench cuts and restores.
// Env: EDGE_BENCH_ONLINE_S (default 20), EDGE_BENCH_OFFLINE_S (30), EDGE_BENCH_POLL_MS (1000), EDGE_BENCH_DRAIN (2000/s),
// EDGE_BENCH_NODE_FLAGS (the node flags of docs/edge.md), EDGE_BENCH_MALLOC_ARENA_MAX (2, as docs/edge.md runs it; '' to
// leave glibc's default of 8 arenas per core).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeter } from '../modules/registry/index.ts';
import type { FirmwareApi } from '../modules/firmware/index.ts';
import { SimMeter, meterNumber, socatAvailable, startSerialMeterSim, type RunningSerialMeterSim } from '../meter-sim/index.ts';
import { startTestStack } from '../test/support/stack.ts';
import { cuttableProxy } from '../test/support/tcp-proxy.ts';

const ONLINE_S = Number(process.env.EDGE_BENCH_ONLINE_S ?? 20);
const OFFLINE_S = Number(process.env.EDGE_BENCH_OFFLINE_S ?? 30);
const POLL_MS = Number(process.env.EDGE_BENCH_POLL_MS ?? 1000);
const DRAIN = Number(process.env.EDGE_BENCH_DRAIN ?? 2000);
const BUSES = 8, PER_BUS = 8;

if (!socatAvailable()) {
  console.error('edge bench needs socat (apt-get install -y socat)');
  process.exit(1);
}

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

const s = await startTestStack({ SIM_METERS: '0', LOG_LEVEL: 'silent' });
const ids: string[] = [];
const sims: RunningSerialMeterSim[] = [];
let arrived = 0;
s.ingest!.listen({ onReading: () => void arrived++ });
for (let b = 0; b < BUSES; b++) {
  const meters = [];
  for (let i = 0; i < PER_BUS; i++) {
    const id = meterNumber(5000 + b * PER_BUS + i, 4);
    ids.push(id);
    await createMeter(s.db, { id, service: 'electricity', transport: 'serial' });
    meters.push({ id, address: id, model: new SimMeter({ id, service: 'electricity', profile: { demandAt: () => 1200 }, credit: 1_000_000 }) });
  }
  sims.push(await startSerialMeterSim({ meters }));
}
const fw = s.modules.firmware!.api as FirmwareApi;
const { password } = await fw.edges.create({ id: 'bench-edge', meters: ids });
const proxy = await cuttableProxy(Number(new URL(s.mqtt).port));
const spoolDir = mkdtempSync(join(tmpdir(), 'raseed-edge-bench-'));
const channels = sims.map((sim) => ({ ...sim.channelConfig({ pollIntervalMs: POLL_MS, timeoutMs: 500 }), guardMs: 5 }));
// The edge as a concentrator runs it: the standalone bundle (EDGE_BENCH_ENTRY=cli: `raseed edge` through the tsx loader).
const viaCli = process.env.EDGE_BENCH_ENTRY === 'cli';
if (!viaCli) execFileSync(process.execPath, ['scripts/build-edge.mjs', 'dist/raseed-edge.mjs'], { stdio: 'inherit' });
// A small box bounds the V8 heap (the young generation is what grows RSS otherwise): EDGE_BENCH_NODE_FLAGS.
const nodeFlags = (process.env.EDGE_BENCH_NODE_FLAGS ?? '--max-semi-space-size=1 --max-old-space-size=64 --v8-pool-size=1 --no-opt').split(' ').filter(Boolean);
// glibc gives every thread that allocates its own malloc arena, and keeps what it once held: about 12 MiB on this agent.
const arenas = process.env.EDGE_BENCH_MALLOC_ARENA_MAX ?? '2';
const child = spawn(process.execPath, [...nodeFlags, ...(viaCli ? ['bin/raseed.mjs', 'edge'] : ['dist/raseed-edge.mjs'])], {
  env: {
    ...process.env, EDGE_ID: 'bench-edge', EDGE_PASSWORD: password, MQTT_URL: `mqtt://127.0.0.1:${proxy.port}`, EDGE_HTTP_URL: s.http,
    EDGE_SPOOL_DIR: spoolDir, SERIAL_CHANNELS: JSON.stringify(channels), EDGE_DRAIN_PER_SECOND: String(DRAIN), LOG_LEVEL: 'warn',
    ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let peak = 0;
const sample = () => {
  const r = rssMiB(child.pid!);
  if (r > peak) peak = r;
  return r;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function phase(name: string, seconds: number, until?: () => boolean) {
  const a0 = arrived, t0 = Date.now();
  let max = 0;
  while ((Date.now() - t0) / 1000 < seconds || (until && !until())) {
    await sleep(1000);
    max = Math.max(max, sample());
    if (until && (Date.now() - t0) / 1000 > 600) break;
  }
  const secs = (Date.now() - t0) / 1000;
  console.log(`${name.padEnd(10)} ${secs.toFixed(0).padStart(4)} s  readings at head end ${String(arrived - a0).padStart(6)} (${((arrived - a0) / secs).toFixed(1)}/s)  edge RSS max ${max} MiB`);
}

try {
  await sleep(3000); // the edge's start (tsx loader)
  console.log(`raseed edge (${viaCli ? 'raseed edge via tsx' : 'dist/raseed-edge.mjs'}, ${arenas ? `MALLOC_ARENA_MAX=${arenas} ` : ''}node ${nodeFlags.join(' ')}): ${ids.length} serial meters on ${BUSES} pty buses, poll ${POLL_MS} ms, drain ≤ ${DRAIN}/s`);
  await phase('online', ONLINE_S);
  proxy.cut();
  const before = arrived;
  await phase('offline', OFFLINE_S);
  const offlineArrivals = arrived - before;
  proxy.restore();
  // Drain: until the head end has caught up (a reading per meter per poll while offline, and the new ones).
  const expected = arrived + Math.round((OFFLINE_S * 1000 / POLL_MS) * ids.length * 0.5);
  await phase('drain', 5, () => arrived >= expected);
  await phase('after', 10);
  console.log(`peak edge RSS ${peak} MiB (limit 100 MiB: ${peak < 100 ? 'ok' : 'OVER'}; aim 70 MiB: ${peak < 70 ? 'ok' : 'over'}); readings reaching the head end while cut off: ${offlineArrivals}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await proxy.close();
  for (const sim of sims) await sim.stop();
  await s.stop();
  rmSync(spoolDir, { recursive: true, force: true });
}
process.exit(0);
