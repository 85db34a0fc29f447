// A firmware campaign over MQTT at fleet scale, on the real stack: the embedded broker, 200 simulated meters of the
// meter-sim fleet (each logging in with its own credentials, each with a two-slot bootloader), the gateway publishing
// offers, chunks and installs on each meter's command topic and the meters acknowledging on their acks topic.
// - A signed image goes to all 200 in a 10 % first wave, then the rest; every meter reports the new version in its
//   telemetry and GET /api/v1/meters/:id/firmware shows it; no relay moves.
// - One meter's connection is cut by the broker in the middle of its transfer: it resumes from the last good chunk.
//   The bytes the gateway published to that meter are counted on the broker: one image plus at most one chunk.
// - A second campaign with an image that fails its self-test pauses itself past maxFailurePercent; the first wave's
//   meters are back on the old version (bootloader and reported telemetry) with supply untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AedesPublishPacket, Client } from 'aedes';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { createFirmwareModule } from '../modules/firmware/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { hashMachineSecret } from '../platform/index.ts';
import { SELFTEST_FAIL_MARKER, SimBootloader, planFleet, simPassword, startFleet, type RunningFleet } from '../meter-sim/index.ts';
import { encodeFirmwarePackage, generateFirmwareKeys, parseMeterTopic, signFirmware } from '../protocols/index.ts';

const N = 200;
const MODEL = 'RS-E1';
const CHUNK = 2048;
const keys = generateFirmwareKeys();
const image = (version: string, broken = false) => Buffer.from(`raseed fleet image ${version} `.repeat(260).slice(0, 6000) + (broken ? SELFTEST_FAIL_MARKER : ''));
const SIZE = image('1.1.0').length; // 6000 bytes: 3 chunks of 2 KiB

let s: TestStack;
let admin: string;
let fleet: RunningFleet;
const boots = new Map<string, SimBootloader>();
/** Image bytes the gateway published to each meter in firmwareChunk commands (decoded), counted on the broker. */
const chunkBytes = new Map<string, number>();
let cutMeter: string | null = null;
/** Sessions the broker opened per client id (a meter cut and back has two). */
const sessions = new Map<string, number>();

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '0' }, { modules: [createFirmwareModule({ publicKeys: [keys.publicPem], sweepMs: 250 })] });
  admin = await s.adminToken();
  // The fleet plan (areas, services, names), every meter with enough credit that no relay opens on its own during the test.
  const plan = planFleet(N, 19).map((p) => ({ ...p, credit: p.service === 'electricity' ? 80_000 : 20_000 }));
  // Registered through the registry's own writer, in one transaction (200 separate ones cost seconds on PGlite).
  await s.db.transaction(async (tx) => {
    for (const p of plan) {
      await createMeter(tx, {
        id: p.id, service: p.service, area: p.area, transport: 'mqtt', status: 'active', model: MODEL, mqttPasswordHash: hashMachineSecret(simPassword(s.fleetSecret, p.id)),
      });
    }
  });
  s.broker!.aedes.on('client', (c: Client) => sessions.set(c.id, (sessions.get(c.id) ?? 0) + 1));
  s.broker!.aedes.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
    const t = client ? null : parseMeterTopic(packet.topic); // client null: published by the gateway inside the broker
    if (t?.kind !== 'commands') return;
    const cmd = JSON.parse(packet.payload.toString()) as { type?: string; data?: string };
    if (cmd.type === 'firmwareChunk' && cmd.data) chunkBytes.set(t.meterId, (chunkBytes.get(t.meterId) ?? 0) + Buffer.from(cmd.data, 'base64').length);
  });
  fleet = await startFleet(plan, {
    brokerUrl: s.mqtt,
    fleetSecret: s.fleetSecret,
    intervalMs: 4000,
    bootloaderFor: (p) => {
      const boot = new SimBootloader({ model: MODEL, version: '1.0.0', keys: [keys.publicPem] });
      boots.set(p.id, boot);
      // The first meter to take chunk 1 loses its connection right then (the broker drops it before its ack goes out).
      const handle = boot.handleCommand.bind(boot);
      boot.handleCommand = (cmd, now) => {
        const ack = handle(cmd, now);
        if (cutMeter === null && cmd.type === 'firmwareChunk' && (cmd as { index?: number }).index === 1) {
          cutMeter = p.id;
          expect(s.broker!.disconnect(p.id)).toBe(true);
        }
        return ack;
      };
      return boot;
    },
  });
  // Nobody typed an inventory in: the meters' telemetry reports what they run.
  await eventually(async () => Number((await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM meter_firmware WHERE version = '1.0.0'`)).rows[0]!.n) === N, 60_000, 250);
}, 120_000);

afterAll(async () => {
  await fleet?.stop();
  await s?.stop();
});

async function upload(version: string, broken = false): Promise<number> {
  const pkg = encodeFirmwarePackage(signFirmware(image(version, broken), { model: MODEL, version, chunkSize: CHUNK }, keys.privatePem));
  const r = await s.api('/api/v1/firmware', { method: 'POST', token: admin, body: new Uint8Array(pkg), headers: { 'content-type': 'application/octet-stream' } });
  expect(r.status).toBe(201);
  return r.body.id as number;
}

async function campaign(id: number) {
  return (await s.api(`/api/v1/firmware/campaigns/${id}`, { token: admin })).body;
}

describe('a firmware campaign over MQTT at 200 meters', () => {
  it('updates all 200 in a 10 % wave then the rest; a meter cut mid-transfer resumes from the last chunk; supply untouched', async () => {
    const relays = new Map(fleet.meters.map((m) => [m.meter.id, m.meter.state.relay]));
    const firmwareId = await upload('1.1.0');
    const body = { firmwareId, target: { model: MODEL }, waves: [{ percent: 10 }, { percent: 100 }], maxFailurePercent: 5 };
    const preview = await s.api('/api/v1/firmware/campaigns/preview', { method: 'POST', token: admin, json: body });
    expect(preview.body).toMatchObject({ meters: N, alreadyCurrent: 0, waves: [{ percent: 10, meters: 20 }, { percent: 100, meters: 180 }] });
    const c = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token: admin, json: body });
    expect(c.status).toBe(201);
    expect(c.body.total).toBe(N);
    expect(c.body.waves.map((w: { meters: number }) => w.meters)).toEqual([20, 180]);

    // The second wave waits for the first: while wave 1 is unfinished, wave 2's meters are all pending.
    const early = await campaign(c.body.id);
    if (early.currentWave === 0) expect(early.waves[1].counts.pending).toBe(180);

    const done = await eventually(async () => {
      const v = await campaign(c.body.id);
      return v.status === 'completed' ? v : null;
    }, 120_000, 250);
    expect(done.counts.updated).toBe(N);
    expect(done.waves.map((w: { counts: { updated: number } }) => w.counts.updated)).toEqual([20, 180]);
    expect(done.failures).toEqual([]);
    for (const b of boots.values()) expect(b.version).toBe('1.1.0');

    // The cut: the meter went offline and came back, and the transfer went on from the chunk it had.
    expect(cutMeter).not.toBeNull();
    const cut = cutMeter!;
    expect(sessions.get(cut)).toBe(2); // its connection really went, and it logged in again
    expect(boots.get(cut)!.bytesReceived).toBe(SIZE); // the device took every chunk once
    const sent = chunkBytes.get(cut)!;
    expect(sent).toBeGreaterThanOrEqual(SIZE);
    expect(sent).toBeLessThanOrEqual(SIZE + CHUNK); // one image and at most the chunk whose ack was lost, not two images
    // The whole fleet: one image each (a retry after a slow ack may add a chunk here and there, never a restart).
    for (const [id, b] of chunkBytes) {
      expect(b, id).toBeGreaterThanOrEqual(SIZE);
      expect(b, id).toBeLessThan(2 * SIZE);
    }
    expect(chunkBytes.size).toBe(N);

    // Every meter reports 1.1.0 in its telemetry, and the API shows it.
    await eventually(async () => Number((await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM meter_firmware WHERE version = '1.1.0'`)).rows[0]!.n) === N, 30_000, 250);
    for (const id of [cut, fleet.meters[0]!.meter.id, fleet.meters[N - 1]!.meter.id]) {
      const r = await s.api(`/api/v1/meters/${id}/firmware`, { token: admin });
      expect(r.body).toMatchObject({ meterId: id, model: MODEL, version: '1.1.0' });
      // The meter view (the registry's GET /api/v1/meters/:id) carries the reported version with the latest state.
      await eventually(async () => (await s.api(`/api/v1/meters/${id}`, { token: admin })).body.firmwareVersion === '1.1.0', 30_000, 250);
    }
    // Supply untouched: the meters' relays and the head end's view of them.
    for (const m of fleet.meters) expect(m.meter.state.relay, m.meter.id).toBe(relays.get(m.meter.id));
    const open = await s.db.query(`SELECT meter_id FROM meter_state WHERE relay IS DISTINCT FROM 'closed'`);
    expect(open.rows).toEqual([]);
  }, 180_000);

  it('a broken image pauses the campaign past the threshold; the failed meters run the old version again, supply untouched', async () => {
    const firmwareId = await upload('1.2.0', true);
    const c = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token: admin, json: { firmwareId, target: { model: MODEL }, waves: [{ percent: 10 }, { percent: 100 }], maxFailurePercent: 5 } });
    expect(c.status).toBe(201);
    const v = await eventually(async () => {
      const x = await campaign(c.body.id);
      return x.status === 'paused' && x.counts.downloading + x.counts.downloaded + x.counts.updating === 0 ? x : null;
    }, 90_000, 250);
    expect(v.pauseCode).toBe('failure_threshold');
    expect(v.pauseReason).toMatch(/failure threshold crossed: \d+ of 20 meters/);
    expect(v.counts.rolled_back).toBe(20); // the whole first wave tried (all were in flight when the threshold was crossed)
    expect(v.counts.pending).toBe(180); // the second wave never opened
    expect(v.failures).toHaveLength(20);
    for (const f of v.failures) {
      expect(f.code).toBe('rolled_back');
      expect(f.reason).toMatch(/self-test of 1\.2\.0 failed/);
      expect(boots.get(f.meterId)!.version).toBe('1.1.0');
      expect(fleet.byId.get(f.meterId)!.meter.state.relay).toBe('closed');
    }
    // The head end sees the rollback in the meters' telemetry too.
    const failed = v.failures.map((f: { meterId: string }) => f.meterId);
    await eventually(async () => {
      const r = await s.db.query<{ version: string; reported_at_ms: string }>('SELECT version, reported_at_ms FROM meter_firmware WHERE meter_id = ANY($1::text[])', [failed]);
      return r.rows.length === 20 && r.rows.every((x) => x.version === '1.1.0');
    }, 30_000, 250);
    const one = await s.api(`/api/v1/meters/${failed[0]}`, { token: admin });
    expect(one.body.relay).toBe('closed');
    // The self-pause is in the audit log, by the system.
    const audit = await s.api('/api/v1/audit?action=firmware.campaign.pause', { token: admin });
    expect(audit.body.entries.some((e: { actor: string; target: string }) => e.actor === 'system:firmware' && e.target === String(c.body.id))).toBe(true);
  }, 120_000);
});
