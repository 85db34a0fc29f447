// Firmware over the real stack: the API takes signed packages (multipart field `file`) and refuses unsigned,
// wrongly signed and tampered ones; a campaign updates MQTT meters through the embedded broker; a meter whose
// connection drops in the middle of a transfer resumes from the last chunk (bytes counted); the broker lets an
// edge identity publish and subscribe for exactly its meters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { createFirmwareModule } from '../modules/firmware/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { hashMachineSecret } from '../platform/index.ts';
import { MqttMeter, SimBootloader, SimMeter, residentialElectricity } from '../meter-sim/index.ts';
import { encodeFirmwarePackage, generateFirmwareKeys, meterTopic, signFirmware } from '../protocols/index.ts';

const keys = generateFirmwareKeys();
const MODEL = 'RS-E2';
let s: TestStack;
let admin: string;
const meters: MqttMeter[] = [];
const boots = new Map<string, SimBootloader>();
const image = Buffer.from('raseed e2e image '.repeat(1500)); // 25.5 kB: 7 chunks of 4 KiB

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '0' }, { modules: [createFirmwareModule({ publicKeys: [keys.publicPem], sweepMs: 200 })] });
  admin = await s.adminToken();
  for (let i = 0; i < 4; i++) {
    const id = `FW${i}`;
    await createMeter(s.db, { id, service: 'electricity', mqttPasswordHash: hashMachineSecret(`pw-${id}`) });
    const boot = new SimBootloader({ model: MODEL, version: '2.0.0', keys: [keys.publicPem] });
    boots.set(id, boot);
    const m = new MqttMeter(new SimMeter({ id, service: 'electricity', profile: residentialElectricity(i), credit: 100_000 }), { brokerUrl: s.mqtt, password: `pw-${id}`, intervalMs: 60_000, bootloader: boot });
    await m.start();
    meters.push(m);
    const r = await s.api(`/api/v1/meters/${id}/firmware`, { method: 'PUT', token: admin, json: { model: MODEL, version: '2.0.0' } });
    expect(r.status).toBe(200);
  }
  await eventually(() => meters.every((m) => s.online.has(m.meter.id)));
}, 60_000);
afterAll(async () => {
  for (const m of meters) await m.stop();
  await s?.stop();
});

function upload(file: Buffer) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file)]), 'fw.rfw');
  return s.api('/api/v1/firmware', { method: 'POST', token: admin, body: form });
}

describe('firmware API and MQTT transfer', () => {
  it('refuses unsigned, wrongly signed and tampered packages with 400, and stores a signed one', async () => {
    expect((await upload(image)).status).toBe(400);
    const stranger = await upload(encodeFirmwarePackage(signFirmware(image, { model: MODEL, version: '2.1.0' }, generateFirmwareKeys().privatePem)));
    expect(stranger.status).toBe(400);
    expect(stranger.body.detail).toMatch(/not a trusted firmware key/);
    const good = encodeFirmwarePackage(signFirmware(image, { model: MODEL, version: '2.1.0' }, keys.privatePem));
    const bad = Buffer.from(good);
    bad[bad.length - 100] ^= 0x20;
    const tampered = await upload(bad);
    expect(tampered.status).toBe(400);
    expect(tampered.body.detail).toMatch(/SHA-256/);
    const ok = await upload(good);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ model: MODEL, version: '2.1.0', size: image.length });
    expect((await upload(good)).status).toBe(409);
    const viewer = await s.api('/api/v1/firmware', { token: admin });
    expect(viewer.body.packages).toHaveLength(1);
  });

  it('a campaign updates every meter over MQTT; a dropped connection resumes from the last chunk', async () => {
    const pkgs = (await s.api('/api/v1/firmware', { token: admin })).body.packages;
    const first = meters[0]!;
    const boot = boots.get(first.meter.id)!;
    const orig = boot.handleCommand.bind(boot);
    let dropped = false;
    boot.handleCommand = (cmd, now) => {
      const ack = orig(cmd, now);
      if (!dropped && cmd.type === 'firmwareChunk' && (cmd as { index?: number }).index === 2) {
        dropped = true;
        // The link dies before the ack goes out: the head end never hears about chunk 2.
        void first.stop(false).then(() => new Promise((r) => setTimeout(r, 300))).then(() => first.start());
      }
      return ack;
    };
    const c = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token: admin, json: { firmwareId: pkgs[0].id, target: { model: MODEL }, waves: [{ percent: 25 }, { percent: 100 }], maxFailurePercent: 10 } });
    expect(c.status).toBe(201);
    const done = await eventually(async () => {
      const v = await s.api(`/api/v1/firmware/campaigns/${c.body.id}`, { token: admin });
      return v.body.status === 'completed' ? v.body : null;
    }, 60_000, 200);
    expect(done.counts.updated).toBe(4);
    expect(dropped).toBe(true);
    for (const b of boots.values()) expect(b.version).toBe('2.1.0');
    // Resumed, not restarted: at most the one chunk whose ack was lost came twice.
    expect(boot.bytesReceived).toBeGreaterThanOrEqual(image.length);
    expect(boot.bytesReceived).toBeLessThanOrEqual(image.length + 4096);
    const inv = await s.api(`/api/v1/meters/${first.meter.id}/firmware`, { token: admin });
    expect(inv.body.version).toBe('2.1.0');
    const audit = await s.api('/api/v1/audit?action=firmware.', { token: admin });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['firmware.upload', 'firmware.campaign.create', 'firmware.campaign.complete']));
  }, 90_000);

  it('bad campaign input is a 400, never a 500', async () => {
    for (const body of [{}, { firmwareId: 1, target: { model: MODEL }, waves: [{ percent: 50 }], maxFailurePercent: 5 }, { firmwareId: 999, target: { model: MODEL }, waves: [{ percent: 100 }], maxFailurePercent: 5 }]) {
      const r = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token: admin, json: body });
      expect([400, 404]).toContain(r.status);
    }
  });
});

describe('edge identities in the broker', () => {
  it('an edge publishes and receives commands for exactly its meters', async () => {
    for (const id of ['EDG1', 'EDG2', 'OTHER1']) await createMeter(s.db, { id, service: 'electricity', transport: 'serial' });
    const r = await s.api('/api/v1/edges', { method: 'POST', token: admin, json: { id: 'conc-1', meters: ['EDG1', 'EDG2'] } });
    expect(r.status).toBe(201);
    const { username, password } = r.body;
    expect((await mqtt.connectAsync(s.mqtt, { clientId: 'not-me', username, password, reconnectPeriod: 0 }).then((c) => c.endAsync().then(() => 'ok'), () => 'refused'))).toBe('refused');
    expect((await mqtt.connectAsync(s.mqtt, { clientId: username, username, password: 'wrong', reconnectPeriod: 0 }).then((c) => c.endAsync().then(() => 'ok'), () => 'refused'))).toBe('refused');
    const c = await mqtt.connectAsync(s.mqtt, { clientId: username, username, password, reconnectPeriod: 0 });
    try {
      // MQTT.js rejects a SUBACK with a failure code: 128 stands for it here.
      const sub = (t: string) => c.subscribeAsync(t, { qos: 1 }).then((g) => g[0]!.qos, () => 128);
      expect([await sub(meterTopic('EDG1', 'commands')), await sub(meterTopic('OTHER1', 'commands')), await sub('raseed/v1/meters/+/commands')]).toEqual([1, 128, 128]);
      const reading = (seq: number) => JSON.stringify({ v: 1, seq, ts: Date.now(), register: 1000 + seq, credit: 5000, relay: 'closed' });
      await c.publishAsync(meterTopic('EDG1', 'telemetry'), reading(1), { qos: 1 });
      // A refused QoS 1 publish gets no PUBACK from aedes: the client waits, so do not await it.
      void c.publishAsync(meterTopic('OTHER1', 'telemetry'), reading(1), { qos: 1 }).catch(() => {});
      await eventually(async () => (await s.db.query('SELECT 1 FROM readings WHERE meter_id = $1', ['EDG1'])).rows.length === 1);
      expect((await s.db.query('SELECT 1 FROM readings WHERE meter_id = $1', ['OTHER1'])).rows).toHaveLength(0);
      // Reassigned away: the live set changes at once.
      await s.api('/api/v1/edges/conc-1/meters', { method: 'PUT', token: admin, json: { meters: ['EDG2'] } });
      expect(await sub(meterTopic('EDG1', 'commands'))).toBe(128);
      const cfg = await fetch(`${s.http}/api/v1/edge/config`, { headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } });
      expect(cfg.status).toBe(200);
      expect(await cfg.json()).toMatchObject({ edgeId: 'conc-1', meters: ['EDG2'] });
      expect((await fetch(`${s.http}/api/v1/edge/config`, { headers: { authorization: `Basic ${Buffer.from(`${username}:nope`).toString('base64')}` } })).status).toBe(401);
    } finally {
      await c.endAsync(true); // forced: the refused QoS 1 publish is still in flight
    }
  }, 30_000);
});
