// copyStore: PGlite → embedded PostgreSQL → a PostgreSQL server, rows and sequence positions intact.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openPglite, openPostgres } from './index.ts';
import { createMeter, createSubscriber, createUser, getMeter } from '../../modules/registry/index.ts';
import { upsertReadings } from '../../gateway/index.ts';
import { allMigrations } from '../../app/index.ts';
import { openEmbeddedPostgres } from './embedded-postgres.ts';
import { copyStore } from './copy-store.ts';
import { createTempDatabase } from '../../test/support/postgres.ts';

const dir = mkdtempSync(join(tmpdir(), 'raseed-copy-'));
const temp = await createTempDatabase('copy');
afterAll(async () => {
  await temp?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('copyStore', () => {
  it('copies PGlite into the embedded PostgreSQL, and that into a PostgreSQL server', async () => {
    const a = await openPglite();
    await migrate(a, allMigrations());
    const sub = await createSubscriber(a, { accountNo: 'ACC-9', name: 'Aisha', nameAr: 'عائشة' });
    await createMeter(a, { id: '40000000014', service: 'electricity', subscriberId: sub, area: 'Seeb' });
    await createUser(a, { username: 'op9', password: 'correct horse', role: 'operator' });
    const t = Date.UTC(2026, 5, 1);
    await upsertReadings(a, [1, 2, 3].map((seq) => ({ meterId: '40000000014', reading: { v: 1 as const, seq, ts: t + seq * 1000, register: seq * 10, credit: 100 - seq, relay: 'closed' as const } })));

    const b = await openEmbeddedPostgres(join(dir, 'pg'), { log: () => {} });
    try {
      const copied = await copyStore(a, b, allMigrations());
      expect(copied.meters).toBe(1);
      expect(copied.subscribers).toBe(1);
      expect(copied.users).toBe(1);
      expect(Object.values(copied).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(6);
      expect((await getMeter(b, '40000000014'))?.area).toBe('Seeb');
      // sequences continue where the source left off
      const next = await createSubscriber(b, { accountNo: 'ACC-10', name: 'Said' });
      expect(next).toBeGreaterThan(sub);
      await expect(copyStore(a, b, allMigrations())).rejects.toThrow(/not empty/);
      if (temp) {
        const c = await openPostgres(temp.url);
        try {
          const again = await copyStore(b, c, allMigrations());
          expect(again.subscribers).toBe(2);
          expect((await getMeter(c, '40000000014'))?.area).toBe('Seeb');
        } finally {
          await c.close();
        }
      }
    } finally {
      await b.close();
      await a.close();
    }
  }, 120_000);
});
