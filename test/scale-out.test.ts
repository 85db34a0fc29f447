// Scale-out, as an operator would run it on several machines (each process its own DATA_DIR, shared settings only):
// two aedes brokers on Redis, two `raseed gateway` processes, `raseed api`, a simulated fleet in its own process
// (`raseed sim`), PostgreSQL. Mid-stream one gateway and one broker are killed with SIGKILL (the broker restarted,
// as systemd would). An independent subscriber counts what the meters published; every reading it saw is stored
// exactly once; a top-up and a cut still complete.
// Without Redis or PostgreSQL the suite is skipped with a loud message (CI installs both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import pg from 'pg';
import mqtt, { type MqttClient } from 'mqtt';
import { createTempDatabase, type TempDatabase } from './support/postgres.ts';
import { freePort } from './support/influxd.ts';
import { eventually } from './support/stack.ts';

const BIN = new URL('../bin/raseed.mjs', import.meta.url).pathname;

async function redisUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port: 6379 });
    s.once('connect', () => { s.end(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const hasRedis = await redisUp();
const tdb: TempDatabase | null = hasRedis ? await createTempDatabase('scaleout') : null;
if (!hasRedis) console.warn('\n*** SKIPPED: no Redis at 127.0.0.1:6379; the scale-out test did not run ***\n');

interface Proc { name: string; child: ChildProcess; out: string; ready: Promise<void> }

describe.skipIf(!tdb)('scale-out: two brokers on Redis, two gateways, API and fleet in their own processes', () => {
  const db = tdb as TempDatabase;
  const procs: Proc[] = [];
  const dirs: string[] = [];
  const redisDb = 1 + (randomBytes(1)[0]! % 15);
  const shared = {
    DATABASE_URL: db?.url ?? '',
    RASEED_DATA_KEY: randomBytes(32).toString('base64url'),
    VENDING_KEY: randomBytes(20).toString('hex'),
    MQTT_PASSWORD: randomBytes(16).toString('base64url'),
    RASEED_ADMIN_PASSWORD: 'scale-admin-pass',
    BROKER_REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
    MQTT_HOST: '127.0.0.1',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  let ports: { a: number; b: number; http: number };
  let observer: MqttClient;
  const observed = new Set<string>();
  let sql: pg.Client;

  function start(name: string, cmd: string, env: Record<string, string>): Proc {
    const dir = mkdtempSync(join(tmpdir(), `raseed-${name}-`));
    dirs.push(dir);
    const child = spawn(process.execPath, [BIN, cmd], { env: { ...process.env, ...shared, DATA_DIR: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const p: Proc = { name, child, out: '', ready: Promise.resolve() };
    p.ready = new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        p.out += d.toString();
        if (p.out.includes('Press Ctrl-C')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, sig) => reject(new Error(`${name} exited (${code ?? sig}) before it was ready:\n${p.out.slice(-2000)}`)));
    });
    p.ready.catch(() => undefined);
    procs.push(p);
    return p;
  }
  const kill9 = async (p: Proc) => {
    const exited = new Promise((r) => p.child.once('exit', r));
    p.child.kill('SIGKILL');
    await exited;
  };
  const stored = async () => Number((await sql.query('SELECT count(*) AS n FROM readings')).rows[0].n);

  beforeAll(async () => {
    ports = { a: await freePort(), b: await freePort(), http: await freePort() };
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    // Two brokers starting together on a fresh database: one creates the first admin, the other must not die of it.
    const a = start('broker-a', 'broker', { MQTT_PORT: String(ports.a) });
    const b = start('broker-b', 'broker', { MQTT_PORT: String(ports.b) });
    await Promise.all([a.ready, b.ready]);
    await Promise.all([
      start('gateway-1', 'gateway', { MQTT_URL: `mqtt://127.0.0.1:${ports.a}`, GATEWAY_ID: 'g1' }).ready,
      start('gateway-2', 'gateway', { MQTT_URL: `mqtt://127.0.0.1:${ports.b}`, GATEWAY_ID: 'g2' }).ready,
      start('api', 'api', { HTTP_PORT: String(ports.http) }).ready,
    ]);
    // The independent observer: its own clean session on broker B, counting every reading a meter published.
    observer = await mqtt.connectAsync(`mqtt://127.0.0.1:${ports.b}`, { clientId: `observer-${randomBytes(3).toString('hex')}`, username: 'svc:gateway', password: shared.MQTT_PASSWORD, clean: true });
    observer.on('message', (topic, payload) => {
      try {
        observed.add(`${topic.split('/')[3]}:${(JSON.parse(payload.toString()) as { ts: number }).ts}`);
      } catch { /* not a reading */ }
    });
    await observer.subscribeAsync('raseed/v1/meters/+/telemetry', { qos: 1 });
    await start('sim', 'sim', { MQTT_URL: `mqtt://127.0.0.1:${ports.a}`, SIM_METERS: '12', SIM_INTERVAL: '0.5' }).ready;
  }, 120_000);

  afterAll(async () => {
    observer?.end(true);
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    const bounded = (p: Promise<unknown> | undefined) => Promise.race([p?.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    await bounded(sql?.end());
    await bounded(db?.drop());
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    // The brokers' Redis database of this run.
    await bounded(new Promise<void>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port: 6379 }, () => s.end(`SELECT ${redisDb}\r\nFLUSHDB\r\nQUIT\r\n`));
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    }));
  }, 30_000);

  it('processes on separate data directories share the configured secrets; the first admin exists once', async () => {
    const admins = await sql.query("SELECT count(*) AS n FROM users WHERE username = 'admin'");
    expect(Number(admins.rows[0].n)).toBe(1);
    const fp = await sql.query('SELECT name FROM shared_secret_fingerprints ORDER BY name');
    expect(fp.rows.map((r: { name: string }) => r.name)).toEqual(['MQTT_PASSWORD', 'RASEED_DATA_KEY', 'VENDING_KEY']);
  });

  it('survives kill -9 of a gateway and of a broker: every observed reading stored exactly once; a top-up and a cut complete', async () => {
    await eventually(async () => (await stored()) >= 40, 30_000, 250);
    const [, , g1] = procs;
    await kill9(g1!);
    const afterGw = await stored();
    await eventually(async () => (await stored()) >= afterGw + 40, 30_000, 250);

    const brokerA = procs[0]!;
    await kill9(brokerA);
    const restarted = start('broker-a2', 'broker', { MQTT_PORT: String(ports.a) });
    await restarted.ready;
    const afterBroker = await stored();
    await eventually(async () => (await stored()) >= afterBroker + 40, 45_000, 250);

    // A top-up and a cut through the API; commands travel gateway-2 → broker B → Redis → broker A → meter.
    const http = `http://127.0.0.1:${ports.http}`;
    const login = await (await fetch(`${http}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: shared.RASEED_ADMIN_PASSWORD }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const meters = (await sql.query("SELECT id FROM meters WHERE service = 'electricity' ORDER BY id")).rows.map((r: { id: string }) => r.id);
    const topup = await fetch(`${http}/api/v1/meters/${meters[0]}/topups?wait=30000`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'scale-1' }, body: JSON.stringify({ amount: '1.000' }) });
    const t = await topup.json() as { state: string };
    expect(topup.status, JSON.stringify(t)).toBe(201);
    expect(t.state).toBe('accepted');
    const cut = await fetch(`${http}/api/v1/meters/${meters[1]}/disconnect`, { method: 'POST', headers: auth, body: JSON.stringify({ reason: 'safety', note: 'scale-out test' }) });
    const c = await cut.json() as { command: { reference: string } };
    expect(cut.status, JSON.stringify(c)).toBe(202);
    await eventually(async () => {
      const r = await (await fetch(`${http}/api/v1/commands/${c.command.reference}`, { headers: auth })).json() as { status: string };
      return r.status === 'acknowledged';
    }, 30_000, 250);

    // Stop the fleet gracefully, then every reading the observer saw must be in the store, once.
    const sim = procs.find((p) => p.name === 'sim')!;
    const simExit = new Promise((r) => sim.child.once('exit', r));
    sim.child.kill('SIGTERM');
    await simExit;
    const rows = async () => new Set((await sql.query('SELECT meter_id, ts_ms FROM readings')).rows.map((r: { meter_id: string; ts_ms: string }) => `${r.meter_id}:${Number(r.ts_ms)}`));
    await eventually(async () => {
      const s = await rows();
      return [...observed].every((k) => s.has(k));
    }, 30_000, 250).catch(() => undefined);
    const have = await rows();
    const missing = [...observed].filter((k) => !have.has(k));
    expect(missing, `observed ${observed.size}, stored ${have.size}`).toEqual([]);
    // Exactly once: the table's key forbids duplicates; nothing was stored that no meter published.
    const dup = await sql.query('SELECT count(*) AS n FROM (SELECT meter_id, seq FROM readings GROUP BY meter_id, seq HAVING count(*) > 1) d');
    expect(Number(dup.rows[0].n)).toBe(0);
    expect([...have].filter((k) => !observed.has(k))).toEqual([]);
    console.log(`scale-out: ${observed.size} readings observed, ${have.size} stored, 0 missing, 0 duplicated (gateway and broker killed mid-stream)`);
  }, 180_000);
});
