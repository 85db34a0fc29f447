// One suite, run against both TelemetryReaders: the same readings (with a register reset and a gap) written to
// the SQL store and to a real InfluxDB must give identical answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../../platform/index.ts';
import { createMeter } from '../../../modules/registry/index.ts';
import { upsertEvents, upsertReadings } from '../../readings.ts';
import { eventLine } from '../line-protocol.ts';
import { setOnline } from '../../meter-state.ts';
import type { MeterEvent, TelemetryReading } from '../../../protocols/index.ts';
import { findInfluxd, startInfluxd, influxdSkipMessage, type InfluxdHandle } from '../../../test/support/influxd.ts';
import { SqlTelemetryReader, InfluxTelemetryReader, type TelemetryReader } from './index.ts';
import { allMigrations } from '../../../app/index.ts';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2026, 0, 5);

interface Row { meterId: string; ts: number; seq: number; register: number }
const rows: Row[] = [];
function series(meterId: string, start: number, items: [number, number][]) {
  let seq = start;
  for (const [ts, register] of items) rows.push({ meterId, ts, seq: seq++, register });
}
// A: electricity, north. One reading before the range, a gap (hours 1–2 missing), a reset in hour 3.
series('A0000000001', 100, [
  [T0 - 20 * M, 5000], [T0 + 10 * M, 5100], [T0 + 40 * M, 5175],
  [T0 + 3 * H + 15 * M, 5600], [T0 + 3 * H + 45 * M, 30], [T0 + 4 * H + 10 * M, 90], [T0 + 5 * H + 59 * M, 190],
]);
// B: water, south.
series('B0000000002', 1, [[T0 + 5 * M, 10], [T0 + 65 * M, 25], [T0 + 125 * M, 60], [T0 + 185 * M, 61]]);
// C: electricity, north, starts inside the range (first reading contributes nothing).
series('C0000000003', 7, [[T0 + 2 * H, 700], [T0 + 2 * H + 30 * M, 1700], [T0 + 6 * H + 1, 99_999]]);
// D: registered, never read.

const reading = (r: Row): TelemetryReading => ({ v: 1, seq: r.seq, ts: r.ts, register: r.register, credit: 1000, relay: 'closed' });

function line(r: Row, service: string, area: string): string {
  return `reading,meter=${r.meterId},service=${service},area=${area},tariff=residential register=${r.register}i,credit=1000i,relay="closed",seq=${r.seq}i,flags=0i ${r.ts}`;
}

// Events of meter A, one of each kind, as meters send them (the SQL sink stores the JSON, the InfluxDB sink four measurements).
const EVENTS: MeterEvent[] = [
  { v: 1, type: 'token', seq: 50, ts: T0 + H, result: 'accept', via: 'remote', ref: 'T-AAAA-BBBB-C', tokenClass: 0, subclass: 0, tid: 1234, credited: 304_500 },
  { v: 1, type: 'relay', seq: 51, ts: T0 + 2 * H, state: 'open', cause: 'command' },
  { v: 1, type: 'tamper', seq: 52, ts: T0 + 3 * H, kind: 'cover_open', cleared: false },
  { v: 1, type: 'alarm', seq: 53, ts: T0 + 4 * H, code: 'low_credit', active: true },
];

const haveInfluxd = findInfluxd() !== null;
if (!haveInfluxd) console.warn(influxdSkipMessage);

let db: Db;
let influx: InfluxdHandle | null = null;
const readers: Record<string, TelemetryReader> = {};
const NOW = T0 + 7 * H;

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  await createMeter(db, { id: 'A0000000001', service: 'electricity', area: 'north' });
  await createMeter(db, { id: 'B0000000002', service: 'water', area: 'south' });
  await createMeter(db, { id: 'C0000000003', service: 'electricity', area: 'north' });
  await createMeter(db, { id: 'D0000000004', service: 'electricity', area: 'south' });
  await setOnline(db, 'A0000000001', true, NOW - 5 * M);
  await setOnline(db, 'B0000000002', true, NOW - 50 * M);
  await setOnline(db, 'C0000000003', false, NOW - 2 * H);
  await upsertReadings(db, rows.map((r) => ({ meterId: r.meterId, reading: reading(r) })));
  await upsertEvents(db, EVENTS.map((event) => ({ meterId: 'A0000000001', event })));
  readers.sql = new SqlTelemetryReader(db);
  influx = await startInfluxd();
  if (!influx) return;
  const meta: Record<string, [string, string]> = { A0000000001: ['electricity', 'north'], B0000000002: ['water', 'south'], C0000000003: ['electricity', 'north'] };
  const body = [...rows.map((r) => line(r, ...meta[r.meterId]!)), ...EVENTS.map((e) => eventLine('A0000000001', e, { service: 'electricity', area: 'north', tariff: 'residential' }))].join('\n');
  const res = await fetch(`${influx.url}/write?db=${influx.database}&precision=ms`, { method: 'POST', body });
  expect(res.status).toBe(204);
  readers.influx = new InfluxTelemetryReader({ url: influx.url, api: 'v1', database: influx.database }, db);
}, 60_000);

afterAll(async () => {
  await influx?.dispose();
  await db?.close();
});

const kinds = ['sql', 'influx'] as const;

describe.each(kinds)('TelemetryReader (%s)', (kind) => {
  const skip = kind === 'influx' && !haveInfluxd;
  const r = () => readers[kind]!;

  it.skipIf(skip)('events: a meter\'s events in a range, newest first, limited, the same from both stores', async () => {
    expect(await r().events('A0000000001', T0, T0 + 6 * H, 10)).toEqual([...EVENTS].reverse());
    expect(await r().events('A0000000001', T0, T0 + 6 * H, 2)).toEqual([EVENTS[3], EVENTS[2]]);
    expect(await r().events('A0000000001', T0 + 2 * H, T0 + 3 * H, 10)).toEqual([EVENTS[1]]);
    expect(await r().events('B0000000002', T0, T0 + 6 * H, 10)).toEqual([]);
  });

  it.skipIf(skip)('consumption: differences, a gap attributed to the later interval, a reset counted from the new value', async () => {
    const s = await r().consumption('A0000000001', T0, T0 + 6 * H, H);
    expect(s.buckets.map((b) => b.used)).toEqual([175, 0, 0, 455, 60, 100]);
    expect(s.buckets.map((b) => b.readings)).toEqual([2, 0, 0, 2, 1, 1]);
    expect(s.total).toBe(790);
    const c = await r().consumption('C0000000003', T0, T0 + 6 * H, 2 * H);
    expect(c.buckets.map((b) => b.used)).toEqual([0, 1000, 0]);
    const none = await r().consumption('D0000000004', T0, T0 + H, 15 * M);
    expect(none.total).toBe(0);
    expect(none.buckets).toHaveLength(4);
  });

  it.skipIf(skip)('loadByArea sums meters per area and service', async () => {
    const l = await r().loadByArea(T0, T0 + 6 * H, 3 * H);
    expect(l.map((a) => [a.area, a.service, a.buckets.map((b) => b.used), a.total, a.meters])).toEqual([
      ['north', 'electricity', [175 + 1000, 455 + 60 + 100], 1790, 2],
      ['south', 'water', [50, 1], 51, 1],
    ]);
  });

  it.skipIf(skip)('topConsumers ranks by use, optionally per service', async () => {
    const t = await r().topConsumers(T0, T0 + 6 * H, 2);
    expect(t.map((x) => [x.meterId, x.used])).toEqual([['C0000000003', 1000], ['A0000000001', 790]]);
    const w = await r().topConsumers(T0, T0 + 6 * H, 5, 'water');
    expect(w.map((x) => [x.meterId, x.used, x.readings])).toEqual([['B0000000002', 51, 4]]);
  });

  it.skipIf(skip)('silentMeters lists meters not heard from (or never)', async () => {
    const s = await r().silentMeters(30 * M, NOW);
    expect(s.map((x) => [x.meterId, x.silentForMs])).toEqual([['D0000000004', null], ['C0000000003', 2 * H], ['B0000000002', 50 * M]]);
  });
});

describe('both readers', () => {
  it.skipIf(!haveInfluxd)('give identical answers for the same readings', async () => {
    for (const [from, to, every] of [[T0, T0 + 6 * H, H], [T0 - H, T0 + 7 * H, 17 * M], [T0 + 30 * M, T0 + 4 * H, 45 * M]] as const) {
      for (const id of ['A0000000001', 'B0000000002', 'C0000000003', 'D0000000004']) {
        expect(await readers.influx!.consumption(id, from, to, every)).toEqual(await readers.sql!.consumption(id, from, to, every));
      }
      expect(await readers.influx!.loadByArea(from, to, every)).toEqual(await readers.sql!.loadByArea(from, to, every));
      expect(await readers.influx!.topConsumers(from, to, 10)).toEqual(await readers.sql!.topConsumers(from, to, 10));
    }
  });
});
