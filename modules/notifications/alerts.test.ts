// The alert rules on stored telemetry, through the module (SQL telemetry reader, in-memory store): the leak
// rule fires once for a water meter that flowed all night and not for a normal one; low credit fires once
// per episode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, openStore, SecretBox, silentLogger, type Db } from '../../platform/index.ts';
import { createMeter, createSubscriber } from '../registry/index.ts';
import { upsertReadings, type StoredReading } from '../../gateway/index.ts';
import type { StackContext } from '../../core/index.ts';
import { allMigrations } from '../../app/index.ts';
import { localToInstant } from '../policy/index.ts';
import { createNotificationsModule, type NotificationsApi } from './module.ts';

const TZ = 'Asia/Muscat';
const NOW = localToInstant('2026-11-30', 10 * 60, TZ); // 10:00 local, the morning after the night checked
let db: Db;
let api: NotificationsApi;
let stop: () => Promise<void>;

/** Hourly readings for 92 days: 400 L a day between 06:00 and 22:00 local; the leaky one also flows 20 L/h every hour of the last night. */
function history(meterId: string, leaky: boolean): StoredReading[] {
  const out: StoredReading[] = [];
  const start = NOW - 92 * 86_400_000;
  let register = 1_000_000;
  let seq = 0;
  for (let t = start; t <= NOW; t += 3600_000) {
    const hour = new Date(t + 4 * 3600_000).getUTCHours(); // Muscat is UTC+4, no DST
    if (hour >= 6 && hour < 22) register += 25;
    if (leaky && t > NOW - 12 * 3600_000) register += 20;
    out.push({ meterId, reading: { v: 1, seq: seq++, ts: t, register, credit: 50_000, relay: 'closed' } });
  }
  return out;
}

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  for (const [i, id] of ['70000000011', '70000000012'].entries()) {
    const sub = await createSubscriber(db, { accountNo: `W${i}`, name: `W${i}`, phone: `+9689000001${i}` });
    await createMeter(db, { id, service: 'water', subscriberId: sub });
  }
  const sub = await createSubscriber(db, { accountNo: 'E1', name: 'E1', phone: '+96890000020' });
  await createMeter(db, { id: '40000000021', service: 'electricity', subscriberId: sub });
  const rows = [...history('70000000011', true), ...history('70000000012', false)];
  for (let i = 0; i < rows.length; i += 500) await upsertReadings(db, rows.slice(i, i + 500), NOW);
  const ctx = {
    db, config: loadConfig({}), logger: silentLogger, dataDir: undefined, box: SecretBox.random(), ingest: null, online: new Set<string>(),
    modules: { get: () => undefined },
  } as unknown as StackContext;
  const inst = await createNotificationsModule({ channels: {}, now: () => NOW, leakEveryMs: 0, everyMs: 3600_000 }).start(ctx);
  api = inst.api as NotificationsApi;
  stop = inst.stop!;
}, 120_000);
afterAll(async () => {
  await stop?.();
  await db?.close();
});

describe('alerts', () => {
  it('the leak rule fires once for the meter that flowed all night, not for the normal one', async () => {
    expect(await api.checkLeaks()).toEqual(['70000000011']);
    expect(await api.checkLeaks()).toEqual([]);
    const rows = await api.outbox.list({ meterId: '70000000011' });
    expect(rows.map((r) => [r.kind, r.channel, r.language])).toEqual([['leak', 'sms', 'ar']]);
    expect(rows[0]!.preview).toContain('تسرب');
    expect(await api.outbox.list({ meterId: '70000000012' })).toEqual([]);
  });

  it('low credit: one message per episode', async () => {
    const id = '40000000021';
    await api.onCredit(id, 30_000);
    await api.onCredit(id, 15_000);
    await api.onCredit(id, 10_000);
    expect((await api.outbox.list({ meterId: id })).length).toBe(1);
    await api.onCredit(id, 30_000); // not above the clear level (2 × 20 kWh)
    await api.onCredit(id, 12_000);
    expect((await api.outbox.list({ meterId: id })).length).toBe(1);
    await api.onCredit(id, 45_000); // cleared
    await api.onCredit(id, 5_000);
    const rows = await api.outbox.list({ meterId: id });
    expect(rows.map((r) => r.eventKey)).toEqual([`low_credit:${id}:2`, `low_credit:${id}:1`]);
    expect(rows[0]!.kind).toBe('credit_low');
  });
});
