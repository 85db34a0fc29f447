// Exactly once into a real InfluxDB: simulated meters publish readings over MQTT (QoS 1, own credentials) to
// the embedded broker and gateway; the telemetry pipeline spools them and writes them to InfluxDB. Mid-stream
// InfluxDB is stopped for a while, and the gateway (broker + ingest + pipeline) is killed without a flush and
// started again on the same spool. Afterwards InfluxDB must hold exactly the readings the meters sent:
// per meter the same count and the same sums — none missing, none doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { silentLogger } from '../platform/index.ts';
import { openStore, hashPassword, type Db } from '../platform/index.ts';
import { createMeter, RegistryMeterDirectory } from '../modules/registry/index.ts';
import { startBroker, type RunningBroker } from '../broker/index.ts';
import { Ingest, LatestStateWriter, embeddedPublishHook, InfluxTelemetrySink, SpooledPipeline } from '../gateway/index.ts';
import { meterTopic, type TelemetryReading } from '../protocols/index.ts';
import { findInfluxd, freePort, influxdSkipMessage, startInfluxd, type InfluxdHandle } from './support/influxd.ts';
import { allMigrations } from '../app/index.ts';

const haveInfluxd = findInfluxd() !== null;
const RASEED_BIN = new URL('../bin/raseed.mjs', import.meta.url).pathname;
if (!haveInfluxd) console.warn(influxdSkipMessage);

const METERS = 8;
const PER_METER = 250;
const T0 = Date.UTC(2026, 2, 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let influx: InfluxdHandle | null = null;
let db: Db;
let spoolDir: string;
let mqttPort: number;

interface Gateway {
  broker: RunningBroker;
  pipeline: SpooledPipeline;
  latest: LatestStateWriter;
}

async function startGateway(): Promise<Gateway> {
  const pipeline = await SpooledPipeline.open({
    spool: { dir: spoolDir },
    sink: new InfluxTelemetrySink({ url: influx!.url, api: 'v1', database: influx!.database }),
    meterInfo: async (id) => ({ service: 'electricity', area: id.endsWith('1') ? 'north' : 'south', tariff: 'residential' }),
    batchSize: 500,
    lingerMs: 20,
    retry: { minDelayMs: 50, maxDelayMs: 500 },
  });
  const directory = new RegistryMeterDirectory(db);
  const latest = new LatestStateWriter(db, silentLogger, 200);
  const ingest = new Ingest(pipeline, directory, latest, silentLogger);
  const broker = await startBroker({
    port: mqttPort,
    host: '127.0.0.1',
    logger: silentLogger,
    authenticate: (u, p) => directory.authenticate(u, p),
    onPublish: embeddedPublishHook(ingest),
  });
  return { broker, pipeline, latest };
}

const ids = Array.from({ length: METERS }, (_, i) => `9${String(i + 1).padStart(10, '0')}`);
const reading = (k: number, seq: number): TelemetryReading => ({
  v: 1, seq, ts: T0 + seq * 60_000 + k, register: 1000 * k + seq * (k + 3), credit: 50_000 - seq, relay: 'closed', powerW: 100 + k,
});

const tokenEvent = (k: number, seq: number) => ({ v: 1, seq: 10_000 + seq, ts: T0 + seq * 60_000 + k + 1, type: 'token', result: 'accept', via: 'keypad', credited: 1000 + k * 10 + seq });

beforeAll(async () => {
  if (!haveInfluxd) return;
  influx = await startInfluxd();
  db = await openStore({ migrations: allMigrations() });
  const hash = await hashPassword('meter-pass');
  for (const id of ids) await createMeter(db, { id, service: 'electricity', mqttPasswordHash: hash });
  spoolDir = fs.mkdtempSync(join(os.tmpdir(), 'raseed-e2e-spool-'));
  mqttPort = await freePort();
}, 60_000);

afterAll(async () => {
  await influx?.dispose();
  await db?.close();
  if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
});

describe('telemetry into InfluxDB, exactly once', () => {
  it.skipIf(!haveInfluxd)('survives an InfluxDB outage and a gateway crash: every reading once, none missing, none doubled', async () => {
    let gw = await startGateway();
    const progress = new Array<number>(METERS).fill(0);
    const clients = await Promise.all(ids.map((id) => new Promise<mqtt.MqttClient>((resolve, reject) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${mqttPort}`, { clientId: id, username: id, password: 'meter-pass', clean: false, reconnectPeriod: 200, connectTimeout: 5000 });
      c.on('error', () => {});
      c.once('connect', () => resolve(c));
      setTimeout(() => reject(new Error('meter could not connect')), 10_000);
    })));
    // Each meter publishes its readings in order, QoS 1, the next once the previous is acknowledged
    // (MQTT.js resends unacknowledged ones after a reconnect).
    const publishing = clients.map(async (c, k) => {
      for (let seq = 1; seq <= PER_METER; seq++) {
        await c.publishAsync(meterTopic(ids[k]!, 'telemetry'), JSON.stringify(reading(k, seq)), { qos: 1 });
        // Token events too: every 25th reading comes with a keypad top-up.
        if (seq % 25 === 0) await c.publishAsync(meterTopic(ids[k]!, 'events'), JSON.stringify(tokenEvent(k, seq)), { qos: 1 });
        progress[k] = seq;
        await sleep(4);
      }
    });
    const done = () => Math.min(...progress) / PER_METER;
    while (done() < 0.2) await sleep(20);
    await influx!.stop(); // InfluxDB goes away
    while (done() < 0.45) await sleep(20);
    // The gateway crashes: no flush, no commit, connections dropped; records stay in the spool.
    expect(gw.pipeline.stats().depthRecords).toBeGreaterThan(0);
    await gw.pipeline.kill();
    await gw.broker.close();
    await sleep(300);
    gw = await startGateway();
    // The restarted gateway begins by replaying what the crashed one had spooled but not written.
    expect(gw.pipeline.stats().depthRecords).toBeGreaterThan(0);
    while (done() < 0.7) await sleep(20);
    await influx!.start(); // InfluxDB is back
    await Promise.all(publishing);
    await gw.pipeline.flush(60_000);
    const stats = gw.pipeline.stats();
    expect(stats.depthRecords).toBe(0);

    const r = await influx!.query('SELECT count("register") AS n, sum("register") AS reg, sum("seq") AS seqs, sum("credit") AS credit FROM "reading" GROUP BY "meter"');
    const got = new Map<string, number[]>();
    for (const s of r.results[0]!.series ?? []) got.set(s.tags!.meter!, (s.values[0] as number[]).slice(1));
    for (let k = 0; k < METERS; k++) {
      const rs = Array.from({ length: PER_METER }, (_, i) => reading(k, i + 1));
      const expected = [PER_METER, rs.reduce((a, x) => a + x.register, 0), rs.reduce((a, x) => a + x.seq, 0), rs.reduce((a, x) => a + x.credit, 0)];
      expect(got.get(ids[k]!), `meter ${ids[k]}`).toEqual(expected);
    }
    const total = await influx!.query('SELECT count("register") FROM "reading"');
    expect(total.results[0]!.series![0]!.values[0]![1]).toBe(METERS * PER_METER);
    const tokens = await influx!.query('SELECT count("credited") AS n, sum("credited") AS credited FROM "token_event" GROUP BY "meter"');
    const perMeter = PER_METER / 25;
    const gotTokens = new Map((tokens.results[0]!.series ?? []).map((s) => [s.tags!.meter!, (s.values[0] as number[]).slice(1)]));
    for (let k = 0; k < METERS; k++) {
      const credited = Array.from({ length: perMeter }, (_, i) => tokenEvent(k, (i + 1) * 25).credited).reduce((a, x) => a + x, 0);
      expect(gotTokens.get(ids[k]!), `token events of ${ids[k]}`).toEqual([perMeter, credited]);
    }

    await Promise.all(clients.map((c) => c.endAsync()));
    await gw.latest.flush();
    await gw.pipeline.close();
    await gw.broker.close();
  }, 120_000);
});

describe('telemetry into InfluxDB across a SIGKILL of the real `raseed start` process', () => {
  it.skipIf(!haveInfluxd)('meters → broker → gateway → InfluxDB; the process is SIGKILLed mid-stream and restarted; InfluxDB holds every reading once', async () => {
    const dataDir = fs.mkdtempSync(join(os.tmpdir(), 'raseed-e2e-data-'));
    await influx!.query('CREATE DATABASE "killtest"');
    // Register the meters in the process's own store, then let it have the directory.
    {
      const store = await openStore({ dataDir, migrations: allMigrations() });
      const hash = await hashPassword('meter-pass');
      for (const id of ids) await createMeter(store, { id, service: 'electricity', area: 'east', mqttPasswordHash: hash });
      await store.close();
    }
    const port = await freePort();
    const http = await freePort();
    const env = {
      ...process.env, DATA_DIR: dataDir, MQTT_PORT: String(port), MQTT_HOST: '127.0.0.1', HTTP_PORT: String(http), HTTP_HOST: '127.0.0.1',
      SIM_METERS: '0', RASEED_ADMIN_PASSWORD: 'kill-test-admin', LOG_LEVEL: 'error',
      INFLUX_URL: influx!.url, INFLUX_API: 'v1', INFLUX_DATABASE: 'killtest',
    };
    const startProcess = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [RASEED_BIN, 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`raseed start exited with ${child.exitCode}`);
        try {
          if ((await fetch(`http://127.0.0.1:${http}/healthz`)).ok) return child;
        } catch {}
        if (Date.now() > deadline) throw new Error('raseed start did not become healthy');
        await sleep(200);
      }
    };
    let child = await startProcess();
    try {
      const progress = new Array<number>(METERS).fill(0);
      const clients = await Promise.all(ids.map((id) => new Promise<mqtt.MqttClient>((resolve, reject) => {
        const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, { clientId: id, username: id, password: 'meter-pass', clean: false, reconnectPeriod: 250, connectTimeout: 5000 });
        c.on('error', () => {});
        c.once('connect', () => resolve(c));
        setTimeout(() => reject(new Error('meter could not connect')), 20_000);
      })));
      const publishing = clients.map(async (c, k) => {
        for (let seq = 1; seq <= PER_METER; seq++) {
          await c.publishAsync(meterTopic(ids[k]!, 'telemetry'), JSON.stringify(reading(k, seq)), { qos: 1 });
          progress[k] = seq;
          await sleep(4);
        }
      });
      const done = () => Math.min(...progress) / PER_METER;
      while (done() < 0.25) await sleep(20);
      await influx!.stop();
      while (done() < 0.4) await sleep(20);
      child.kill('SIGKILL'); // no shutdown hook runs: whatever is not in the spool is not acknowledged
      await new Promise((r) => child.once('exit', r));
      await sleep(500);
      await influx!.start();
      child = await startProcess();
      await Promise.all(publishing);
      // Everything acknowledged must arrive: poll InfluxDB until the counts settle.
      const expectedTotal = METERS * PER_METER;
      const deadline = Date.now() + 60_000;
      let total = 0;
      while (Date.now() < deadline) {
        const t = await influx!.query('SELECT count("register") FROM "reading"').catch(() => null);
        total = (t?.results[0]?.series?.[0]?.values[0]?.[1] as number | undefined) ?? 0;
        if (total >= expectedTotal) break;
        await sleep(250);
      }
      await sleep(500);
      const r = await influx!.query('SELECT count("register") AS n, sum("register") AS reg, sum("seq") AS seqs, sum("credit") AS credit FROM "reading" GROUP BY "meter"');
      const got = new Map<string, number[]>();
      for (const s of r.results[0]!.series ?? []) got.set(s.tags!.meter!, (s.values[0] as number[]).slice(1));
      for (let k = 0; k < METERS; k++) {
        const rs = Array.from({ length: PER_METER }, (_, i) => reading(k, i + 1));
        expect(got.get(ids[k]!), `meter ${ids[k]}`).toEqual([PER_METER, rs.reduce((a, x) => a + x.register, 0), rs.reduce((a, x) => a + x.seq, 0), rs.reduce((a, x) => a + x.credit, 0)]);
      }
      await Promise.all(clients.map((c) => c.endAsync()));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
