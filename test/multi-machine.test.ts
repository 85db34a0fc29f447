// Several machines on one PostgreSQL: secrets every process must share are checked against fingerprints in the
// store, and a process whose copy differs refuses to start naming the setting; two processes creating the first
// admin at once on a fresh database both start.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, openPglite, migrate } from '../platform/index.ts';
import { allMigrations, checkSharedSecret, ensureAdmin, SharedSecretMismatchError } from '../app/index.ts';
import { createTempDatabase } from './support/postgres.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const tdb = await createTempDatabase('multimachine');

describe('shared secrets', () => {
  it('records a secret once, accepts the same value, refuses another one naming the setting', async () => {
    const db = await openPglite();
    await migrate(db, allMigrations());
    const k = randomBytes(32).toString('base64url');
    expect(await checkSharedSecret(db, 'RASEED_DATA_KEY', k, 'share it')).toBe('recorded');
    expect(await checkSharedSecret(db, 'RASEED_DATA_KEY', k, 'share it')).toBe('matched');
    const other = randomBytes(32).toString('base64url');
    await expect(checkSharedSecret(db, 'RASEED_DATA_KEY', other, 'share it')).rejects.toThrow(SharedSecretMismatchError);
    await expect(checkSharedSecret(db, 'RASEED_DATA_KEY', other, 'share it')).rejects.toThrow(/^RASEED_DATA_KEY differs/);
    // The store holds a salted fingerprint, never the value.
    const row = (await db.query<{ fingerprint: string }>('SELECT fingerprint FROM shared_secret_fingerprints')).rows[0]!;
    expect(row.fingerprint).not.toContain(k);
    await db.close();
  });
});

describe.skipIf(!tdb)('processes on one PostgreSQL with their own data directories', () => {
  const stacks: TestStack[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await tdb?.drop();
  });
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'raseed-mm-'));
    dirs.push(d);
    return d;
  };

  it('two processes creating the first admin together on a fresh database both succeed, and there is one admin', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => openStore({ databaseUrl: tdb!.url, migrations: allMigrations() })));
    const r = await Promise.all([ensureAdmin(a!, 'first-admin-pw'), ensureAdmin(b!, 'first-admin-pw'), ensureAdmin(a!), ensureAdmin(b!)]);
    expect(r.every((x) => x.username === 'admin')).toBe(true);
    expect(Number((await a!.query<{ n: unknown }>("SELECT count(*) AS n FROM users WHERE username = 'admin'")).rows[0]!.n)).toBe(1);
    await a!.close();
    await b!.close();
  });

  it('a process with its own generated data key refuses to start, naming RASEED_DATA_KEY; with the shared key it starts', async () => {
    const first = await startTestStack({ DATABASE_URL: tdb!.url, DATA_DIR: dir(), SIM_METERS: '0' }, { parts: { broker: false, gateway: false, api: true, sim: false } });
    stacks.push(first);
    // A second machine: its own DATA_DIR, nothing shared: its generated data key differs.
    await expect(startTestStack({ DATABASE_URL: tdb!.url, DATA_DIR: dir(), SIM_METERS: '0' }, { parts: { broker: false, gateway: false, api: true, sim: false } }))
      .rejects.toThrow(/RASEED_DATA_KEY differs .*set RASEED_DATA_KEY to the same value on every machine/);
    const { readFileSync } = await import('node:fs');
    const key = readFileSync(join(dirs[0]!, 'data.key'), 'utf8').trim();
    const vk = readFileSync(join(dirs[0]!, 'vending-key.hex'), 'utf8').trim();
    const second = await startTestStack({ DATABASE_URL: tdb!.url, DATA_DIR: dir(), SIM_METERS: '0', RASEED_DATA_KEY: key, VENDING_KEY: vk }, { parts: { broker: false, gateway: false, api: true, sim: false } });
    stacks.push(second);
    // …but a different vending key is refused, naming VENDING_KEY.
    await expect(startTestStack({ DATABASE_URL: tdb!.url, DATA_DIR: dir(), SIM_METERS: '0', RASEED_DATA_KEY: key, VENDING_KEY: randomBytes(20).toString('hex') }, { parts: { broker: false, gateway: false, api: true, sim: false } }))
      .rejects.toThrow(/VENDING_KEY differs/);
  });

  it('a broker with another gateway password refuses to start, naming MQTT_PASSWORD', async () => {
    const { readFileSync } = await import('node:fs');
    const key = readFileSync(join(dirs[0]!, 'data.key'), 'utf8').trim();
    const vk = readFileSync(join(dirs[0]!, 'vending-key.hex'), 'utf8').trim();
    const env = { DATABASE_URL: tdb!.url, SIM_METERS: '0', RASEED_DATA_KEY: key, VENDING_KEY: vk };
    const b1 = await startTestStack({ ...env, DATA_DIR: dir(), MQTT_PASSWORD: 'gateway-pass-1' }, { parts: { broker: true, gateway: false, api: false, sim: false } });
    stacks.push(b1);
    await expect(startTestStack({ ...env, DATA_DIR: dir(), MQTT_PASSWORD: 'gateway-pass-2' }, { parts: { broker: true, gateway: false, api: false, sim: false } }))
      .rejects.toThrow(/MQTT_PASSWORD differs/);
  });
});
