// The desk at a utility's scale on the system PostgreSQL (RASEED_BENCH_PG_URL or the local test server;
// PGlite when none): BENCH_CASES open cases (default 20,000) across 200 meters, then the clock sweep with
// nothing due (the every-30-s cost), the sweep that escalates all of them, the queue of late cases, and
// statistics over the month.   npm run bench desk     BENCH_CASES=20000
import { migrate, openPglite, openPostgres, silentLogger, type Db } from '../platform/index.ts';
import { allMigrations } from '../app/index.ts';
import { createMeter, createSubscriber } from '../modules/registry/index.ts';
import { AuditWriter } from '../modules/audit/index.ts';
import { DeskService } from '../modules/desk/index.ts';
import { createTempDatabase } from '../test/support/postgres.ts';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const temp = await createTempDatabase('deskbench');
const db: Db = temp ? await openPostgres(temp.url) : await openPglite();
console.log(`store: ${temp ? 'PostgreSQL' : 'PGlite (no PostgreSQL reachable)'}`);
await migrate(db, allMigrations());
let clock = Date.parse('2026-11-02T08:00:00+04:00');
const desk = new DeskService({ db, audit: new AuditWriter(db, () => clock), logger: silentLogger, timeZone: 'Asia/Muscat', now: () => clock });
const sub = await createSubscriber(db, { accountNo: 'B-1', name: 'Bench' });
for (let i = 0; i < 200; i++) await createMeter(db, { id: `9${String(i).padStart(10, '0')}`, service: 'electricity', subscriberId: sub, area: `area-${i % 12}` });
const actor = { actor: 'bench', actorId: null, actorRole: 'call_centre', ip: null };
const cats = ['meter_fault', 'billing_account', 'high_consumption', 'leak', 'no_supply'];

const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await f();
  console.log(`${label.padEnd(48)} ${(performance.now() - t0).toFixed(1).padStart(9)} ms`);
  return out;
};

await time(`record ${CASES} cases (one transaction each)`, async () => {
  for (let i = 0; i < CASES; i++) {
    clock += 60_000;
    await desk.create({ kind: 'complaint', category: cats[i % cats.length]!, channel: 'call_centre', meterId: `9${String(i % 200).padStart(10, '0')}`, description: `bench case ${i}` }, actor);
  }
});
const start = clock;
clock = start - CASES * 60_000; // back to the first case: nothing due
await time('clock sweep, nothing due', () => desk.sweepClocks());
clock = start + 30 * 86_400_000;
const r = await time('clock sweep, every case escalated and breached', () => desk.sweepClocks());
console.log(`  escalated ${r.escalated.length}, breached ${r.breached.length}`);
await time('clock sweep again (idempotent, nothing to do)', () => desk.sweepClocks());
await time('queue: 300 late cases by deadline', () => desk.list({ late: true, limit: 300 }));
await time('statistics over the period', () => desk.stats(start - CASES * 60_000 - 1, clock));
await db.close();
await temp?.drop();
