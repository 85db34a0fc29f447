// Firmware campaigns end to end over the real command lifecycle and store (PGlite), with simulated meters whose
// bootloaders answer in-process: a signed package installs everywhere in waves, a broken image pauses the campaign
// after the threshold with the failed meters back on their old version and supply untouched, a connection cut
// mid-transfer resumes from the last chunk (bytes counted), a bad chunk is sent again, meters without supply wait.
import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox, openStore, silentLogger, type Db } from '../../platform/index.ts';
import { CommandService, type CommandTransport } from '../../gateway/index.ts';
import { SimBootloader, SimMeter, residentialElectricity, SELFTEST_FAIL_MARKER } from '../../meter-sim/index.ts';
import { CommandEnvelope, chunkCount, chunkOf, encodeFirmwarePackage, generateFirmwareKeys, sha256Hex, signFirmware } from '../../protocols/index.ts';
import { allMigrations } from '../../app/index.ts';
import { createMeter } from '../registry/index.ts';
import { createAuditWriter } from '../audit/index.ts';
import { FirmwareService } from './service.ts';
import { firmwareCommandKinds, type PackageCache } from './kinds.ts';
import { eventually } from '../../test/support/stack.ts';

const keys = generateFirmwareKeys();
const admin = { actor: 'admin', actorRole: 'admin', actorId: 1, ip: null };
const MODEL = 'RS-E1';

interface Device {
  boot: SimBootloader;
  meter: SimMeter;
  /** While true the device's link is down: commands sent to it are lost. */
  cut: boolean;
}

interface Rig {
  db: Db;
  commands: CommandService;
  fw: FirmwareService;
  devices: Map<string, Device>;
  clock: { t: number };
  /** Chunk payloads to corrupt once, by meter. */
  corrupt: Set<string>;
  ids: string[];
}

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.commands.stop();
  await rig?.db.close();
  rig = null;
});

async function start(n: number, o: { relayOpen?: string[] } = {}): Promise<Rig> {
  const db = await openStore({ migrations: allMigrations() });
  const clock = { t: Date.parse('2026-11-29T09:00:00Z') };
  const devices = new Map<string, Device>();
  const corrupt = new Set<string>();
  const ids: string[] = [];
  const late: { commands?: CommandService } = {};
  const transport: CommandTransport = {
    async send(meterId, env) {
      const d = devices.get(meterId);
      if (!d || d.cut) return; // lost on the way, as on a dropped connection
      const wire = JSON.parse(JSON.stringify(env)) as Record<string, unknown>;
      if (wire.type === 'firmwareChunk' && corrupt.delete(meterId)) wire.data = Buffer.from('garbage').toString('base64');
      setImmediate(() => {
        const ack = d.boot.handleCommand(CommandEnvelope.parse(wire), clock.t);
        void late.commands!.onAck(meterId, ack);
      });
    },
  };
  const commands = new CommandService({ db, box: SecretBox.random(), transport, logger: silentLogger, now: () => clock.t, meterExists: async () => true });
  late.commands = commands;
  const cache: PackageCache = new Map();
  for (const k of firmwareCommandKinds(cache)) commands.register(k);
  const fw = new FirmwareService({ db, commands, logger: silentLogger, audit: createAuditWriter(db, () => clock.t), cache, publicKeys: [keys.publicPem], now: () => clock.t });
  commands.on('finished', (rec) => void fw.onCommandFinished(rec));
  for (let i = 0; i < n; i++) {
    const id = `E${String(i).padStart(5, '0')}`;
    ids.push(id);
    await createMeter(db, { id, service: 'electricity' });
    const meter = new SimMeter({ id, service: 'electricity', profile: residentialElectricity(i), credit: 50_000, now: clock.t });
    devices.set(id, { boot: new SimBootloader({ model: MODEL, version: '1.0.0', keys: [keys.publicPem] }), meter, cut: false });
    await fw.recordInventory(id, MODEL, '1.0.0');
    const relay = o.relayOpen?.includes(id) ? 'open' : 'closed';
    await db.query('INSERT INTO meter_state (meter_id, relay, credit) VALUES ($1, $2, $3)', [id, relay, 50_000]);
  }
  rig = { db, commands, fw, devices, clock, corrupt, ids };
  return rig;
}

function image(version: string, broken = false): Buffer {
  return Buffer.from(`firmware ${version} `.repeat(300) + (broken ? SELFTEST_FAIL_MARKER : ''));
}

async function upload(fw: FirmwareService, version: string, broken = false) {
  return fw.upload(encodeFirmwarePackage(signFirmware(image(version, broken), { model: MODEL, version, chunkSize: 1024 }, keys.privatePem)), admin);
}

describe('firmware campaigns', () => {
  // 200 meters over MQTT, with the broker and a connection cut: test/firmware-fleet-e2e.test.ts. Here, in-process, 60.
  it('a signed package reaches 60 meters in a 10 % wave then the rest; relays and credit untouched', async () => {
    const r = await start(60);
    const relayBefore = [...r.devices.values()].map((d) => d.meter.state.relay);
    const pkg = await upload(r.fw, '1.1.0');
    const c = await r.fw.createCampaign({ firmwareId: pkg.id, target: { model: MODEL }, waves: [{ percent: 10 }, { percent: 100 }], maxFailurePercent: 5 }, admin);
    expect(c.total).toBe(60);
    expect(c.waves[0]!.meters).toBe(6);
    const done = await eventually(async () => {
      const v = await r.fw.view(c.id);
      return v?.status === 'completed' ? v : null;
    }, 120_000, 50);
    expect(done.counts.updated).toBe(60);
    expect([...r.devices.values()].every((d) => d.boot.version === '1.1.0')).toBe(true);
    expect([...r.devices.values()].map((d) => d.meter.state.relay)).toEqual(relayBefore);
    expect(await r.fw.inventory('E00007')).toMatchObject({ version: '1.1.0' });
    // Every byte went once: no chunk was sent twice.
    const size = image('1.1.0').length;
    expect([...r.devices.values()].every((d) => d.boot.bytesReceived === size)).toBe(true);
  }, 180_000);

  it('a broken image pauses the campaign after the threshold; failed meters are back on the old version with supply untouched', async () => {
    const r = await start(40);
    const pkg = await upload(r.fw, '1.1.0', true);
    const c = await r.fw.createCampaign({ firmwareId: pkg.id, target: { model: MODEL }, waves: [{ percent: 10 }, { percent: 100 }], maxFailurePercent: 5 }, admin);
    const v = await eventually(async () => {
      const x = await r.fw.view(c.id);
      return x?.status === 'paused' && x.counts.downloading + x.counts.updating + x.counts.downloaded === 0 ? x : null;
    }, 60_000, 50);
    expect(v.pauseReason).toMatch(/failure threshold/);
    expect(v.currentWave).toBe(0);
    expect(v.counts.rolled_back).toBe(4); // the whole first wave (10 % of 40) tried, and rolled back by itself
    expect(v.counts.pending).toBe(36); // the second wave never opened
    expect(v.failures[0]!.reason).toMatch(/self-test/);
    for (const f of v.failures) {
      const d = r.devices.get(f.meterId)!;
      expect(d.boot.version).toBe('1.0.0');
      expect(d.meter.state.relay).toBe('closed');
    }
    // Resume keeps it paused at once: the failures are still over the threshold.
    const again = await r.fw.resume(c.id, admin);
    expect(again.status).toBe('paused');
  }, 90_000);

  it('a connection cut in the middle of a transfer resumes from the last chunk (bytes counted); a bad chunk is sent again', async () => {
    const r = await start(2);
    const [a, b] = r.ids as [string, string];
    const devA = r.devices.get(a)!;
    r.corrupt.add(b);
    // Cut meter A's link once it holds its second chunk.
    const orig = devA.boot.handleCommand.bind(devA.boot);
    devA.boot.handleCommand = (cmd, now) => {
      const ack = orig(cmd, now);
      if (cmd.type === 'firmwareChunk' && (cmd as { index?: number }).index === 1) devA.cut = true;
      return ack;
    };
    const pkg = await upload(r.fw, '1.1.0');
    const size = image('1.1.0').length;
    const c = await r.fw.createCampaign({ firmwareId: pkg.id, target: { model: MODEL }, waves: [{ percent: 100 }], maxFailurePercent: 50 }, admin);
    await eventually(async () => devA.cut && (await r.fw.view(c.id))!.counts.updated === 1, 20_000, 20);
    expect(devA.boot.bytesReceived).toBe(2048);
    // The link comes back: what was outstanding is delivered again, and the download goes on from chunk 2.
    devA.cut = false;
    r.clock.t += 60_000;
    await r.commands.onOnline(a);
    const v = await eventually(async () => {
      const x = await r.fw.view(c.id);
      return x?.status === 'completed' ? x : null;
    }, 20_000, 20);
    expect(v.counts.updated).toBe(2);
    expect(devA.boot.bytesReceived).toBe(size);
    expect(devA.boot.version).toBe('1.1.0');
    // B got one garbage chunk, refused by its checksum, and the real one after.
    expect(r.devices.get(b)!.boot.version).toBe('1.1.0');
  }, 60_000);

  it('meters without supply or below the credit margin wait; unsigned and tampered uploads are refused', async () => {
    const r = await start(3, { relayOpen: ['E00001'] });
    await r.db.query('UPDATE meter_state SET credit = 10 WHERE meter_id = $1', ['E00002']);
    const pkg = await upload(r.fw, '1.1.0');
    const c = await r.fw.createCampaign({ firmwareId: pkg.id, target: { model: MODEL }, waves: [{ percent: 100 }], maxFailurePercent: 50, minCredit: 1000 }, admin);
    const v = await eventually(async () => {
      const x = await r.fw.view(c.id);
      return x && x.counts.updated === 1 ? x : null;
    }, 20_000, 20);
    expect(v.status).toBe('running');
    expect(v.waiting.map((w) => w.meterId).sort()).toEqual(['E00001', 'E00002']);
    expect(v.waiting.find((w) => w.meterId === 'E00001')!.reason).toMatch(/supply is cut/);
    expect(r.devices.get('E00001')!.boot.version).toBe('1.0.0');

    const good = encodeFirmwarePackage(signFirmware(image('1.2.0'), { model: MODEL, version: '1.2.0' }, keys.privatePem));
    const tampered = Buffer.from(good);
    tampered[tampered.length - 10] ^= 0xff;
    await expect(r.fw.upload(tampered, admin)).rejects.toMatchObject({ kind: 'invalid', code: 'firmware_hash_mismatch' });
    const stranger = encodeFirmwarePackage(signFirmware(image('1.2.0'), { model: MODEL, version: '1.2.0' }, generateFirmwareKeys().privatePem));
    await expect(r.fw.upload(stranger, admin)).rejects.toMatchObject({ kind: 'invalid', code: 'firmware_unknown_key' });
    await expect(r.fw.upload(image('1.2.0'), admin)).rejects.toMatchObject({ kind: 'invalid', code: 'firmware_malformed' });
  }, 60_000);
});

describe('the switch to new firmware', () => {
  it('waits with a downloaded image while the supply is cut, and installs once it is back', async () => {
    const r = await start(1);
    const id = r.ids[0]!;
    const dev = r.devices.get(id)!;
    const orig = dev.boot.handleCommand.bind(dev.boot);
    let cutDone = false;
    dev.boot.handleCommand = (cmd, now) => {
      const ack = orig(cmd, now);
      // The supply is cut (for non-payment, say) while the last chunk arrives.
      if (!cutDone && cmd.type === 'firmwareChunk' && ack.detail === 'have=5') {
        cutDone = true;
        void r.db.query(`UPDATE meter_state SET relay = 'open' WHERE meter_id = $1`, [id]);
      }
      return ack;
    };
    const pkg = await upload(r.fw, '1.1.0');
    const c = await r.fw.createCampaign({ firmwareId: pkg.id, target: { model: MODEL }, waves: [{ percent: 100 }], maxFailurePercent: 0 }, admin);
    const held = await eventually(async () => {
      const v = await r.fw.view(c.id);
      return v && v.counts.downloaded === 1 && v.waiting.length === 1 ? v : null;
    }, 20_000, 20);
    expect(held.waiting[0]!.reason).toMatch(/supply is cut/);
    expect(dev.boot.version).toBe('1.0.0');
    await r.db.query(`UPDATE meter_state SET relay = 'closed' WHERE meter_id = $1`, [id]);
    await r.fw.tick(c.id);
    const v = await eventually(async () => {
      const x = await r.fw.view(c.id);
      return x?.status === 'completed' ? x : null;
    }, 20_000, 20);
    expect(v.counts.updated).toBe(1);
    expect(dev.boot.version).toBe('1.1.0');
  }, 60_000);
});

describe('the version meters report in their telemetry', () => {
  it('updates the inventory when it changes, never from a reading older than the last record, and adds meters the registry names a model for', async () => {
    const r = await start(1);
    const id = r.ids[0]!;
    const t = r.clock.t; // recordInventory in start() stamped 1.0.0 at t
    expect(await r.fw.recordReported(id, '1.1.0', t - 1000)).toBe(false); // sent before the record: changes nothing
    expect(await r.fw.inventory(id)).toMatchObject({ version: '1.0.0' });
    expect(await r.fw.recordReported(id, '1.1.0', t + 1000)).toBe(true);
    expect(await r.fw.inventory(id)).toMatchObject({ model: MODEL, version: '1.1.0', reportedAt: t + 1000 });
    expect(await r.fw.recordReported(id, '1.1.0', t + 2000)).toBe(false); // unchanged: no write
    expect(await r.fw.recordReported(id, 'v2-beta', t + 3000)).toBe(false); // not a version
    await createMeter(r.db, { id: 'NEW1', service: 'electricity', model: MODEL });
    await createMeter(r.db, { id: 'NEW2', service: 'electricity', model: 'Vendor X 3000' }); // not a firmware model name
    expect(await r.fw.recordReported('NEW1', '1.0.4', t)).toBe(true);
    expect(await r.fw.inventory('NEW1')).toMatchObject({ model: MODEL, version: '1.0.4' });
    expect(await r.fw.recordReported('NEW2', '1.0.4', t)).toBe(false);
    expect(await r.fw.inventory('NEW2')).toBeNull();
  });
});

describe('simulated bootloader', () => {
  it('refuses a bad signature, a downgrade and a tampered image, and keeps running its version', () => {
    const boot = new SimBootloader({ model: MODEL, version: '1.5.0', keys: [keys.publicPem] });
    const pkg = signFirmware(image('1.6.0'), { model: MODEL, version: '1.6.0', chunkSize: 1024 }, keys.privatePem);
    const env = (ref: string, type: string, extra: object) => CommandEnvelope.parse({ v: 1, ref, type, ...extra });
    const forged = { ...pkg.manifest, version: '1.7.0' };
    expect(boot.handleCommand(env('r1', 'firmware', { firmwareId: 1, manifest: forged, signature: pkg.signature }), Date.now())).toMatchObject({ status: 'rejected', result: 'bad_signature' });
    const old = signFirmware(image('1.4.0'), { model: MODEL, version: '1.4.0' }, keys.privatePem);
    expect(boot.handleCommand(env('r2', 'firmware', { firmwareId: 2, manifest: old.manifest, signature: old.signature }), Date.now())).toMatchObject({ status: 'rejected', result: 'downgrade' });
    // Chunks that each match their own hash but not the signed image: refused at install, before the switch.
    expect(boot.handleCommand(env('r3', 'firmware', { firmwareId: 3, manifest: pkg.manifest, signature: pkg.signature }), Date.now())).toMatchObject({ status: 'ok', result: 'offered' });
    const bad = Buffer.from(pkg.image);
    bad[5] ^= 1;
    for (let i = 0; i < chunkCount(bad.length, 1024); i++) {
      const data = chunkOf(bad, i, 1024);
      expect(boot.handleCommand(env(`c${i}`, 'firmwareChunk', { firmwareId: 3, index: i, sha256: sha256Hex(data), data: data.toString('base64') }), Date.now()).status).toBe('ok');
    }
    expect(boot.handleCommand(env('i3', 'firmwareInstall', { firmwareId: 3 }), Date.now())).toMatchObject({ status: 'failed', result: 'hash_mismatch' });
    expect(boot.version).toBe('1.5.0');
  });
});
