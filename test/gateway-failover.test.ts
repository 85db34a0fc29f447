// Gateways in one shared-subscription group on a PRIVATE Mosquitto (MQTT 5): presence is seen by every gateway;
// a command sent from inside the message handler does not stall ingest; a member that stops (its persistent session
// stays at the broker, which keeps queueing its share) is adopted by the survivor and no reading is stranded; the
// member, back with the same GATEWAY_ID, takes up its own session again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, migrate, openPglite, type Db } from '../platform/index.ts';
import { createMeter, RegistryMeterDirectory, registryMeterInfo } from '../modules/registry/index.ts';
import { SpooledPipeline, SqlTelemetrySink, cachedMeterInfo, Ingest, LatestStateWriter, connectExternalGateway, type ExternalGateway } from '../gateway/index.ts';
import { meterTopic } from '../protocols/index.ts';
import { allMigrations } from '../app/index.ts';
import { eventually } from './support/stack.ts';
import { startMosquitto, type PrivateMosquitto } from './support/mosquitto.ts';

const mosq = await startMosquitto({ dynsec: false });

describe.skipIf(!mosq)('gateway failover on an external broker', () => {
  const m = mosq as PrivateMosquitto;
  let db: Db;
  let pipeline: SpooledPipeline;
  let spoolDir = '';
  const meters = Array.from({ length: 6 }, (_, i) => `fo${i}`);
  const clients: MqttClient[] = [];
  const gws: ExternalGateway[] = [];
  const ingests: Ingest[] = [];
  const statusSeen: Set<string>[] = [];

  async function gateway(id: string): Promise<{ gw: ExternalGateway; ingest: Ingest; status: Set<string> }> {
    const ingest = new Ingest(pipeline, new RegistryMeterDirectory(db), new LatestStateWriter(db, silentLogger), silentLogger);
    const status = new Set<string>();
    const holder: { gw?: ExternalGateway } = {};
    ingest.listen({
      onStatus: async (meterId, online) => {
        if (!online) return;
        status.add(meterId);
        // As the stack's command service does when a meter comes online: a command sent (and awaited) from inside
        // the message handler. Waiting there for the broker's PUBACK would stall this gateway for good.
        await holder.gw?.send(meterId, { v: 1, ref: `hello-${meterId}`, type: 'time_sync', expiresAt: Date.now() + 60_000 } as never);
      },
    });
    const gw = await connectExternalGateway(ingest, {
      url: m.url, username: 'svc:gateway', password: 'x', sharedGroup: 'fo', gatewayId: id, db,
      takeoverAfterMs: 1500, beatMs: 300, logger: silentLogger,
    });
    holder.gw = gw;
    gws.push(gw);
    ingests.push(ingest);
    statusSeen.push(status);
    return { gw, ingest, status };
  }

  const readingsOf = async () => Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM readings')).rows[0]!.n);
  let seq = 0;
  const t0 = Date.UTC(2026, 0, 1);
  async function publishRound(perMeter: number): Promise<number> {
    for (let i = 0; i < perMeter; i++) {
      seq++;
      await Promise.all(clients.map((c, k) => c.publishAsync(meterTopic(meters[k]!, 'telemetry'), JSON.stringify({ v: 1, seq, ts: t0 + seq * 60_000, register: seq * 10, credit: 1000, relay: 'closed' }), { qos: 1 })));
    }
    return perMeter * clients.length;
  }

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db, allMigrations());
    for (const id of meters) await createMeter(db, { id, service: 'electricity' });
    spoolDir = mkdtempSync(join(tmpdir(), 'raseed-fo-'));
    pipeline = await SpooledPipeline.open({ spool: { dir: spoolDir }, sink: new SqlTelemetrySink(db), logger: silentLogger, meterInfo: cachedMeterInfo(registryMeterInfo(db)) });
    await gateway('ga');
    await gateway('gb');
    for (const id of meters) {
      const c = await mqtt.connectAsync(m.url, { clientId: id, protocolVersion: 5, reconnectPeriod: 0 });
      await c.publishAsync(meterTopic(id, 'status'), JSON.stringify({ v: 1, online: true }), { qos: 1 });
      clients.push(c);
    }
  });

  afterAll(async () => {
    for (const c of clients) c.end(true);
    for (const g of gws) await g.close().catch(() => undefined);
    await pipeline?.close();
    if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
    await db?.close();
    await m.stop();
  });

  it('every gateway sees every meter come online, and ingest goes on after commands sent from the handler', async () => {
    await eventually(() => statusSeen.every((s) => s.size === meters.length), 10_000);
    const n = await publishRound(5);
    await eventually(async () => (await readingsOf()) === n, 15_000);
    expect(ingests[0]!.stats.accepted).toBeGreaterThan(meters.length);
    expect(ingests[1]!.stats.accepted).toBeGreaterThan(meters.length);
  });

  it('a stopped member\'s share is drained by the survivor; the member takes its session up again', async () => {
    const before = await readingsOf();
    // Gateway ga stops beating and leaves its persistent session at the broker, which keeps queueing ga's share there.
    await gws[0]!.close();
    const n = await publishRound(10);
    await eventually(() => gws[1]!.adopted().includes('raseed-gw-ga'), 15_000);
    await eventually(async () => (await readingsOf()) === before + n, 20_000);

    // ga comes back under the same GATEWAY_ID: the broker hands its session back, the survivor lets go.
    const back = await gateway('ga');
    expect(back.gw.clientId).toBe('raseed-gw-ga');
    await eventually(() => gws[1]!.adopted().length === 0, 15_000);
    const mid = await readingsOf();
    const n2 = await publishRound(10);
    await eventually(async () => (await readingsOf()) === mid + n2, 20_000);
    expect(back.ingest.stats.accepted).toBeGreaterThan(0);
  });
});
