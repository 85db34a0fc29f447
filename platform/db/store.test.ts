// One suite, every store: PGlite (in memory), the embedded PostgreSQL (a data directory) and a PostgreSQL server run the same SQL and migrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLatestReading, countReadings, upsertReadings } from '../../gateway/index.ts';
import { authenticateUser, createMeter, createSession, createSubscriber, createUser, getMeter, listMeters, userForSession } from '../../modules/registry/index.ts';
import { hashMachineSecret, verifyPassword } from '../passwords.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { isUniqueViolation, type Db } from './db.ts';
import { createTempDatabase } from '../../test/support/postgres.ts';
import { allMigrations } from '../../app/index.ts';
import { openEmbeddedPostgres } from './embedded-postgres.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const temp = await createTempDatabase('store');

const implementations: { name: string; open: () => Promise<Db>; skip: boolean }[] = [
  { name: 'pglite', open: () => openPglite(), skip: false },
  { name: 'postgres', open: () => openPostgres(temp!.url), skip: !temp },
  { name: 'embedded postgres', open: () => openEmbeddedPostgres(join(embeddedDir, 'pg'), { log: () => {} }), skip: false },
];
const embeddedDir = mkdtempSync(join(tmpdir(), 'raseed-store-'));

afterAll(async () => {
  await temp?.drop();
  rmSync(embeddedDir, { recursive: true, force: true });
});

describe.each(implementations)('store on $name', ({ open, skip }) => {
  let db: Db;
  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await migrate(db, allMigrations());
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('applies every migration once, and a second run applies none', async () => {
    const again = await migrate(db, allMigrations());
    expect(again).toEqual([]);
    const r = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(r.rows.map((x) => Number(x.version))).toEqual(allMigrations().sort((a, b) => a.version - b.version).map((m) => m.version));
  });

  it.skipIf(skip)('registers meters with subscribers and finds them by filter and search', async () => {
    const sub = await createSubscriber(db, { accountNo: 'ACC-1', name: 'Salim Al-Harthy', nameAr: 'سالم الحارثي', protectedCategory: 'medical' });
    await createMeter(db, { id: '40000000014', service: 'electricity', subscriberId: sub, area: 'Seeb', mqttPasswordHash: hashMachineSecret('s3cret') });
    await createMeter(db, { id: '70000000018', service: 'water', subscriberId: sub, area: 'Muttrah' });
    expect((await listMeters(db, { service: 'water' })).map((m) => m.id)).toEqual(['70000000018']);
    expect((await listMeters(db, { search: 'salim' })).length).toBe(2);
    expect((await listMeters(db, { search: 'سالم' })).length).toBe(2);
    const m = await getMeter(db, '40000000014');
    expect(m?.protectedCategory).toBe('medical');
    expect(m?.state.online).toBe(false);
  });

  it.skipIf(skip)('a duplicate meter id is a unique violation and leaves the first one intact', async () => {
    const err = await createMeter(db, { id: '40000000014', service: 'water' }).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((await getMeter(db, '40000000014'))?.service).toBe('electricity');
  });

  it.skipIf(skip)('a failed transaction leaves nothing behind', async () => {
    await expect(db.transaction(async (tx) => {
      await createMeter(tx, { id: '40000000022', service: 'electricity' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await getMeter(db, '40000000022')).toBeNull();
  });

  it.skipIf(skip)('upserts readings idempotently and never rolls the latest state back', async () => {
    const r = (seq: number, ts: number, register: number) => ({ v: 1 as const, seq, ts, register, credit: 100 - seq, relay: 'closed' as const });
    const t = Date.UTC(2026, 5, 1);
    await upsertReadings(db, [{ meterId: '40000000014', reading: r(1, t, 10) }, { meterId: '40000000014', reading: r(2, t + 1000, 20) }]);
    // a replay of the same readings in one batch, twice
    await upsertReadings(db, [{ meterId: '40000000014', reading: r(2, t + 1000, 20) }, { meterId: '40000000014', reading: r(2, t + 1000, 20) }]);
    expect(await countReadings(db, '40000000014')).toBe(2);
    await applyLatestReading(db, '40000000014', r(2, t + 1000, 20));
    await applyLatestReading(db, '40000000014', r(1, t, 10));
    const m = await getMeter(db, '40000000014');
    expect(m?.state.register).toBe(20);
    expect(m?.state.lastSeq).toBe(2);
  });

  it.skipIf(skip)('a statement run before its table changed shape (another process migrated) still answers afterwards', async () => {
    // PostgreSQL runs statements with parameters as named prepared statements (postgres.ts): a new column changes
    // the result of a prepared SELECT *, which the server refuses; the store runs it again unnamed.
    await db.query('CREATE TABLE shape_probe (id integer PRIMARY KEY, a text)');
    await db.query("INSERT INTO shape_probe (id, a) VALUES (1, 'x')");
    for (let i = 0; i < 3; i++) expect((await db.query('SELECT * FROM shape_probe WHERE id = $1', [1])).rows).toEqual([{ id: 1, a: 'x' }]);
    await db.query("ALTER TABLE shape_probe ADD COLUMN b text NOT NULL DEFAULT 'y'");
    for (let i = 0; i < 3; i++) expect((await db.query('SELECT * FROM shape_probe WHERE id = $1', [1])).rows).toEqual([{ id: 1, a: 'x', b: 'y' }]);
    await db.query('DROP TABLE shape_probe');
  });

  it.skipIf(skip)('users: passwords hashed, sessions by token hash, expiry honoured', async () => {
    const u = await createUser(db, { username: 'op1', password: 'correct horse', role: 'operator' });
    const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    expect(stored.rows[0]!.password_hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', stored.rows[0]!.password_hash)).toBe(true);
    expect(await authenticateUser(db, 'op1', 'wrong')).toBeNull();
    expect(await authenticateUser(db, 'nobody', 'correct horse')).toBeNull();
    const s = await createSession(db, u.id);
    expect((await userForSession(db, s.token))?.username).toBe('op1');
    expect(await userForSession(db, s.token, Date.now() + 13 * 3600_000)).toBeNull();
    const raw = await db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [s.token]);
    expect(raw.rows).toHaveLength(0);
  });
});
