// Per-meter security on an external Mosquitto: Raseed provisions meters into a PRIVATE Mosquitto's dynamic-security
// plugin, and Mosquitto then enforces what the embedded broker does — a meter cannot log in with a wrong password or
// another client id, cannot publish as another meter, cannot read another meter's commands; revocation ends logins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { silentLogger } from '../platform/index.ts';
import { MosquittoDynsec } from '../broker/index.ts';
import { meterTopic } from '../protocols/index.ts';
import { startMosquitto, type PrivateMosquitto } from './support/mosquitto.ts';

const mosq = await startMosquitto({ dynsec: true });

async function tryConnect(url: string, o: mqtt.IClientOptions): Promise<MqttClient | string> {
  return new Promise((resolve) => {
    const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 3000, ...o });
    c.once('connect', () => resolve(c));
    c.once('error', (err) => { c.end(true); resolve(err.message); });
  });
}

describe.skipIf(!mosq)('Mosquitto dynamic security provisioned by Raseed', () => {
  const m = mosq as PrivateMosquitto;
  let ds: MosquittoDynsec;
  const clients: MqttClient[] = [];
  beforeAll(async () => {
    ds = new MosquittoDynsec({ url: m.url, ...m.admin, logger: silentLogger });
    await ds.connect();
    await ds.setup('svc:gateway', 'gw-secret-1');
    await ds.sync([{ meterId: 'mA', password: 'pw-a-123456' }, { meterId: 'mB', password: 'pw-b-123456' }]);
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await ds?.close();
    await m.stop();
  });

  it('refuses a wrong password, an anonymous client and a client id that is not the meter id', async () => {
    expect(typeof (await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'wrong' }))).toBe('string');
    expect(typeof (await tryConnect(m.url, { clientId: 'anon' }))).toBe('string');
    expect(typeof (await tryConnect(m.url, { clientId: 'mB', username: 'mA', password: 'pw-a-123456' }))).toBe('string');
    const ok = await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'pw-a-123456' });
    expect(typeof ok).not.toBe('string');
    (ok as MqttClient).end(true);
  });

  it('lets a meter publish only as itself and read only its own commands; the gateway sees every meter', async () => {
    const gw = (await tryConnect(m.url, { clientId: 'gw1', username: 'svc:gateway', password: 'gw-secret-1', protocolVersion: 5 })) as MqttClient;
    expect(typeof gw).not.toBe('string');
    clients.push(gw);
    const seen: string[] = [];
    gw.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    const g = await gw.subscribeAsync(['$share/g1/raseed/v1/meters/+/telemetry', 'raseed/v1/meters/+/status'], { qos: 1 });
    expect(g.map((x) => x.qos)).toEqual([1, 1]);

    const a = (await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'pw-a-123456', protocolVersion: 5 })) as MqttClient;
    clients.push(a);
    const aCmds: string[] = [];
    a.on('message', (topic) => aCmds.push(topic));
    // Own commands: granted; another meter's commands or a wildcard: refused (reason code >= 0x80).
    expect((await a.subscribeAsync(meterTopic('mA', 'commands'), { qos: 1 }))[0]!.qos).toBe(1);
    await expect(a.subscribeAsync(meterTopic('mB', 'commands'), { qos: 1 })).rejects.toThrow(/not authorized/i);
    await expect(a.subscribeAsync('raseed/v1/meters/#', { qos: 1 })).rejects.toThrow(/not authorized/i);

    await a.publishAsync(meterTopic('mA', 'telemetry'), 'own', { qos: 1 });
    // MQTT 5: Mosquitto answers a publish the ACL refuses with PUBACK "not authorized" (0x87) and drops it.
    await a.publishAsync(meterTopic('mB', 'telemetry'), 'forged', { qos: 1 }).catch(() => undefined);
    await a.publishAsync(meterTopic('mA', 'commands'), 'self-command', { qos: 1 }).catch(() => undefined);
    await gw.publishAsync(meterTopic('mB', 'commands'), 'for-b', { qos: 1 });
    await gw.publishAsync(meterTopic('mA', 'commands'), 'for-a', { qos: 1 });
    await new Promise((r) => setTimeout(r, 300)); // let deliveries drain (not a timing assertion: the positives below are awaited)
    for (let i = 0; i < 50 && !seen.some((s) => s.endsWith(' own')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toContain(`${meterTopic('mA', 'telemetry')} own`);
    expect(seen.some((s) => s.includes('forged'))).toBe(false);
    for (let i = 0; i < 50 && aCmds.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(aCmds).toEqual([meterTopic('mA', 'commands')]);
  });

  it('rotates a password and revokes a meter; sync removes meters that are gone', async () => {
    await ds.provision('mA', 'pw-a-rotated-1');
    expect(typeof (await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'pw-a-123456' }))).toBe('string');
    const ok = await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'pw-a-rotated-1' });
    expect(typeof ok).not.toBe('string');
    (ok as MqttClient).end(true);

    await ds.revoke('mB');
    expect(typeof (await tryConnect(m.url, { clientId: 'mB', username: 'mB', password: 'pw-b-123456' }))).toBe('string');

    const r = await ds.sync([{ meterId: 'mC', password: 'pw-c-123456' }]);
    expect(r.revoked).toBe(1); // mA
    expect((await ds.managedMeters()).sort()).toEqual(['mC']);
    expect(typeof (await tryConnect(m.url, { clientId: 'mA', username: 'mA', password: 'pw-a-rotated-1' }))).toBe('string');
  });
});
