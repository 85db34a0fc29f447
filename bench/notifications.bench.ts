// Outbox throughput: N messages written in N transactions (the enqueue an event pays for), then delivered
// to a local webhook receiver and a local SMSC by W workers, on PostgreSQL (TEST_PG_URL or 127.0.0.1:5432).
// Env: NOTIFY_N (default 2000), NOTIFY_WORKERS (default 2).
import { migrate, openPostgres, SecretBox, silentLogger } from '../platform/index.ts';
import { createMeter, createSubscriber } from '../modules/registry/index.ts';
import { Outbox, SmppChannel, WebhookChannel } from '../modules/notifications/index.ts';
import { startSmsc, startWebhookReceiver } from '../modules/notifications/test-peers.ts';
import { createTempDatabase } from '../test/support/postgres.ts';
import { allMigrations } from '../app/index.ts';

const N = Number(process.env.NOTIFY_N ?? 2000);
const W = Number(process.env.NOTIFY_WORKERS ?? 2);
const temp = await createTempDatabase('notify_bench');
if (!temp) process.exit(1);
const db = await openPostgres(temp.url);
const hook = await startWebhookReceiver('bench-secret-0123456789');
const smsc = await startSmsc({ receipts: 'DELIVRD' });
try {
  await migrate(db, allMigrations());
  const sub = await createSubscriber(db, { accountNo: 'B1', name: 'Bench', phone: '+96890000001' });
  await createMeter(db, { id: '40000000001', service: 'electricity', subscriberId: sub });
  const box = SecretBox.random();
  const make = () => new Outbox({
    db, box, logger: silentLogger, render: { currency: 'OMR', timeZone: 'Asia/Muscat' }, webhook: true, quietHours: null,
    channels: { webhook: new WebhookChannel({ url: hook.url, secret: 'bench-secret-0123456789' }), sms: new SmppChannel({ url: smsc.url }) },
  });
  const workers = Array.from({ length: W }, make);
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    await db.transaction((tx) => workers[0]!.enqueue(tx, `cut:${i}`, '40000000001', { kind: 'cut_scheduled', meterId: '40000000001', requestId: i, at: Date.now() + 86_400_000 }));
  }
  const enqueueMs = performance.now() - t;
  t = performance.now();
  await Promise.all(workers.map(async (w) => { while ((await w.deliverDue(50)) > 0) { /* drain */ } }));
  const deliverMs = performance.now() - t;
  const counts = await workers[0]!.counts();
  console.log(JSON.stringify({
    messages: N * 2, events: N, workers: W,
    enqueuePerEventMs: +(enqueueMs / N).toFixed(3), deliveredPerSecond: Math.round((N * 2) / (deliverMs / 1000)),
    webhookReceived: hook.received.length, smscReceived: smsc.received.length, counts,
  }));
} finally {
  await hook.stop();
  await smsc.stop();
  await db.close();
  await temp.drop();
}
process.exit(0);
