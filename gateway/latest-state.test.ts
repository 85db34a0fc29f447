// The gateway's per-meter state in bounded memory (issue 12): the LRU the meter directory caches in, the batched
// latest-state writes (which must decide exactly as the one-meter SQL does), and the writer's bounds — one entry per
// meter however many readings arrive, never more than one flush waiting behind the running one, and an early flush
// once maxPending meters wait. On PGlite in memory with every migration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openStore, silentLogger, type Db, type Queryable } from '../platform/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { allMigrations } from '../app/index.ts';
import type { TelemetryReading } from '../protocols/index.ts';
import { LruMap } from './lru.ts';
import { LatestStateWriter } from './latest-state.ts';
import { applyLatestReading, applyLatestReadings, applyRelayState, setOnline, setOnlineMany } from './meter-state.ts';

let db: Db;
const METERS = 40;
const ids = (p: string) => Array.from({ length: METERS }, (_, i) => `${p}${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  db = await openStore({ migrations: allMigrations() });
  for (const id of [...ids('S'), ...ids('B'), ...ids('W')]) await createMeter(db, { id, service: 'electricity' });
});
afterAll(async () => db?.close());

// Odd readings carry a firmware version, even ones none (a reading without it keeps the version held).
const reading = (seq: number, ts: number, credit = 5000 - seq): TelemetryReading => ({
  v: 1, seq, ts, register: seq * 10, credit, relay: seq % 3 ? 'closed' : 'open', powerW: seq * 1.5, ...(seq % 2 ? { firmwareVersion: `1.${seq}.0` } : {}),
});

async function stateOf(q: Queryable, id: string) {
  const r = await q.query<Record<string, unknown>>('SELECT * FROM meter_state WHERE meter_id = $1', [id]);
  if (!r.rows[0]) return null;
  const { meter_id: _id, ...rest } = r.rows[0];
  return rest;
}

describe('LruMap', () => {
  it('holds at most maxEntries and drops the least recently used first', () => {
    const m = new LruMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('d', 4);
    expect(m.size).toBe(3);
    expect(m.peek('b')).toBeUndefined();
    expect([m.peek('a'), m.peek('c'), m.peek('d')]).toEqual([1, 3, 4]);
    for (let i = 0; i < 10_000; i++) m.set(`x${i}`, i);
    expect(m.size).toBe(3);
    expect(m.peek('x9999')).toBe(9999);
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});

describe('applyLatestReadings (batched) decides as applyLatestReading (one meter)', () => {
  it('same rows after the same history of readings, acknowledgements and presence, one meter per statement or many', async () => {
    const now = Date.now();
    // A step: a reading (seq, ts offset from now, possibly far in the future), a relay acknowledgement, or presence.
    const step = fc.oneof(
      fc.record({ kind: fc.constant('reading' as const), seq: fc.integer({ min: 0, max: 4 }), dt: fc.integer({ min: -2, max: 2 }), future: fc.integer({ min: 0, max: 5 }).map((x) => x === 0) }),
      fc.record({ kind: fc.constant('relay' as const), dt: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ kind: fc.constant('online' as const), online: fc.boolean() }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: METERS }), { minLength: 1, maxLength: 6 }), async (rounds) => {
        const k = run++ % METERS;
        const single = ids('S')[k]!, batch = ids('B')[k]!;
        await db.query('DELETE FROM meter_state WHERE meter_id = ANY($1)', [[single, batch]]);
        // Each round: the same steps for the single meter (one by one) and for the batch meter (readings of a round
        // go through one applyLatestReadings call; a meter has one reading per flush, the writer coalesces).
        for (const round of rounds) {
          const last = [...round].reverse().find((s) => s.kind === 'reading');
          for (const s of round) {
            if (s.kind === 'relay') {
              await applyRelayState(db, single, 'open', now + s.dt * 1000, now);
              await applyRelayState(db, batch, 'open', now + s.dt * 1000, now);
            }
          }
          if (last && last.kind === 'reading') {
            const r = reading(last.seq, now + (last.future ? 3_600_000 : last.dt * 1000));
            await applyLatestReading(db, single, r, now);
            await applyLatestReadings(db, [{ meterId: batch, reading: r, receivedAt: now }]);
          }
          const presence = [...round].reverse().find((s) => s.kind === 'online');
          if (presence && presence.kind === 'online') {
            await setOnline(db, single, presence.online, now);
            await setOnlineMany(db, [{ meterId: batch, online: presence.online, at: now }]);
          }
          expect(await stateOf(db, batch)).toEqual(await stateOf(db, single));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('many meters in one statement, unknown meters get no row, and it reports which readings applied', async () => {
    const now = Date.now();
    const w = ids('W');
    await applyLatestReadings(db, w.map((meterId, i) => ({ meterId, reading: reading(i + 1, now - 1000), receivedAt: now })));
    const applied = await applyLatestReadings(db, [
      ...w.map((meterId, i) => ({ meterId, reading: reading(i % 2 ? i + 2 : 0, now - (i % 2 ? 0 : 5000)), receivedAt: now + 10 })),
      { meterId: 'NOT-A-METER', reading: reading(1, now), receivedAt: now },
    ]);
    expect([...applied].sort()).toEqual(w.filter((_, i) => i % 2).sort());
    for (const [i, id] of w.entries()) {
      const s = await stateOf(db, id);
      expect([Number(s!.last_seq), s!.online, Number(s!.last_seen_ms)]).toEqual([i % 2 ? i + 2 : i + 1, true, now + 10]);
    }
    expect(await stateOf(db, 'NOT-A-METER')).toBeNull();
    await expect(applyLatestReadings(db, [{ meterId: w[0]!, reading: reading(1, now), receivedAt: now }, { meterId: w[0]!, reading: reading(2, now), receivedAt: now }])).rejects.toThrow(/one reading per meter/);
  });
});

describe('LatestStateWriter keeps bounded memory', () => {
  /** A store whose transactions wait at a gate: the writer must not pile flushes or entries up behind it. */
  function gatedDb() {
    let open!: () => void;
    let gate = new Promise<void>((r) => (open = r));
    let running = 0, maxRunning = 0, transactions = 0;
    const gated: Db = Object.assign(Object.create(db) as Db, {
      async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
        transactions++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        try {
          await gate;
          return await db.transaction(fn);
        } finally {
          running--;
        }
      },
    });
    return {
      db: gated,
      release() { open(); },
      close() { gate = new Promise<void>((r) => (open = r)); },
      stats: () => ({ maxRunning, transactions }),
    };
  }

  it('one entry per meter however many readings, one flush waiting at most, all written in the end (the newest)', async () => {
    const g = gatedDb();
    const w = new LatestStateWriter(g.db, silentLogger, { intervalMs: 5, maxPending: 1_000_000 });
    const meters = ids('W');
    const now = Date.now();
    const first = w.flush(); // nothing pending: resolves without a transaction
    await first;
    for (let seq = 100; seq < 150; seq++) {
      for (const id of meters) w.reading(id, reading(seq, now + seq), now + 200);
      await new Promise((r) => setTimeout(r, 1));
      // Coalesced per meter: at most the fleet's size waits, never readings × meters.
      expect(w.pendingMeters).toBeLessThanOrEqual(meters.length);
    }
    const flushes = [w.flush(), w.flush(), w.flush()];
    g.release();
    await Promise.all(flushes);
    await w.flush();
    expect(g.stats().maxRunning).toBe(1);
    // 50 rounds of readings while the store was stuck became at most a couple of transactions, not 50.
    expect(g.stats().transactions).toBeLessThanOrEqual(3);
    for (const id of meters) expect(Number((await stateOf(db, id))!.last_seq)).toBe(149);
  });

  it('flushes early once maxPending meters wait (not only when the interval ends)', async () => {
    const w = new LatestStateWriter(db, silentLogger, { intervalMs: 3_600_000, maxPending: 10 });
    const meters = ids('S').slice(0, 10);
    const now = Date.now();
    for (const id of meters) w.reading(id, reading(500, now), now);
    const deadline = Date.now() + 20_000;
    let done = false;
    while (!done && Date.now() < deadline) {
      const r = await db.query<{ n: string }>('SELECT count(*) AS n FROM meter_state WHERE meter_id = ANY($1) AND last_seq = 500', [meters]);
      done = Number(r.rows[0]!.n) === meters.length;
      if (!done) await new Promise((r) => setTimeout(r, 20));
    }
    expect(done).toBe(true);
    expect(w.pendingMeters).toBe(0);
    await w.flush();
  });
});
