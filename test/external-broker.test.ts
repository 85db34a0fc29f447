// The gateway against an external broker (Mosquitto on 127.0.0.1:1883, as on our machines):
// two gateway instances in one MQTT shared-subscription group split the fleet, and every reading
// is ingested exactly once across them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../platform/index.ts';
import { createMeter, RegistryMeterDirectory, registryMeterInfo } from '../modules/registry/index.ts';
import { countReadings } from '../gateway/index.ts';
import { migrate, openPglite, type Db } from '../platform/index.ts';
import { SpooledPipeline, SqlTelemetrySink, cachedMeterInfo, Ingest, LatestStateWriter, connectExternalGateway, type ExternalGateway } from '../gateway/index.ts';
import { meterTopic } from '../protocols/index.ts';
import { eventually } from './support/stack.ts';
import { allMigrations } from '../app/index.ts';

const URL_ = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

async function reachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const c = mqtt.connect(URL_, { reconnectPeriod: 0, connectTimeout: 2000 });
    c.once('connect', () => { c.end(true); resolve(true); });
    c.once('error', () => { c.end(true); resolve(false); });
    setTimeout(() => { c.end(true); resolve(false); }, 2500);
  });
}

const available = await reachable();
if (!available) console.warn(`\n*** SKIPPED: no external MQTT broker at ${URL_} (Mosquitto); the shared-subscription tests did not run ***\n`);

describe.skipIf(!available)('gateways on an external broker with shared subscriptions', () => {
  let db: Db;
  const gateways: { ingest: Ingest; gw: ExternalGateway; latest: LatestStateWriter }[] = [];
  const run = randomBytes(3).toString('hex');
  const meters = Array.from({ length: 8 }, (_, i) => `x${run}${i}`);

  let pipeline: SpooledPipeline;
  let spoolDir = '';

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db, allMigrations());
    for (const id of meters) await createMeter(db, { id, service: 'electricity' });
    spoolDir = mkdtempSync(join(tmpdir(), 'raseed-ext-'));
    pipeline = await SpooledPipeline.open({ spool: { dir: spoolDir }, sink: new SqlTelemetrySink(db), logger: silentLogger, meterInfo: cachedMeterInfo(registryMeterInfo(db)) });
    for (let g = 0; g < 2; g++) {
      const latest = new LatestStateWriter(db, silentLogger);
      const ingest = new Ingest(pipeline, new RegistryMeterDirectory(db), latest, silentLogger);
      const gw = await connectExternalGateway(ingest, { url: URL_, username: 'svc:gateway', password: 'x', sharedGroup: `raseed-test-${run}`, clientId: `gw-${run}-${g}`, logger: silentLogger });
      gateways.push({ ingest, gw, latest });
    }
  });

  afterAll(async () => {
    for (const g of gateways) {
      await g.gw.close();
      await g.latest.flush();
    }
    await pipeline?.close();
    if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
    await db?.close();
  });

  it('splits the readings between the gateways and stores each exactly once', async () => {
    const perMeter = 25;
    const t0 = Date.UTC(2026, 0, 1);
    await Promise.all(meters.map(async (id) => {
      const c = await mqtt.connectAsync(URL_, { clientId: id, username: id, password: 'x', reconnectPeriod: 0 });
      for (let seq = 1; seq <= perMeter; seq++) {
        await c.publishAsync(meterTopic(id, 'telemetry'), JSON.stringify({ v: 1, seq, ts: t0 + seq * 60_000, register: seq * 10, credit: 1000 - seq, relay: 'closed' }), { qos: 1 });
      }
      await c.endAsync();
    }));
    const total = meters.length * perMeter;
    await eventually(async () => (await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM readings WHERE meter_id LIKE $1`, [`x${run}%`])).rows[0]!.n == total, 20_000);
    for (const id of meters) expect(await countReadings(db, id)).toBe(perMeter);
    const accepted = gateways.map((g) => g.ingest.stats.accepted);
    expect(accepted[0]! + accepted[1]!).toBe(total);
    expect(accepted[0]).toBeGreaterThan(0);
    expect(accepted[1]).toBeGreaterThan(0);
  });
});
