// The whole stack in one process: simulated meters publish over MQTT with their own credentials,
// the gateway validates and stores, the API shows it; and the broker refuses what it must.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { meterTopic } from '../protocols/index.ts';
import { countReadings } from '../gateway/index.ts';
import { simPassword } from '../meter-sim/index.ts';

let s: TestStack;
const fleetSecretOf = (st: TestStack) => st.fleetSecret;

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '3', SIM_INTERVAL: '0.3' });
});
afterAll(async () => {
  await s?.stop();
});

function connect(o: mqtt.IClientOptions): Promise<mqtt.MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(s.mqtt, { reconnectPeriod: 0, connectTimeout: 5000, ...o });
    c.once('connect', () => resolve(c));
    c.once('error', (e) => {
      c.end(true);
      reject(e);
    });
  });
}

describe('telemetry loop end to end', () => {
  it('readings published by simulated meters over MQTT reach the store and the API', async () => {
    const token = await s.adminToken();
    const meters = await eventually(async () => {
      const r = await s.api('/api/v1/meters', { token });
      const ms = r.body.meters as any[];
      return ms.length === 3 && ms.every((m) => m.online && m.latestReading && m.latestReading.seq >= 2) ? ms : null;
    });
    for (const m of meters) {
      expect(m.relay).toMatch(/closed|open/);
      expect(Number.isInteger(m.credit)).toBe(true);
      expect(await countReadings(s.db, m.id)).toBeGreaterThanOrEqual(2);
    }
    // Readings keep changing.
    const first = meters[0];
    await eventually(async () => {
      const r = await s.api(`/api/v1/meters/${first.id}`, { token });
      return r.body.latestReading.seq > first.latestReading.seq;
    });
  });

  it('an API call without a token gets 401 as problem+json', async () => {
    const r = await s.api('/api/v1/meters');
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.title).toBe('Unauthorized');
    const bad = await s.api('/api/v1/meters', { token: 'not-a-session' });
    expect(bad.status).toBe(401);
  });

  it('a subscriber sees only their own meters and gets 404 for others', async () => {
    const demo = s.seeded!.demoSubscriber!;
    const token = await s.login(demo.username, demo.password);
    const mine = await s.api('/api/v1/meters', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.meters.map((m: any) => m.id)).toEqual([s.plan[0]!.id]);
    const other = await s.api(`/api/v1/meters/${s.plan[1]!.id}`, { token });
    expect(other.status).toBe(404);
  });

  it('wrong credentials for a session get 401 and a bad body 400 with the field named', async () => {
    expect((await s.api('/api/v1/sessions', { method: 'POST', json: { username: 'admin', password: 'nope' } })).status).toBe(401);
    const r = await s.api('/api/v1/sessions', { method: 'POST', json: { username: 'admin' } });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('password');
  });
});

async function readSse(url: string, want: (events: { event: string; data: any }[]) => boolean, timeoutMs = 10_000) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const events: { event: string; data: any }[] = [];
  try {
    const res = await fetch(url, { signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buf = '';
    while (!want(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += new TextDecoder().decode(value);
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

describe('live feed', () => {
  it('streams the fleet, then changes, to an operator', async () => {
    const token = await s.adminToken();
    const events = await readSse(`${s.http}/api/v1/live?ticket=${(await s.api('/api/v1/tickets', { method: 'POST', token })).body.ticket}`, (ev) => ev.filter((e) => e.event === 'meters').length >= 2);
    expect(events[0]!.event).toBe('meters');
    expect(events[0]!.data).toHaveLength(3);
    expect(events[1]!.data.length).toBeGreaterThan(0);
  });

  it('gives a subscriber only their own meters, and refuses anonymous listeners', async () => {
    const demo = s.seeded!.demoSubscriber!;
    const token = await s.login(demo.username, demo.password);
    const events = await readSse(`${s.http}/api/v1/live?ticket=${(await s.api('/api/v1/tickets', { method: 'POST', token })).body.ticket}`, (ev) => ev.length >= 2);
    for (const e of events.filter((x) => x.event === 'meters')) expect(e.data.map((m: any) => m.id)).toEqual([s.plan[0]!.id]);
    expect((await s.api('/api/v1/live')).status).toBe(401);
  });
});

describe('broker security', () => {
  it('refuses a meter with a wrong password', async () => {
    const id = s.plan[0]!.id;
    await expect(connect({ clientId: id, username: id, password: 'wrong' })).rejects.toThrow(/Bad username or password|Not authorized/i);
  });

  it('refuses anonymous clients', async () => {
    await expect(connect({ clientId: 'anon-1' })).rejects.toThrow();
  });

  it('refuses a meter publishing under another meter\'s prefix, and changes nothing', async () => {
    const [a, b] = [s.plan[0]!.id, s.plan[1]!.id];
    const c = await connect({ clientId: a, username: a, password: simPassword(fleetSecretOf(s), a) });
    const forged = { v: 1, seq: 999999, ts: Date.now(), register: 1, credit: 1, relay: 'closed' };
    // aedes drops the connection of a client that publishes where it may not.
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.publish(meterTopic(b, 'telemetry'), JSON.stringify(forged), { qos: 1 });
    await closed;
    c.end(true);
    const r = await s.db.query('SELECT 1 FROM readings WHERE meter_id = $1 AND seq = 999999', [b]);
    expect(r.rows).toHaveLength(0);
  });

  it('a meter may subscribe only to its own command topic', async () => {
    const a = s.plan[2]!.id;
    const c = await connect({ clientId: a, username: a, password: simPassword(fleetSecretOf(s), a) });
    const own = await c.subscribeAsync(meterTopic(a, 'commands'), { qos: 1 });
    expect(own[0]!.qos).toBe(1);
    // The broker answers with a SUBACK failure code (0x80), which MQTT.js reports as an error.
    await expect(c.subscribeAsync(meterTopic(s.plan[0]!.id, 'commands'), { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(c.subscribeAsync('raseed/v1/meters/+/telemetry', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(c.subscribeAsync('#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    c.end(true);
  });

  it('a malformed payload is rejected without side effects and the meter stays connected', async () => {
    const a = s.plan[2]!.id;
    // The simulated meter steps aside (its last readings written), so that only this client speaks for the meter.
    await s.fleet!.byId.get(a)!.stop();
    const c = await connect({ clientId: a, username: a, password: simPassword(fleetSecretOf(s), a) });
    await (s.pipeline as { flush?: (ms?: number) => Promise<void> } | null)?.flush?.(10_000);
    const before = await countReadings(s.db, a);
    const rejectedBefore = s.ingest!.stats.rejected.malformed ?? 0;
    await c.publishAsync(meterTopic(a, 'telemetry'), '{"v":1,"seq":"x"', { qos: 1 });
    await c.publishAsync(meterTopic(a, 'telemetry'), JSON.stringify({ v: 1, seq: 1, ts: Date.now(), register: -5, credit: 0, relay: 'closed' }), { qos: 1 });
    expect(c.connected).toBe(true);
    expect(s.ingest!.stats.rejected.malformed).toBe(rejectedBefore + 2);
    await (s.pipeline as { flush?: (ms?: number) => Promise<void> } | null)?.flush?.(10_000);
    expect(await countReadings(s.db, a)).toBe(before);
    c.end(true);
  });
});
