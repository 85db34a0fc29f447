// Firmware to serial meters through `raseed edge`, over real pseudo-terminal pairs (socat): the head end's firmware
// commands (offer, chunks, install) reach the edge over MQTT, which writes them to the meter in IEC 62056-21
// programming mode (registers C.60.x, protocols/iec62056/firmware.ts), chunk by chunk with each chunk's SHA-256. The
// simulated meters carry the two-slot bootloader (meter-sim/firmware.ts): it verifies the whole image's SHA-256 and
// its Ed25519 signature before it switches. A campaign updates three meters while the serial bus is pulled once and
// the edge's link to the broker is cut once (a TCP proxy); the transfer resumes rather than restarts. A forged
// signature and a tampered image are refused by the device, which stays on its version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../platform/index.ts';
import { EdgeAgent } from '../edge/index.ts';
import { createFirmwareModule, type FirmwareApi } from '../modules/firmware/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { SimBootloader, SimMeter, meterNumber, socatAvailable, startSerialMeterSim, type RunningSerialMeterSim } from '../meter-sim/index.ts';
import { encodeFirmwarePackage, generateFirmwareKeys, signFirmware } from '../protocols/index.ts';
import { eventually, startTestStack, type TestStack } from './support/stack.ts';
import { cuttableProxy, type CuttableProxy } from './support/tcp-proxy.ts';

const HAVE_SOCAT = socatAvailable();
if (!HAVE_SOCAT) console.warn('\n\n*** SKIPPED test/edge-firmware-pty.test.ts: socat is not installed (apt-get install -y socat); CI installs it ***\n\n');

const keys = generateFirmwareKeys();
const MODEL = 'RS-S1';
const image = Buffer.from('raseed serial image '.repeat(1300)); // 26 kB: 7 chunks of 4 KiB, 8 blocks each

describe.skipIf(!HAVE_SOCAT)('firmware to serial meters through raseed edge (pty pairs)', () => {
  let s: TestStack;
  let admin: string;
  let agent: EdgeAgent;
  let sim: RunningSerialMeterSim;
  let proxy: CuttableProxy;
  const ids: string[] = [];
  const boots = new Map<string, SimBootloader>();
  const spoolDir = mkdtempSync(join(tmpdir(), 'raseed-edge-fw-'));

  const upload = (file: Buffer) => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(file)]), 'fw.rfw');
    return s.api('/api/v1/firmware', { method: 'POST', token: admin, body: form });
  };
  const campaign = async (firmwareId: number) => {
    const c = await s.api('/api/v1/firmware/campaigns', { method: 'POST', token: admin, json: { firmwareId, target: { model: MODEL }, waves: [{ percent: 100 }], maxFailurePercent: 100 } });
    expect(c.status).toBe(201);
    return eventually(async () => {
      const v = await s.api(`/api/v1/firmware/campaigns/${c.body.id}`, { token: admin });
      return v.body.status === 'completed' || v.body.status === 'paused' ? v.body : null;
    }, 240_000, 250);
  };

  beforeAll(async () => {
    s = await startTestStack({ SIM_METERS: '0' }, { modules: [createFirmwareModule({ publicKeys: [keys.publicPem], sweepMs: 300, commandTtlMs: 120_000 })] });
    admin = await s.adminToken();
    const meters = [];
    for (let i = 0; i < 3; i++) {
      const id = meterNumber(3001 + i, 4);
      ids.push(id);
      await createMeter(s.db, { id, service: 'electricity', transport: 'serial' });
      const boot = new SimBootloader({ model: MODEL, version: '1.0.0', keys: [keys.publicPem] });
      boots.set(id, boot);
      meters.push({ id, address: id, password: '00000000', bootloader: boot, model: new SimMeter({ id, service: 'electricity', profile: { demandAt: () => 1200 }, credit: 50_000 }) });
      expect((await s.api(`/api/v1/meters/${id}/firmware`, { method: 'PUT', token: admin, json: { model: MODEL, version: '1.0.0' } })).status).toBe(200);
    }
    sim = await startSerialMeterSim({ meters });
    const edge = await s.api('/api/v1/edges', { method: 'POST', token: admin, json: { id: 'conc-fw', meters: ids } });
    expect(edge.status).toBe(201);
    proxy = await cuttableProxy(Number(new URL(s.mqtt).port));
    const channel = { ...sim.channelConfig({ pollIntervalMs: 2000, timeoutMs: 2000 }), reconnectMinMs: 50, guardMs: 5 };
    agent = new EdgeAgent({ edgeId: 'conc-fw', password: edge.body.password, mqttUrl: proxy.url, spoolDir, channels: [channel], logger: silentLogger, fsync: 'always' });
    await agent.start();
    await eventually(() => ids.every((id) => s.online.has(id)), 30_000);
  }, 90_000);

  afterAll(async () => {
    await agent?.stop();
    await sim?.stop();
    await proxy?.close();
    await s?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('a campaign updates every meter behind the edge; a pulled bus and a cut link resume the transfer', async () => {
    const up = await upload(encodeFirmwarePackage(signFirmware(image, { model: MODEL, version: '1.1.0' }, keys.privatePem)));
    expect(up.status).toBe(201);
    // Meter 0: the serial bus vanishes right after the meter took chunk 2. Meter 1: the edge's link to the head end is
    // cut (the proxy drops it and refuses reconnects for 2 s) right after the meter took chunk 3.
    const hooks: [string, number, () => Promise<void>][] = [
      [ids[0]!, 2, () => sim.vanish(400, { quiet: false })],
      [ids[1]!, 3, async () => { proxy.cut(); await new Promise((r) => setTimeout(r, 2000)); proxy.restore(); }],
    ];
    const fired: string[] = [];
    for (const [id, index, act] of hooks) {
      const boot = boots.get(id)!;
      const orig = boot.handleCommand.bind(boot);
      boot.handleCommand = (cmd, now) => {
        const ack = orig(cmd, now);
        if (!fired.includes(id) && cmd.type === 'firmwareChunk' && (cmd as { index?: number }).index === index) {
          fired.push(id);
          void act();
        }
        return ack;
      };
    }
    const done = await campaign(up.body.id);
    expect(done.status, JSON.stringify(done)).toBe('completed');
    expect(done.counts.updated).toBe(3);
    expect(fired.sort()).toEqual([ids[0], ids[1]].sort());
    expect(proxy.accepted).toBeGreaterThan(1); // the edge really lost its connection and came back
    for (const [id, boot] of boots) {
      expect(boot.version, id).toBe('1.1.0');
      // Resumed, not restarted: at most one chunk came twice per interruption.
      expect(boot.bytesReceived).toBeGreaterThanOrEqual(image.length);
      expect(boot.bytesReceived).toBeLessThanOrEqual(image.length + 2 * 4096);
      expect((await s.api(`/api/v1/meters/${id}/firmware`, { token: admin })).body.version).toBe('1.1.0');
    }
    // The meters kept being read through all of it.
    const r = await s.db.query<{ n: string }>('SELECT count(*) AS n FROM readings WHERE meter_id = ANY($1::text[])', [ids]);
    expect(Number(r.rows[0]!.n)).toBeGreaterThan(3);
  }, 300_000);

  it('the device refuses a forged signature and a tampered image, and stays on its version', async () => {
    const up = await upload(encodeFirmwarePackage(signFirmware(image.subarray(0, 9000), { model: MODEL, version: '1.2.0' }, keys.privatePem)));
    expect(up.status).toBe(201);
    const fw = s.modules.firmware!.api as FirmwareApi;
    const pkg = (await fw.firmware.load(up.body.id))!;
    // A signature by another key over the same manifest: the offer is refused by the meter itself.
    const good = pkg.signature;
    pkg.signature = signFirmware(image.subarray(0, 9000), { model: MODEL, version: '1.2.0' }, generateFirmwareKeys().privatePem).signature;
    const offer = await s.commands.issue(ids[2]!, { type: 'firmware', firmwareId: up.body.id }, { issuer: 'test' });
    const refused = await eventually(async () => {
      const r = await s.commands.get(offer.reference);
      return r && r.status !== 'pending' && r.status !== 'sent' ? r : null;
    }, 60_000);
    expect(refused).toMatchObject({ status: 'rejected', result: 'bad_signature' });
    pkg.signature = good;
    // The image changed after signing (the store or the path corrupted it): every chunk carries its own SHA-256, so
    // the chunks pass, but the meter checks the whole image against the signed manifest before it switches.
    pkg.image = Buffer.from(pkg.image);
    pkg.image[5000] ^= 0x01;
    const done = await campaign(up.body.id);
    expect(done.counts.updated).toBe(0);
    expect(done.counts.failed).toBe(3);
    expect(done.failures.map((f: { reason: string }) => f.reason).join(' ')).toMatch(/hash_mismatch/);
    for (const boot of boots.values()) {
      expect(boot.version).toBe('1.1.0');
      expect(boot.lastFailure).toBe('hash_mismatch');
    }
  }, 300_000);
});
