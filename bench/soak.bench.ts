// Soak (issue 16): the whole stack under mixed load for SOAK_SECONDS (default 600), with memory and PUBACK latency
// sampled every SOAK_SAMPLE_S seconds and printed as a table and ASCII charts. Pass criteria of the issue: memory
// flat (RSS of the second half within SOAK_RSS_GROWTH_MB of the first), no PUBACK over 1 s.
// Load, all at once:
//   - fleet telemetry: SOAK_METERS simulated meters (default 200), one reading each per SOAK_INTERVAL_S (1 s);
//   - probe meters: 10 MQTT.js meters publishing a QoS 1 reading every 200 ms, each publish → PUBACK timed
//     (PUBACK comes once the reading is durable in the spool, so it measures the whole ingest path);
//   - top-ups through the HTTP API, one every 2 s (STS token vended, delivered to a simulated meter, accepted);
//   - sign-in storms: every 10 s, 50 concurrent wrong-password sign-ins from 50 addresses (TRUST_PROXY=127.0.0.1 so
//     they are not all one address; the scrypt work goes through the sign-in gate);
//   - bad packets: malformed JSON, far-future readings and wrong-password MQTT CONNECTs, every second.
// Everything runs in this one process (2 shared cores): generator and system under test compete, so latency here is
// an upper bound of what the gateway alone would show.
//   npm run bench soak                 SOAK_SECONDS=60 npm run bench soak      SOAK_SIGNIN_CONCURRENCY=64 (no gate)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { loadConfig, silentLogger, hashMachineSecret } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { meterTopic } from '../protocols/index.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const METERS = Number(process.env.SOAK_METERS ?? 200);
const INTERVAL_S = Number(process.env.SOAK_INTERVAL_S ?? 1);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? Math.max(2, Math.round(SECONDS / 30)));
const RSS_GROWTH_MB = Number(process.env.SOAK_RSS_GROWTH_MB ?? 50);
const PROBES = 10;
const PASSWORD = 'soak-probe-password-0123456789';

interface Sample { t: number; rssMb: number; heapMb: number; pubacks: number; p50: number; p99: number; max: number; topups: number; signins: number; refused: number }

function pct(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function chart(title: string, values: number[], unit: string, height = 8): string {
  // Scaled from the smallest to the largest sample (a flat line stays flat; small drifts show).
  const max = Math.max(...values), min = Math.min(...values) - (Math.max(...values) - Math.min(...values)) * 0.1 - 1e-9;
  const rows: string[] = [];
  for (let h = height; h >= 1; h--) {
    const level = min + ((max - min) * h) / height;
    rows.push(`${level.toFixed(1).padStart(8)} ${unit.padEnd(3)}|${values.map((v) => (v >= level - (max - min) / height / 2 ? '█' : ' ')).join('')}`);
  }
  rows.push(`${' '.repeat(12)}+${'-'.repeat(values.length)}`);
  return `${title}\n${rows.join('\n')}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raseed-soak-'));
  const config = loadConfig({
    HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: String(METERS), SIM_INTERVAL: String(INTERVAL_S),
    RASEED_ADMIN_PASSWORD: 'soak-admin-pass', TRUST_PROXY: '127.0.0.1', SIGNIN_MAX_PER_USER: '100000', LOG_LEVEL: 'silent',
    // SOAK_SIGNIN_CONCURRENCY=64 shows what the sign-in gate prevents (every storm's scrypt at once).
    ...(process.env.SOAK_SIGNIN_CONCURRENCY ? { SIGNIN_CONCURRENCY: process.env.SOAK_SIGNIN_CONCURRENCY } : {}),
  }, {});
  let stack: RunningStack | null = null;
  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    stack = await startStack({ config, logger: silentLogger, inMemoryStore: true });
    const s = stack;
    const http = s.urls.http!;
    const mqttUrl = s.urls.mqtt!;
    const api = async (path: string, init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const r = await fetch(http + path, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) as Record<string, unknown> : {} };
    };
    const admin = (await api('/api/v1/sessions', { method: 'POST', json: { username: 'admin', password: 'soak-admin-pass' } })).body.token as string;
    const vendable = s.plan.filter((p) => p.service === 'electricity').map((p) => p.id);

    // Probe meters.
    const probeIds = Array.from({ length: PROBES }, (_, i) => `SOAK-P${String(i).padStart(3, '0')}`);
    for (const id of probeIds) await createMeter(s.db, { id, service: 'electricity', mqttPasswordHash: hashMachineSecret(PASSWORD) });
    let latencies: number[] = [];
    const all: number[] = [];
    let seq = 0;
    for (const id of probeIds) {
      const c = await mqtt.connectAsync(mqttUrl, { clientId: id, username: id, password: PASSWORD, reconnectPeriod: 1000 });
      clients.push(c);
      timers.push(setInterval(() => {
        const n = ++seq;
        const t0 = performance.now();
        void c.publishAsync(meterTopic(id, 'telemetry'), JSON.stringify({ v: 1, seq: n, ts: Date.now(), register: n, credit: 1_000_000 - n, relay: 'closed', powerW: 500 }), { qos: 1 })
          .then(() => {
            const ms = performance.now() - t0;
            latencies.push(ms);
            all.push(ms);
          }, () => {});
      }, 200));
    }

    // Top-ups.
    let topups = 0, topupErrors = 0, k = 0;
    timers.push(setInterval(() => {
      const id = vendable[k++ % vendable.length]!;
      void api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: admin, headers: { 'idempotency-key': `soak-${k}` }, json: { amount: '1.000' } })
        .then((r) => (r.status < 300 ? topups++ : topupErrors++), () => topupErrors++);
    }, 2000));

    // Sign-in storms.
    let signins = 0, storm = 0;
    const doStorm = () => {
      storm++;
      for (let i = 0; i < 50; i++) {
        void api('/api/v1/sessions', { method: 'POST', json: { username: `guess-${storm}-${i}`, password: 'wrong-password' }, headers: { 'x-forwarded-for': `198.51.${storm % 250}.${i + 1}` } })
          .then(() => signins++, () => {});
      }
    };
    timers.push(setInterval(doStorm, 10_000));

    // Bad packets.
    let refused = 0;
    const bad = await mqtt.connectAsync(mqttUrl, { clientId: probeIds[0] + '-bad', username: probeIds[0], password: PASSWORD, reconnectPeriod: 0 }).catch(() => null);
    timers.push(setInterval(() => {
      if (bad?.connected) {
        void bad.publishAsync(meterTopic(probeIds[0]!, 'telemetry'), '{"v":1,"seq":', { qos: 1 }).catch(() => {});
        void bad.publishAsync(meterTopic(probeIds[0]!, 'telemetry'), JSON.stringify({ v: 1, seq: 1, ts: Date.now() + 86_400_000, register: 1, credit: 1, relay: 'closed' }), { qos: 1 }).catch(() => {});
      }
      void mqtt.connectAsync(mqttUrl, { clientId: 'intruder', username: probeIds[1], password: 'wrong', reconnectPeriod: 0, connectTimeout: 2000 })
        .then((c) => c.end(true), () => refused++);
    }, 1000));

    // Sampling.
    const samples: Sample[] = [];
    const start = Date.now();
    console.log(`soak: ${SECONDS} s, ${METERS} simulated meters every ${INTERVAL_S} s, ${PROBES} probe meters every 200 ms, a top-up every 2 s, 50 sign-ins every 10 s, bad packets every 1 s`);
    while (Date.now() - start < SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
      const m = process.memoryUsage();
      const l = latencies;
      latencies = [];
      samples.push({ t: Math.round((Date.now() - start) / 1000), rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, pubacks: l.length, p50: pct(l, 50), p99: pct(l, 99), max: Math.max(0, ...l), topups, signins, refused });
      const x = samples.at(-1)!;
      console.log(`${String(x.t).padStart(5)} s  rss ${x.rssMb.toFixed(0).padStart(5)} MB  heap ${x.heapMb.toFixed(0).padStart(4)} MB  puback n=${String(x.pubacks).padStart(5)} p50 ${x.p50.toFixed(1).padStart(6)} p99 ${x.p99.toFixed(1).padStart(7)} max ${x.max.toFixed(1).padStart(7)} ms  top-ups ${x.topups} (+${topupErrors} failed)  sign-ins ${x.signins}  refused CONNECTs ${x.refused}`);
    }
    for (const t of timers) clearInterval(t);

    console.log(`\n${chart('RSS (MB) per sample', samples.map((x) => x.rssMb), 'MB')}`);
    console.log(`\n${chart('PUBACK p99 (ms) per sample', samples.map((x) => x.p99), 'ms')}`);
    const half = Math.floor(samples.length / 2);
    const warm = samples.slice(1, half), late = samples.slice(half);
    const avg = (xs: Sample[]) => xs.reduce((a, x) => a + x.rssMb, 0) / Math.max(1, xs.length);
    const growth = avg(late) - avg(warm);
    const over1s = all.filter((x) => x > 1000).length;
    console.log(`\nPUBACKs: ${all.length}, p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms, p99.9 ${pct(all, 99.9).toFixed(1)} ms, max ${Math.max(0, ...all).toFixed(1)} ms, over 1 s: ${over1s}`);
    console.log(`RSS: first half (after the first sample) ${avg(warm).toFixed(0)} MB, second half ${avg(late).toFixed(0)} MB, growth ${growth.toFixed(1)} MB (limit ${RSS_GROWTH_MB})`);
    console.log(`top-ups ${topups} ok, ${topupErrors} failed; sign-ins answered ${signins}; wrong-password CONNECTs refused ${refused}`);
    const pass = over1s === 0 && growth <= RSS_GROWTH_MB;
    console.log(pass ? 'PASS: memory flat, no PUBACK over 1 s' : 'FAIL: see above');
    process.exitCode = pass ? 0 : 1;
  } finally {
    for (const t of timers) clearInterval(t);
    await Promise.all(clients.map((c) => c.endAsync().catch(() => {})));
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
