// Several workers on one store: SKIP LOCKED claims mean each message is handed to the peer once, on
// PGlite (one connection) and on a real PostgreSQL (a pool: the claims really race).
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openPglite, openPostgres, SecretBox, silentLogger, type Db } from '../../platform/index.ts';
import { createMeter, createSubscriber } from '../registry/index.ts';
import { createTempDatabase } from '../../test/support/postgres.ts';
import { allMigrations } from '../../app/index.ts';
import { WebhookChannel } from './channel-webhook.ts';
import { Outbox } from './outbox.ts';
import { startWebhookReceiver } from './test-peers.ts';

const temp = await createTempDatabase('notifications');
afterAll(async () => {
  await temp?.drop();
});
const SECRET = 'whsec-test-0123456789';
const N = 60;

describe.each([
  { name: 'pglite', open: () => openPglite(), skip: false },
  { name: 'postgres', open: () => openPostgres(temp!.url), skip: !temp },
])('outbox workers on $name', ({ open, skip }) => {
  it.skipIf(skip)(`${N} messages, three workers racing: each message reaches the peer exactly once`, async () => {
    const db: Db = await open();
    const hook = await startWebhookReceiver(SECRET);
    try {
      await migrate(db, allMigrations());
      const sub = await createSubscriber(db, { accountNo: 'C1', name: 'C1' });
      await createMeter(db, { id: '40000000001', service: 'electricity', subscriberId: sub });
      const box = SecretBox.random();
      const make = () => new Outbox({ db, box, logger: silentLogger, render: { currency: 'OMR', timeZone: 'Asia/Muscat' }, webhook: true, channels: { webhook: new WebhookChannel({ url: hook.url, secret: SECRET }) } });
      const first = make();
      for (let i = 0; i < N; i++) {
        await db.transaction((tx) => first.enqueue(tx, `cut:${i}`, '40000000001', { kind: 'cut_scheduled', meterId: '40000000001', requestId: i, at: Date.now() + 86_400_000 }));
      }
      // the same events again: no new rows
      await db.transaction((tx) => first.enqueue(tx, 'cut:0', '40000000001', { kind: 'cut_scheduled', meterId: '40000000001', requestId: 0, at: Date.now() }));
      const workers = [first, make(), make()];
      const run = async (w: Outbox) => { while ((await w.deliverDue(7)) > 0) { /* until empty */ } };
      await Promise.all(workers.map(run));
      expect(hook.received.length).toBe(N);
      expect(new Set(hook.keys).size).toBe(N);
      const counts = await first.counts();
      expect(counts).toEqual([{ channel: 'webhook', state: 'delivered', n: N }]);
    } finally {
      await hook.stop();
      await db.close();
    }
  }, 60_000);
});
