// Telemetry plausibility (issue 16, finding 2), end to end through the real broker (aedes), real MQTT.js meters,
// the real ingest, spooled pipeline and SQL sink on an embedded PGlite store:
// far-future readings rejected yet acknowledged; old readings kept for history without rolling the latest state
// back; poisoned latest states healed; conflicting duplicates kept apart; impossible values flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import fc from 'fast-check';
import { startBroker, type RunningBroker } from '../broker/index.ts';
import {
  Ingest, LatestStateWriter, SpooledPipeline, SqlTelemetrySink, embeddedPublishHook, metricsRegistry, supersedes,
  DEFAULT_MAX_SKEW_MS, STS_MAX_CREDIT,
} from '../gateway/index.ts';
import { applyLatestReading, countReadingConflicts, countReadings, listReadings, upsertReadings } from '../gateway/index.ts';
import { hashPassword, openStore, type Db } from '../platform/index.ts';
import { RegistryMeterDirectory, createMeter, getMeter } from '../modules/registry/index.ts';
import { allMigrations } from '../app/index.ts';
import { meterTopic, type TelemetryReading } from '../protocols/index.ts';
import { captureLogger } from './support/log-capture.ts';

const MIN = 60_000;
let db: Db;
let broker: RunningBroker;
let pipeline: SpooledPipeline;
let latest: LatestStateWriter;
let spoolDir: string;
const log = captureLogger();
const clients: mqtt.MqttClient[] = [];

const reading = (seq: number, ts: number, extra: Partial<TelemetryReading> = {}): TelemetryReading => ({ v: 1, seq, ts, register: seq * 10, credit: 5000 - seq, relay: 'closed', ...extra });

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = metricsRegistry.getSingleMetric(name);
  if (!m) return 0;
  const v = (await m.get()).values.find((x) => Object.entries(labels).every(([k, val]) => x.labels[k] === val));
  return v?.value ?? 0;
}

async function meterClient(id: string): Promise<mqtt.MqttClient> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, { clientId: id, username: id, password: 'meter-pass', reconnectPeriod: 0 });
  clients.push(c);
  return c;
}

async function settle(): Promise<void> {
  await pipeline.flush(10_000);
  await latest.flush();
}

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  const hash = await hashPassword('meter-pass');
  for (const id of ['P1', 'P2', 'P3', 'P4', 'P5']) await createMeter(db, { id, service: 'electricity', mqttPasswordHash: hash });
  await createMeter(db, { id: 'W1', service: 'water', mqttPasswordHash: hash });
  spoolDir = fs.mkdtempSync(join(os.tmpdir(), 'raseed-plaus-'));
  pipeline = await SpooledPipeline.open({ spool: { dir: spoolDir, fsync: 'never' }, sink: new SqlTelemetrySink(db, 1000, log.logger), logger: log.logger, lingerMs: 1 });
  const directory = new RegistryMeterDirectory(db);
  latest = new LatestStateWriter(db, log.logger, 20);
  const ingest = new Ingest(pipeline, directory, latest, log.logger, { maxSkewMs: DEFAULT_MAX_SKEW_MS });
  broker = await startBroker({ port: 0, host: '127.0.0.1', logger: log.logger, authenticate: (u, p) => directory.authenticate(u, p), onPublish: embeddedPublishHook(ingest) });
});

afterAll(async () => {
  for (const c of clients) await c.endAsync(true);
  await broker?.close();
  await pipeline?.close();
  await latest?.flush();
  await db?.close();
  fs.rmSync(spoolDir, { recursive: true, force: true });
});

describe('telemetry plausibility over MQTT', () => {
  it('a reading dated 2099 is acknowledged (PUBACK), counted, logged, never stored, and does not freeze the meter', async () => {
    const c = await meterClient('P1');
    const before = await metric('raseed_telemetry_implausible_total', { check: 'future_ts' });
    const now = Date.now();
    await c.publishAsync(meterTopic('P1', 'telemetry'), JSON.stringify(reading(1, now - 2 * MIN)), { qos: 1 });
    // QoS 1: publishAsync resolves on the PUBACK.
    await c.publishAsync(meterTopic('P1', 'telemetry'), JSON.stringify(reading(2, Date.UTC(2099, 0, 1))), { qos: 1 });
    await c.publishAsync(meterTopic('P1', 'telemetry'), JSON.stringify(reading(3, now - MIN)), { qos: 1 });
    await settle();
    expect(await metric('raseed_telemetry_implausible_total', { check: 'future_ts' })).toBe(before + 1);
    expect(await metric('raseed_gateway_messages_rejected_total', { transport: 'mqtt', reason: 'future_timestamp' })).toBeGreaterThanOrEqual(1);
    const line = log.find('message rejected').find((l) => l.meter === 'P1');
    expect(line).toMatchObject({ reason: 'future_timestamp', seq: 2, ts: Date.UTC(2099, 0, 1) });
    const rows = await listReadings(db, 'P1', 0, Date.UTC(2100, 0, 1));
    expect(rows.map((r) => r.seq)).toEqual([1, 3]);
    const m = await getMeter(db, 'P1');
    expect(m?.state.lastSeq).toBe(3);
    expect(m?.state.lastTs).toBe(now - MIN);
  });

  it('a reading within the skew is accepted; a late (old) reading is stored for history but does not roll the state back', async () => {
    const c = await meterClient('P2');
    const now = Date.now();
    await c.publishAsync(meterTopic('P2', 'telemetry'), JSON.stringify(reading(10, now + DEFAULT_MAX_SKEW_MS / 2)), { qos: 1 });
    await c.publishAsync(meterTopic('P2', 'telemetry'), JSON.stringify(reading(9, now - 10 * MIN)), { qos: 1 });
    await settle();
    expect(await countReadings(db, 'P2')).toBe(2);
    expect((await getMeter(db, 'P2'))?.state.lastSeq).toBe(10);
    // The meter's clock ran fast and was corrected: the next reading (higher seq) is older than the held one,
    // but the held time is ahead of the gateway's clock, so the sequence decides.
    await c.publishAsync(meterTopic('P2', 'telemetry'), JSON.stringify(reading(11, Date.now())), { qos: 1 });
    await settle();
    expect((await getMeter(db, 'P2'))?.state.lastSeq).toBe(11);
  });

  it('an identical duplicate is a silent no-op; a different one with the same (meter, seq, ts) is kept apart, flagged and counted', async () => {
    const c = await meterClient('P3');
    const ts = Date.now() - 5 * MIN;
    const before = await metric('raseed_telemetry_reading_conflicts_total');
    await c.publishAsync(meterTopic('P3', 'telemetry'), JSON.stringify(reading(7, ts)), { qos: 1 });
    await c.publishAsync(meterTopic('P3', 'telemetry'), JSON.stringify(reading(7, ts)), { qos: 1 });
    await settle();
    expect(await countReadingConflicts(db, 'P3')).toBe(0);
    await c.publishAsync(meterTopic('P3', 'telemetry'), JSON.stringify(reading(7, ts, { register: 999_999 })), { qos: 1 });
    await c.publishAsync(meterTopic('P3', 'telemetry'), JSON.stringify(reading(7, ts, { register: 999_999 })), { qos: 1 }); // the conflict, replayed
    await settle();
    const rows = await listReadings(db, 'P3', 0, Date.UTC(2100, 0, 1));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.register).toBe(70);
    expect(await countReadingConflicts(db, 'P3')).toBe(1);
    expect(await metric('raseed_telemetry_reading_conflicts_total')).toBe(before + 1);
    expect(log.find('conflicts with a stored one').filter((l) => l.meter === 'P3')).toEqual([expect.objectContaining({ seq: 7, ts })]);
    expect((await getMeter(db, 'P3'))?.state.register).toBe(70);
  });

  it('impossible values are flagged and counted, stored, and crash nothing', async () => {
    const c = await meterClient('P4');
    const w = await meterClient('W1');
    const power = await metric('raseed_telemetry_implausible_total', { check: 'power' });
    const credit = await metric('raseed_telemetry_implausible_total', { check: 'credit' });
    const flow = await metric('raseed_telemetry_implausible_total', { check: 'flow' });
    await c.publishAsync(meterTopic('P4', 'telemetry'), JSON.stringify(reading(1, Date.now() - MIN, { powerW: 5_000_000 })), { qos: 1 });
    await c.publishAsync(meterTopic('P4', 'telemetry'), JSON.stringify(reading(2, Date.now() - MIN + 1, { credit: STS_MAX_CREDIT + 1 })), { qos: 1 });
    await c.publishAsync(meterTopic('P4', 'telemetry'), JSON.stringify(reading(3, Date.now() - MIN + 2, { powerW: 9_000, flowLph: 5 })), { qos: 1 });
    await w.publishAsync(meterTopic('W1', 'telemetry'), JSON.stringify(reading(1, Date.now() - MIN, { flowLph: 1e7 })), { qos: 1 });
    await settle();
    expect(await metric('raseed_telemetry_implausible_total', { check: 'power' })).toBe(power + 1);
    expect(await metric('raseed_telemetry_implausible_total', { check: 'credit' })).toBe(credit + 1);
    expect(await metric('raseed_telemetry_implausible_total', { check: 'flow' })).toBe(flow + 1);
    expect(await countReadings(db, 'P4')).toBe(3);
    expect(await countReadings(db, 'W1')).toBe(1);
    const flagged = log.find('implausible reading').filter((l) => l.meter === 'P4');
    expect(flagged.map((l) => (l.implausible as { check: string }[])[0]!.check)).toEqual(['power', 'credit']);
  });
});

describe('latest state in the store (applyLatestReading)', () => {
  it('heals a row poisoned by a far-future reading stored before this rule (also after a restart: the rule is in SQL)', async () => {
    await db.query('UPDATE meter_state SET last_ts_ms = $2, last_seq = $3, register = 1 WHERE meter_id = $1', ['P5', Date.UTC(2099, 0, 1), 10_000]);
    const now = Date.now();
    await applyLatestReading(db, 'P5', reading(4, now - MIN), now);
    const m = await getMeter(db, 'P5');
    expect(m?.state.lastSeq).toBe(4);
    expect(m?.state.lastTs).toBe(now - MIN);
    // and a reading beyond the skew never gets in, even when called directly
    await applyLatestReading(db, 'P5', reading(5, now + 2 * DEFAULT_MAX_SKEW_MS), now);
    expect((await getMeter(db, 'P5'))?.state.lastSeq).toBe(4);
  });

  it('property: the SQL rule and supersedes() agree, and an old reading never moves the state backwards', async () => {
    const NOW = Date.UTC(2026, 5, 1);
    const step = fc.record({
      seq: fc.integer({ min: 0, max: 20 }),
      dt: fc.oneof(fc.integer({ min: -30, max: 30 }).map((m) => m * MIN), fc.constant(50 * 365 * 24 * 60 * MIN)),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const id = `PX${n++}`;
        await createMeter(db, { id, service: 'electricity' });
        let model: { seq: number; ts: number } | null = null;
        for (const s of steps) {
          const r = reading(s.seq, Math.min(NOW + s.dt, Date.UTC(2099, 11, 31)));
          // Poisoned rows (written before the rule) are forged directly; the rule must heal them.
          if (s.dt > 365 * 24 * 60 * MIN) {
            await db.query('INSERT INTO meter_state (meter_id, last_ts_ms, last_seq) VALUES ($1, $2, $3) ON CONFLICT (meter_id) DO UPDATE SET last_ts_ms = EXCLUDED.last_ts_ms, last_seq = EXCLUDED.last_seq', [id, r.ts, r.seq]);
            model = { seq: r.seq, ts: r.ts };
            continue;
          }
          const expectNew = supersedes(model, r, NOW, DEFAULT_MAX_SKEW_MS);
          await applyLatestReading(db, id, r, NOW, DEFAULT_MAX_SKEW_MS);
          if (expectNew) model = { seq: r.seq, ts: r.ts };
          const st = (await getMeter(db, id))!.state;
          expect({ seq: st.lastSeq, ts: st.lastTs }).toEqual(model ? { seq: model.seq, ts: model.ts } : { seq: null, ts: null });
          // never backwards: an older reading with a lower or equal seq did not replace a sane state
          if (model && r.ts < model.ts && r.seq <= model.seq) expect(expectNew).toBe(false);
        }
        // and it can always move forward again: a reading of "now" with a higher seq supersedes once the clock passed the held time
        const later = Math.max(NOW, model && model.ts <= NOW + DEFAULT_MAX_SKEW_MS ? model.ts : NOW) + 1;
        expect(supersedes(model, { seq: (model?.seq ?? 0) + 1, ts: later }, later, DEFAULT_MAX_SKEW_MS)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('upsertReadings: within one batch the first of an identity is stored, a different later one is a conflict', async () => {
    const ts = Date.UTC(2026, 0, 1);
    const conflicts = await upsertReadings(db, [
      { meterId: 'P5', reading: reading(1, ts) },
      { meterId: 'P5', reading: reading(1, ts) },
      { meterId: 'P5', reading: reading(1, ts, { relay: 'open' }) },
    ]);
    expect(conflicts).toEqual([{ meterId: 'P5', ts, seq: 1 }]);
    expect((await listReadings(db, 'P5', ts, ts + 1))[0]!.relay).toBe('closed');
  });
});
