// The consumption API and /metrics on the Fastify app: access rules, parameters, problem+json errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { openStore, type Db } from '../platform/index.ts';
import { createMeter, createUser, createSession, createSubscriber, userForSession } from '../modules/registry/index.ts';
import { consumptionRoutes, metricsRoutes, telemetryModule } from '../modules/telemetry/index.ts';
import { createTelemetryReader, upsertEvents, upsertReadings } from '../gateway/index.ts';
import { buildApi, type RaseedApp } from '../dashboard-api/index.ts';
import { allMigrations } from '../app/index.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 3, 1);
let db: Db;
let app: RaseedApp;
let operator = '';
let subscriber = '';

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  const op = await createUser(db, { username: 'op', password: 'operator-pass', role: 'operator' });
  const su = await createUser(db, { username: 'sub', password: 'subscriber-pass', role: 'subscriber' });
  const subId = await createSubscriber(db, { accountNo: 'AC-1', name: 'Sub One', userId: su.id });
  await createMeter(db, { id: 'E1', service: 'electricity', area: 'north', subscriberId: subId });
  await createMeter(db, { id: 'E2', service: 'electricity', area: 'south' });
  const r = (meterId: string, seq: number, ts: number, register: number) => ({ meterId, reading: { v: 1 as const, seq, ts, register, credit: 0, relay: 'closed' as const } });
  await upsertReadings(db, [r('E1', 1, T0 - 1, 100), r('E1', 2, T0 + 10, 150), r('E1', 3, T0 + 2 * H, 40), r('E2', 1, T0, 5), r('E2', 2, T0 + H, 905)]);
  await upsertEvents(db, [
    { meterId: 'E1', event: { v: 1, type: 'token', seq: 20, ts: T0 + 30 * 60_000, result: 'accept', via: 'keypad', tid: 77, credited: 5000 } },
    { meterId: 'E1', event: { v: 1, type: 'relay', seq: 21, ts: T0 + H, state: 'open', cause: 'credit_exhausted' } },
    { meterId: 'E2', event: { v: 1, type: 'tamper', seq: 5, ts: T0 + H, kind: 'magnetic' } },
  ]);
  operator = (await createSession(db, op.id)).token;
  subscriber = (await createSession(db, su.id)).token;
  const config = loadConfig({});
  void telemetryModule; // the module mounts these same two plugins in a running stack
  app = await buildApi({ db, config, logger: silentLogger, authenticate: (t) => userForSession(db, t), plugins: [consumptionRoutes(createTelemetryReader(config, db)), metricsRoutes()] });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = async (url: string, token?: string) => {
  const r = await app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body, type: r.headers['content-type'] };
};

describe('consumption API', () => {
  it('a subscriber reads their own meter, not others (404), and needs a token (401)', async () => {
    const mine = await get(`/api/v1/meters/E1/consumption?from=${T0}&to=${T0 + 3 * H}&every=1h`, subscriber);
    expect(mine.status).toBe(200);
    expect(mine.body.unit).toBe('Wh');
    expect(mine.body.buckets.map((b: { used: number }) => b.used)).toEqual([50, 0, 40]);
    expect(mine.body.total).toBe(90);
    expect((await get(`/api/v1/meters/E2/consumption`, subscriber)).status).toBe(404);
    const anon = await get(`/api/v1/meters/E1/consumption`);
    expect(anon.status).toBe(401);
    expect(anon.type).toContain('application/problem+json');
  });

  it('operators read any meter and the fleet aggregates; subscribers may not', async () => {
    const iso = new Date(T0).toISOString();
    expect((await get(`/api/v1/meters/E2/consumption?from=${iso}&to=${T0 + 2 * H}&every=60m`, operator)).body.total).toBe(900);
    const load = await get(`/api/v1/fleet/load-by-area?from=${T0}&to=${T0 + 3 * H}&every=3h`, operator);
    expect(load.body.areas.map((a: { area: string; total: number }) => [a.area, a.total])).toEqual([['north', 90], ['south', 900]]);
    const top = await get(`/api/v1/fleet/top-consumers?from=${T0}&to=${T0 + 3 * H}&n=1&service=electricity`, operator);
    expect(top.body.meters.map((m: { meterId: string }) => m.meterId)).toEqual(['E2']);
    const silent = await get(`/api/v1/fleet/silent?minutes=5`, operator);
    expect(silent.body.meters.map((m: { meterId: string }) => m.meterId).sort()).toEqual(['E1', 'E2']);
    expect((await get(`/api/v1/fleet/load-by-area`, subscriber)).status).toBe(403);
  });

  it('bad parameters are 400 problem+json', async () => {
    const r = await get(`/api/v1/meters/E1/consumption?from=${T0}&to=${T0 + 1000 * H}&every=1s`, operator);
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect((await get(`/api/v1/meters/E1/consumption?every=fast`, operator)).status).toBe(400);
    expect((await get(`/api/v1/meters/E1/consumption?from=yesterday`, operator)).status).toBe(400);
  });
});

describe('GET /metrics', () => {
  it('serves the gateway registry as Prometheus text', async () => {
    const r = await get('/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/plain');
    expect(r.body).toContain('raseed_gateway_messages_in_total');
  });
});

describe('meter events API', () => {
  it('a subscriber reads their own meter\'s events, newest first, times as ISO; others are 404; a bad range is 400', async () => {
    const mine = await get(`/api/v1/meters/E1/events?from=${T0}&to=${T0 + 3 * H}`, subscriber);
    expect(mine.status).toBe(200);
    expect(mine.body.events.map((e: { type: string; seq: number }) => [e.type, e.seq])).toEqual([['relay', 21], ['token', 20]]);
    expect(mine.body.events[1]).toMatchObject({ result: 'accept', via: 'keypad', credited: 5000, ts: new Date(T0 + 30 * 60_000).toISOString() });
    expect((await get(`/api/v1/meters/E1/events?from=${T0}&to=${T0 + 3 * H}&limit=1`, subscriber)).body.events).toHaveLength(1);
    expect((await get(`/api/v1/meters/E2/events?from=${T0}&to=${T0 + 3 * H}`, subscriber)).status).toBe(404);
    expect((await get(`/api/v1/meters/E2/events?from=${T0}&to=${T0 + 3 * H}`, operator)).body.events.map((e: { kind: string }) => e.kind)).toEqual(['magnetic']);
    const bad = await get(`/api/v1/meters/E1/events?from=${T0 + H}&to=${T0}`, operator);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect((await get(`/api/v1/meters/E1/events?limit=0`, operator)).status).toBe(400);
  });
});
