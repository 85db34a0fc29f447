// Broker limits (issue 16, finding 4) against the real embedded broker (aedes) on an ephemeral port, with real
// MQTT.js clients, mosquitto_pub, raw TCP sockets and the real meter directory on PGlite.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import fc from 'fast-check';
import { startBroker, LoginThrottle, Backoff, PacketSizeGuard, ADDRESS_BACKOFF, USERNAME_BACKOFF, isWellFormedUsername, type RunningBroker } from '../broker/index.ts';
import { hashPassword, openStore, type Db } from '../platform/index.ts';
import { RegistryMeterDirectory, createMeter, upsertServiceAccount } from '../modules/registry/index.ts';
import { allMigrations } from '../app/index.ts';
import { fleetFilter, meterTopic } from '../protocols/index.ts';
import { captureLogger } from './support/log-capture.ts';

const run = promisify(execFile);
const haveMosquitto = await run('mosquitto_pub', ['--help']).then(() => true, (e: { code?: unknown; stdout?: string }) => typeof e.stdout === 'string' && e.stdout.includes('mosquitto_pub'));
if (!haveMosquitto) console.warn('\n*** SKIPPED: mosquitto_pub not found; the mosquitto_pub cases of broker-limits did not run ***\n');

let db: Db;
let broker: RunningBroker;
let clock = Date.UTC(2026, 0, 1);
const throttle = new LoginThrottle({ ...ADDRESS_BACKOFF, freeFailures: 1000 }, { ...USERNAME_BACKOFF, freeFailures: 2, baseMs: 1000 }, () => clock);
const log = captureLogger();
const clients: mqtt.MqttClient[] = [];
const url = () => `mqtt://127.0.0.1:${broker.port}`;

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  const hash = await hashPassword('meter-pass');
  for (const id of ['M1', 'M2', 'M3', 'M4']) await createMeter(db, { id, service: 'electricity', mqttPasswordHash: hash });
  await upsertServiceAccount(db, 'gateway', 'svc-pass');
  const directory = new RegistryMeterDirectory(db);
  broker = await startBroker({
    port: 0, host: '127.0.0.1', logger: log.logger, authenticate: (u, p) => directory.authenticate(u, p),
    maxPacketBytes: 8192, maxConnectionsPerAddress: 12, loginThrottle: throttle,
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
});

afterAll(async () => {
  await broker?.close();
  await db?.close();
});

async function connect(id: string, o: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  const c = await mqtt.connectAsync(url(), { clientId: id, username: id, password: 'meter-pass', reconnectPeriod: 0, connectTimeout: 5000, ...o });
  clients.push(c);
  return c;
}
const service = () => connect('gw-test', { username: 'svc:gateway', password: 'svc-pass' });
const closed = (c: mqtt.MqttClient) => new Promise<void>((resolve) => c.once('close', () => resolve()));
/** null: connected; else the CONNACK return code, or -1 when closed without one. */
const connackError = (o: mqtt.IClientOptions) => new Promise<number | null>((resolve) => {
  const c = mqtt.connect(url(), { reconnectPeriod: 0, connectTimeout: 5000, ...o });
  clients.push(c);
  c.once('connect', () => resolve(null));
  c.once('error', (e: Error & { code?: number }) => resolve(typeof e.code === 'number' ? e.code : -1));
  c.once('close', () => resolve(-1));
});

async function retainedCount(): Promise<number> {
  let n = 0;
  for await (const _ of (broker.aedes as unknown as { persistence: { createRetainedStream(p: string): AsyncIterable<unknown> } }).persistence.createRetainedStream('#')) n++;
  return n;
}

describe('packet size', () => {
  it('a meter may publish up to MQTT_MAX_PACKET_BYTES; a bigger packet closes its connection', async () => {
    const m = await connect('M1');
    await m.publishAsync(meterTopic('M1', 'events'), Buffer.alloc(8000, 0x20), { qos: 1 }); // acknowledged
    const gone = closed(m);
    m.publish(meterTopic('M1', 'events'), Buffer.alloc(9000, 0x20), { qos: 1 });
    await gone;
    expect(log.find('packet too large').at(-1)).toMatchObject({ bytes: expect.any(Number), limit: 8192 });
  });

  it('the service account may send more (100 KiB)', async () => {
    const gw = await service();
    await gw.publishAsync(meterTopic('M1', 'commands'), Buffer.alloc(100 * 1024, 0x20), { qos: 1 });
  });

  it('a raw CONNECT announcing 100 MB is cut off at its header, before the body is buffered', async () => {
    const s = net.connect(broker.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    const gone = new Promise<void>((resolve) => s.once('close', () => resolve()));
    s.on('error', () => {});
    let n = 100_000_000;
    const len: number[] = [];
    do { let b = n % 128; n = Math.floor(n / 128); if (n > 0) b |= 0x80; len.push(b); } while (n > 0);
    s.write(Buffer.from([0x10, ...len]));
    await gone;
  });

  it('property: the guard finds exactly the first packet over the limit, however the bytes are split', () => {
    const encodeLen = (n: number) => { const out: number[] = []; do { let b = n % 128; n = Math.floor(n / 128); if (n > 0) b |= 0x80; out.push(b); } while (n > 0); return out; };
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 2, max: 400 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 5 }), (bodies, limit, cuts) => {
      const stream = Buffer.concat(bodies.map((b) => Buffer.from([0x30, ...encodeLen(b), ...new Array<number>(b).fill(7)])));
      const firstBad = bodies.findIndex((b) => 1 + encodeLen(b).length + b > limit);
      const g = new PacketSizeGuard(() => limit);
      let found: number | null = null;
      for (let i = 0, k = 0; i < stream.length && found === null; k++) {
        const step = cuts[k % cuts.length]!;
        const err = g.push(stream.subarray(i, i + step));
        if (err) found = err.bytes;
        i += step;
      }
      if (firstBad < 0) expect(found).toBeNull();
      else expect(found).toBe(1 + encodeLen(bodies[firstBad]!).length + bodies[firstBad]!);
    }));
  });
});

describe('retained messages', () => {
  it('a meter\'s retain flag is dropped (mosquitto_pub -r and a retained will): delivered live, never stored', async () => {
    const gw = await service();
    await gw.subscribeAsync(fleetFilter('status'), { qos: 1 });
    const got: { topic: string; retain: boolean }[] = [];
    gw.on('message', (topic, _p, packet) => got.push({ topic, retain: packet.retain }));
    const before = await retainedCount();
    if (haveMosquitto) {
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', 'M2', '-u', 'M2', '-P', 'meter-pass', '-q', '1', '-r', '-t', meterTopic('M2', 'status'), '-m', '{"v":1,"online":true}']);
    }
    const m = await connect('M3', { will: { topic: meterTopic('M3', 'status'), payload: Buffer.from('{"v":1,"online":false}'), qos: 1, retain: true } });
    await m.publishAsync(meterTopic('M3', 'status'), '{"v":1,"online":true}', { qos: 1, retain: true });
    m.stream.destroy(); // ungraceful: the will is published
    const want = haveMosquitto ? 3 : 2;
    for (let i = 0; i < 500 && got.length < want; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got.map((g) => g.topic).sort()).toEqual([...(haveMosquitto ? [meterTopic('M2', 'status')] : []), meterTopic('M3', 'status'), meterTopic('M3', 'status')].sort());
    expect(got.every((g) => !g.retain)).toBe(true);
    expect(await retainedCount()).toBe(before);
  });
});

describe('logins', () => {
  it('a malformed username (NUL byte, over-long, not a meter id) gets CONNACK 4 "bad user name or password"', async () => {
    expect(await connackError({ clientId: 'M1', username: 'M1\u0000', password: 'meter-pass' })).toBe(4);
    expect(await connackError({ clientId: 'x', username: 'M'.repeat(5000), password: 'meter-pass' })).toBe(4);
    expect(await connackError({ clientId: 'x', username: 'M1/../#', password: 'meter-pass' })).toBe(4);
    expect(await connackError({ clientId: 'x', username: 'svc:', password: 'x' })).toBe(4);
    expect(log.find('malformed username').length).toBeGreaterThanOrEqual(4);
  });

  it('repeated failures for a username back off (CONNACK 3, even with the right password), and clear after the back-off and a success', async () => {
    expect(await connackError({ clientId: 'M4', username: 'M4', password: 'wrong' })).toBe(4);
    expect(await connackError({ clientId: 'M4', username: 'M4', password: 'wrong' })).toBe(4);
    expect(await connackError({ clientId: 'M4', username: 'M4', password: 'wrong' })).toBe(4); // the 3rd: back-off starts
    expect(await connackError({ clientId: 'M4', username: 'M4', password: 'meter-pass' })).toBe(3);
    expect(await connackError({ clientId: 'M1', username: 'M1', password: 'meter-pass' })).toBeNull(); // other meters unaffected
    clock += 1001;
    expect(await connackError({ clientId: 'M4', username: 'M4', password: 'meter-pass' })).toBeNull();
    expect(throttle.retryInMs('127.0.0.1', 'M4')).toBe(0);
  });

  it('back-off doubles per failure past the free ones, up to the cap; keys are forgotten after a quiet spell', () => {
    const b = new Backoff({ freeFailures: 2, baseMs: 100, maxMs: 1000, forgetMs: 10_000 });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.failure('k', 0);
      waits.push(b.retryInMs('k', 0));
    }
    expect(waits).toEqual([0, 0, 100, 200, 400, 800, 1000, 1000]);
    expect(b.retryInMs('k', 20_000)).toBe(0);
    expect(b.size).toBe(0);
  });

  it('usernames: meter ids and svc:<name> only', () => {
    expect(['M1', '12345678901', 'svc:gateway', 'a_b-c'].every(isWellFormedUsername)).toBe(true);
    expect(['', 'M1\u0000', 'a b', 'svc:', 'x'.repeat(33), 'M1\uFFFD', 'raseed/v1'].some(isWellFormedUsername)).toBe(false);
  });
});

describe('connections per address', () => {
  it('past the cap, new connections from the address are closed at once; a freed slot is usable again', async () => {
    const raw = () => new Promise<{ socket: net.Socket; closedEarly: Promise<boolean> }>((resolve) => {
      const socket = net.connect(broker.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.once('connect', () => resolve({ socket, closedEarly: new Promise((r) => socket.once('close', () => r(true))) }));
    });
    const open: net.Socket[] = [];
    for (let i = 0; i < 12; i++) open.push((await raw()).socket);
    const over = await raw();
    expect(await over.closedEarly).toBe(true); // no CONNECT sent: only the cap can have closed it
    expect(log.find('too many connections from this address').length).toBeGreaterThanOrEqual(1);
    const gone = new Promise((r) => open[0]!.once('close', r));
    open[0]!.destroy();
    await gone;
    // the broker sees the close asynchronously: a new connection is accepted once it has
    let accepted = false;
    for (let i = 0; i < 200 && !accepted; i++) {
      const next = await raw();
      accepted = await Promise.race([next.closedEarly, new Promise<boolean>((r) => setTimeout(() => r(false), 50))]) === false;
      if (accepted) open.push(next.socket);
    }
    expect(accepted).toBe(true);
    await Promise.all(open.slice(1).map((s) => new Promise((r) => { s.once('close', r); s.destroy(); })));
    // leave the address below its cap for the next tests
    for (let i = 0; i < 200; i++) {
      const next = await raw();
      const early = await Promise.race([next.closedEarly, new Promise<boolean>((r) => setTimeout(() => r(false), 20))]);
      next.socket.destroy();
      if (!early) break;
    }
  });
});

describe('MQTT 5', () => {
  it('is refused ("unacceptable protocol version") with a clear log line pointing to an external broker', async () => {
    // aedes 1.x answers with a 3.1.1-format CONNACK, return code 1 (MQTT 5 calls it 0x84 / 132); MQTT.js reports 1.
    expect(await connackError({ clientId: 'M1', username: 'M1', password: 'meter-pass', protocolVersion: 5 })).toBe(1);
    expect(log.find('MQTT 5 CONNECT refused').at(-1)).toMatchObject({ clientId: 'M1' });
    expect(log.find('MQTT 5 CONNECT refused').at(-1)!.msg).toMatch(/external broker/);
    if (haveMosquitto) {
      const r = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-V', 'mqttv5', '-i', 'M2', '-u', 'M2', '-P', 'meter-pass', '-t', meterTopic('M2', 'status'), '-m', 'x']).then(
        () => ({ code: 0, stderr: '' }), (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }));
      expect(r.code).not.toBe(0);
      console.info(`mosquitto_pub -V mqttv5 against the embedded broker: exit ${r.code}: ${r.stderr.trim()}`);
    }
  });
});
