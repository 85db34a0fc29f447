// Ingest throughput: meters → broker → gateway → InfluxDB, in readings per second, beside
//   - the raw ceiling: parse + validate + spool-encode + line-protocol serialise only, no I/O;
//   - a naive baseline: one MQTT subscriber writing each message to InfluxDB with its own HTTP request.
// The meters run in a child process (the load generator), so gateway and generator each get a core of the two.
// E2E rate = readings confirmed in InfluxDB / time from the first publish until the pipeline's flush returned.
// Memory (RSS, heap) of the gateway process is sampled every second.
// Env: INGEST_SECONDS (default 30; the reported figure uses 300), INGEST_METERS (200), INGEST_WINDOW (in-flight
// QoS 1 publishes per meter, 10), INGEST_NAIVE_SECONDS (default min(INGEST_SECONDS, 20)), INGEST_FSYNC (always|never),
// INGEST_BROKER_SECONDS (10: meters → broker with nothing behind it, the load generator's own limit on this machine).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { silentLogger, createLogger } from '../platform/index.ts';
import { openStore, hashPassword, type Db } from '../platform/index.ts';
import { createMeter, upsertServiceAccount, RegistryMeterDirectory, registryMeterInfo } from '../modules/registry/index.ts';
import { startBroker, type RunningBroker } from '../broker/index.ts';
import {
  Ingest, LatestStateWriter, embeddedPublishHook,
  InfluxTelemetrySink, SpooledPipeline, cachedMeterInfo, encodeRecord, readingLine,
} from '../gateway/index.ts';
import { TelemetryReading, decodePayload, meterTopic, fleetFilter } from '../protocols/index.ts';
import { startInfluxd, freePort, type InfluxdHandle } from '../test/support/influxd.ts';
import { allMigrations } from '../app/index.ts';

const SECONDS = Number(process.env.INGEST_SECONDS ?? 30);
const METERS = Number(process.env.INGEST_METERS ?? 200);
const WINDOW = Number(process.env.INGEST_WINDOW ?? 10);
const NAIVE_SECONDS = Number(process.env.INGEST_NAIVE_SECONDS ?? Math.min(SECONDS, 20));
const BROKER_SECONDS = Number(process.env.INGEST_BROKER_SECONDS ?? 10);
const FSYNC = (process.env.INGEST_FSYNC ?? 'always') as 'always' | 'never';
const PASSWORD = 'bench-meter-pass';
const T_BASE = Date.UTC(2026, 0, 1);
const meterIds = (n: number) => Array.from({ length: n }, (_, i) => `7${String(i).padStart(10, '0')}`);

function payload(k: number, seq: number): string {
  return JSON.stringify({ v: 1, seq, ts: T_BASE + seq * 1000 + k, register: 1000 + seq * 7, credit: 900_000 - seq, relay: 'closed', powerW: 412.5, voltageV: 231.2, currentA: 1.78 });
}

// ---------------------------------------------------------------- load generator (child process)
// Meters are separate devices in reality; here they share the two cores with the system under test. To keep the
// generator's own cost small it speaks MQTT 3.1.1 itself (CONNECT, PUBLISH QoS 1, PUBACK) over one socket per
// meter, with up to `window` publishes in flight each, instead of MQTT.js (≈3× the CPU per message).
const str = (v: string) => {
  const b = Buffer.from(v);
  const h = Buffer.alloc(2);
  h.writeUInt16BE(b.length);
  return [h, b];
};
function remainingLength(n: number): Buffer {
  const out: number[] = [];
  do {
    let d = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) d |= 128;
    out.push(d);
  } while (n > 0);
  return Buffer.from(out);
}
function packet(type: number, parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([type]), remainingLength(body.length), body]);
}

class RawMeter {
  private sock!: net.Socket;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private waiting = new Map<number, () => void>();
  private topic: Buffer[];
  constructor(readonly id: string) {
    this.topic = str(meterTopic(id, 'telemetry'));
  }
  connect(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = (this.sock = net.connect({ host, port, noDelay: true }));
      s.once('error', reject);
      let connected = false;
      s.on('data', (d) => {
        this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
        while (this.buf.length >= 2) {
          const type = this.buf[0]! >> 4;
          const len = this.buf[1]!; // CONNACK and PUBACK are 2 bytes long
          if (this.buf.length < 2 + len) break;
          if (type === 2) {
            if (this.buf[3] !== 0) return reject(new Error(`CONNACK ${this.buf[3]} for ${this.id}`));
            connected = true;
            resolve();
          } else if (type === 4) {
            const pid = this.buf.readUInt16BE(2);
            const f = this.waiting.get(pid);
            this.waiting.delete(pid);
            f?.();
          }
          this.buf = this.buf.subarray(2 + len);
        }
      });
      s.on('close', () => {
        if (!connected) reject(new Error(`connection of ${this.id} closed`));
        else if (this.waiting.size) console.error(`generator: ${this.id} lost its connection with ${this.waiting.size} publishes in flight`);
      });
      const flags = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0xc2, 0x00, 0x00]); // MQTT 3.1.1, user+password+clean, no keep-alive
      s.write(packet(0x10, [flags, ...str(this.id), ...str(this.id), ...str(PASSWORD)]));
    });
  }
  publish(payload: string): Promise<void> {
    const pid = this.nextId;
    this.nextId = this.nextId === 65535 ? 1 : this.nextId + 1;
    const id = Buffer.alloc(2);
    id.writeUInt16BE(pid);
    return new Promise((resolve) => {
      this.waiting.set(pid, resolve);
      this.sock.write(packet(0x32, [...this.topic, id, Buffer.from(payload)]));
    });
  }
  close(): void {
    this.sock.end(Buffer.from([0xe0, 0x00]));
  }
}

async function generator(url: string, seconds: number, meters: number, window: number, seqBase: number): Promise<void> {
  const u = new URL(url);
  const clients = meterIds(meters).map((id) => new RawMeter(id));
  for (let i = 0; i < clients.length; i += 50) await Promise.all(clients.slice(i, i + 50).map((c) => c.connect(u.hostname, Number(u.port))));
  let acked = 0;
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  process.send?.({ started: t0 });
  const tick = setInterval(() => process.send?.({ acked }), 1000);
  await Promise.all(clients.map(async (c, k) => {
    let seq = seqBase;
    await Promise.all(Array.from({ length: window }, async () => {
      while (Date.now() < end) {
        const s = ++seq;
        await c.publish(payload(k, s));
        acked++;
      }
    }));
  }));
  clearInterval(tick);
  process.send?.({ done: true, acked, seconds: (Date.now() - t0) / 1000 });
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 200));
  process.exit(0);
}

interface GenResult { acked: number; seconds: number; started: number; ended: number }

function runGenerator(url: string, seconds: number, seqBase: number, onProgress?: (acked: number) => void): Promise<GenResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--generator', url, String(seconds), String(METERS), String(WINDOW), String(seqBase)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let started = 0;
    child.on('message', (m: { started?: number; acked?: number; done?: boolean; seconds?: number }) => {
      if (m.started) started = m.started;
      if (m.done) resolve({ acked: m.acked!, seconds: m.seconds!, started, ended: Date.now() });
      else if (m.acked !== undefined) onProgress?.(m.acked);
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`generator exited with ${code}`)));
  });
}

// ---------------------------------------------------------------- memory sampling
interface Sample { t: number; rss: number; heap: number; ext: number; depth: number }
function sampler(depth: () => number) {
  const samples: Sample[] = [];
  const t0 = Date.now();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    samples.push({ t: (Date.now() - t0) / 1000, rss: m.rss / 1048576, heap: m.heapUsed / 1048576, ext: m.arrayBuffers / 1048576, depth: depth() });
  }, 1000);
  return { samples, stop: () => clearInterval(timer) };
}
const mib = (x: number) => x.toFixed(0);
function memSummary(s: Sample[]) {
  if (!s.length) return { first: '-', last: '-', max: '-' };
  const q = Math.max(1, Math.floor(s.length / 4));
  const avg = (xs: Sample[], f: (x: Sample) => number) => xs.reduce((a, x) => a + f(x), 0) / xs.length;
  return {
    rssFirstQ: avg(s.slice(0, q), (x) => x.rss), rssLastQ: avg(s.slice(-q), (x) => x.rss), rssMax: Math.max(...s.map((x) => x.rss)),
    heapFirstQ: avg(s.slice(0, q), (x) => x.heap), heapLastQ: avg(s.slice(-q), (x) => x.heap), heapMax: Math.max(...s.map((x) => x.heap)),
    depthMax: Math.max(...s.map((x) => x.depth)),
    extFirstQ: avg(s.slice(0, q), (x) => x.ext), extLastQ: avg(s.slice(-q), (x) => x.ext),
  };
}

// ---------------------------------------------------------------- raw ceiling
function ceiling(): { rate: number; n: number } {
  const n = 300_000;
  const bufs = Array.from({ length: 1000 }, (_, i) => Buffer.from(payload(i % 50, i + 1)));
  const tags = { service: 'electricity', area: 'north', tariff: 'residential' };
  let bytes = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const d = decodePayload(TelemetryReading, bufs[i % 1000]!);
    if (!d.ok) throw d.error;
    const rec = { kind: 'reading' as const, meterId: '70000000001', reading: d.value, receivedAt: 0, tags };
    bytes += encodeRecord(rec).length + readingLine(rec.meterId, rec.reading, tags).length;
  }
  const rate = n / ((performance.now() - t) / 1000);
  if (!bytes) throw new Error('unreachable');
  return { rate, n };
}

async function countIn(influx: InfluxdHandle, db: string): Promise<number> {
  const r = await fetch(`${influx.url}/query?${new URLSearchParams({ db, q: 'SELECT count("register") FROM "reading"' })}`);
  const j = (await r.json()) as { results: { series?: { values: number[][] }[] }[] };
  return j.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
}

async function setupStore(): Promise<Db> {
  const db = await openStore({ migrations: allMigrations() });
  const hash = await hashPassword(PASSWORD);
  const ids = meterIds(METERS);
  for (let i = 0; i < ids.length; i += 500) {
    await db.transaction(async (tx) => {
      for (const id of ids.slice(i, i + 500)) await createMeter(tx, { id, service: 'electricity', area: `area-${Number(id) % 7}`, mqttPasswordHash: hash });
    });
  }
  await upsertServiceAccount(db, 'bench', PASSWORD);
  return db;
}

// ---------------------------------------------------------------- end to end through the real gateway
async function e2e(influx: InfluxdHandle, db: Db) {
  await influx.query('CREATE DATABASE "e2e"');
  const spoolDir = fs.mkdtempSync(join(os.tmpdir(), 'raseed-bench-spool-'));
  const logger = process.env.LOG_LEVEL ? createLogger(process.env.LOG_LEVEL, false) : silentLogger;
  const pipeline = await SpooledPipeline.open({
    spool: { dir: spoolDir, fsync: FSYNC },
    sink: new InfluxTelemetrySink({ url: influx.url, api: 'v1', database: 'e2e', logger }),
    meterInfo: cachedMeterInfo(registryMeterInfo(db)),
    logger,
    ...(process.env.INGEST_LINGER_MS ? { lingerMs: Number(process.env.INGEST_LINGER_MS) } : {}),
  });
  const directory = new RegistryMeterDirectory(db);
  const latest = new LatestStateWriter(db, silentLogger);
  const ingest = new Ingest(pipeline, directory, latest, silentLogger);
  const port = await freePort();
  const broker = await startBroker({ port, host: '127.0.0.1', logger: silentLogger, authenticate: (u, p) => directory.authenticate(u, p), onPublish: embeddedPublishHook(ingest) });
  const mem = sampler(() => pipeline.stats().depthRecords);
  const progress: string[] = [];
  const g = await runGenerator(`mqtt://127.0.0.1:${port}`, SECONDS, 0, (acked) => {
    const s = pipeline.stats();
    progress.push(`${acked}`);
    if (progress.length % 10 === 0) console.log(`  e2e t=${progress.length}s acked=${acked} written=${s.written} spooled=${s.depthRecords} rss=${mib(process.memoryUsage().rss / 1048576)}MiB`);
  });
  await pipeline.flush();
  const writtenAt = Date.now();
  mem.stop();
  const count = await countIn(influx, 'e2e');
  const stats = pipeline.stats();
  await broker.close();
  await latest.flush();
  await pipeline.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
  return { acked: g.acked, ackRate: g.acked / g.seconds, count, rate: count / ((writtenAt - g.started) / 1000), seconds: (writtenAt - g.started) / 1000, mem: memSummary(mem.samples), gaps: stats.gaps, meanBatch: stats.written / Math.max(1, stats.batches) };
}

// ---------------------------------------------------------------- naive: one subscriber, one HTTP write per message
async function naive(influx: InfluxdHandle, db: Db) {
  await influx.query('CREATE DATABASE "naive"');
  const directory = new RegistryMeterDirectory(db);
  const port = await freePort();
  const broker: RunningBroker = await startBroker({ port, host: '127.0.0.1', logger: silentLogger, authenticate: (u, p) => directory.authenticate(u, p) });
  const sub = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: 'naive-writer', username: 'svc:bench', password: PASSWORD, clean: true });
  await new Promise<void>((r) => sub.once('connect', () => r()));
  await sub.subscribeAsync(fleetFilter('telemetry'), { qos: 1 });
  let written = 0;
  let failed = 0;
  sub.handleMessage = (packet, done) => {
    const meterId = packet.topic.split('/')[3]!;
    const d = decodePayload(TelemetryReading, packet.payload as Buffer);
    if (!d.ok) return done();
    const line = readingLine(meterId, d.value, { service: 'electricity', area: 'unknown', tariff: 'residential' });
    fetch(`${influx.url}/write?db=naive&precision=ms`, { method: 'POST', body: line }).then(
      (r) => { if (r.status === 204) written++; else failed++; done(); },
      () => { failed++; done(); },
    );
  };
  const mem = sampler(() => 0);
  const g = await runGenerator(`mqtt://127.0.0.1:${port}`, NAIVE_SECONDS, 0);
  const at = Date.now();
  mem.stop();
  const count = await countIn(influx, 'naive');
  await sub.endAsync(true);
  await broker.close();
  return { acked: g.acked, count, rate: count / ((at - g.started) / 1000), backlog: g.acked - written, failed, mem: memSummary(mem.samples) };
}

// ---------------------------------------------------------------- the load generator's own limit: broker acks, nothing else
async function brokerOnly(db: Db) {
  const directory = new RegistryMeterDirectory(db);
  const port = await freePort();
  const broker = await startBroker({ port, host: '127.0.0.1', logger: silentLogger, authenticate: (u, p) => directory.authenticate(u, p), onPublish: async () => {} });
  const g = await runGenerator(`mqtt://127.0.0.1:${port}`, BROKER_SECONDS, 0);
  await broker.close();
  return { acked: g.acked, rate: g.acked / g.seconds };
}

async function main() {
  console.log(`ingest bench: ${METERS} meters × ${WINDOW} in-flight QoS 1 publishes, e2e ${SECONDS} s, naive ${NAIVE_SECONDS} s, spool fsync=${FSYNC}, ${os.cpus().length} cores, Node ${process.version}`);
  const c = ceiling();
  console.log(`  raw ceiling: ${Math.round(c.rate)} readings/s (${c.n} parse+validate+encode+serialise, one core)`);
  const influx = await startInfluxd({ database: 'bench' });
  if (!influx) {
    console.warn('SKIPPED: e2e and naive need `influxd` (apt-get install -y influxdb)');
    return;
  }
  console.log(`  InfluxDB ${influx.version} on ${influx.url}`);
  const db = await setupStore();
  try {
    const e = await e2e(influx, db);
    const nv = await naive(influx, db);
    const bo = await brokerOnly(db);
    const rows: [string, string, string, string, string][] = [
      ['path', 'readings/s', 'readings', 'RSS MiB first¼→last¼ (max)', 'heap MiB first¼→last¼ (max)'],
      ['raw ceiling (no I/O)', String(Math.round(c.rate)), String(c.n), '-', '-'],
      ['meters→broker only (generator limit)', String(Math.round(bo.rate)), `${bo.acked} acked`, '-', '-'],
      ['e2e meters→broker→gateway→InfluxDB', String(Math.round(e.rate)), `${e.count}/${e.acked} acked`,
        `${mib(e.mem.rssFirstQ as number)}→${mib(e.mem.rssLastQ as number)} (${mib(e.mem.rssMax as number)})`, `${mib(e.mem.heapFirstQ as number)}→${mib(e.mem.heapLastQ as number)} (${mib(e.mem.heapMax as number)})`],
      ['naive (1 HTTP write per message)', String(Math.round(nv.rate)), `${nv.count}/${nv.acked} acked`,
        `${mib(nv.mem.rssFirstQ as number)}→${mib(nv.mem.rssLastQ as number)} (${mib(nv.mem.rssMax as number)})`, `${mib(nv.mem.heapFirstQ as number)}→${mib(nv.mem.heapLastQ as number)} (${mib(nv.mem.heapMax as number)})`],
    ];
    const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log('');
    for (const r of rows) console.log('  ' + r.map((x, i) => x.padEnd(w[i]!)).join('  '));
    console.log('');
    console.log(`  e2e: acknowledged to meters at ${Math.round(e.ackRate)}/s; all written ${e.seconds.toFixed(1)} s after the first publish; spool depth max ${e.mem.depthMax}; ArrayBuffers (PGlite's WebAssembly memory, Buffers) ${mib(e.mem.extFirstQ as number)}→${mib(e.mem.extLastQ as number)} MiB; mean batch ${Math.round(e.meanBatch)} points; sequence gaps ${e.gaps}`);
    console.log(`  naive: ${nv.backlog} acknowledged readings not yet in InfluxDB when the run ended (lost if the subscriber dies), ${nv.failed} failed writes`);
    if (e.count !== e.acked) console.log(`  !! e2e: InfluxDB holds ${e.count} readings, meters had ${e.acked} acknowledged`);
  } finally {
    await db.close();
    await influx.dispose();
  }
}

if (process.argv[2] === '--generator') {
  const [, , , url, seconds, meters, window, seqBase] = process.argv;
  await generator(url!, Number(seconds), Number(meters), Number(window), Number(seqBase));
} else {
  await main();
  process.exit(0);
}
