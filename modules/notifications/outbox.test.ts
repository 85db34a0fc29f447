// The outbox on the in-memory store with real peers (local SMSC, SMTP server, webhook receiver): a top-up
// accepted writes its receipt in the acceptance's transaction and it reaches each peer once, in Arabic;
// replays are no-ops; retries with back-off; dead letters; receipts; and what a crash does.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, SecretBox, silentLogger, type Db } from '../../platform/index.ts';
import { createMeter, createSubscriber, meterExistsIn } from '../registry/index.ts';
import { CommandService } from '../../gateway/index.ts';
import { meterNumber } from '../../meter-sim/index.ts';
import { DEFAULT_TARIFFS, loadVendingKeys, TariffSet, TopUpService, TOKEN_COMMAND } from '../prepaid/index.ts';
import { allMigrations } from '../../app/index.ts';
import type { Channel, ChannelName, OutgoingMessage, SendResult } from './channel.ts';
import { SmppChannel } from './channel-smpp.ts';
import { SmtpChannel } from './channel-smtp.ts';
import { WebhookChannel } from './channel-webhook.ts';
import { Outbox, type OutboxOptions } from './outbox.ts';
import { startSmsc, startSmtp, startWebhookReceiver } from './test-peers.ts';

const SECRET = 'whsec-test-0123456789';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
});

async function setup(o: { language?: 'ar' | 'en'; start?: number } = {}) {
  const db: Db = await openStore({ migrations: allMigrations() });
  cleanup.push(() => db.close());
  const clock = { t: o.start ?? Date.parse('2026-11-30T06:00:00Z') }; // 10:00 in Muscat
  const box = SecretBox.random();
  const commands = new CommandService({ db, box, transport: null, logger: silentLogger, now: () => clock.t, meterExists: meterExistsIn(db) });
  commands.register(TOKEN_COMMAND);
  const keys = loadVendingKeys({ logger: silentLogger, vendingKeyHex: '0123456789abcdef0123456789abcdef01234567' });
  const topups = new TopUpService({ db, box, commands, logger: silentLogger, currency: 'OMR', timeZone: 'Asia/Muscat', tariffs: new TariffSet(DEFAULT_TARIFFS), keys, now: () => clock.t });
  const meterId = meterNumber(1, 4);
  const sub = await createSubscriber(db, { accountNo: 'A1', name: 'Salim', phone: '+96890000001' });
  await db.query('UPDATE subscribers SET email = $2, language = $3 WHERE id = $1', [sub, 'salim@example.om', o.language ?? 'ar']);
  await createMeter(db, { id: meterId, service: 'electricity', subscriberId: sub, tariffClass: 'residential', sts: keys.defaults });
  const smsc = await startSmsc();
  const smtp = await startSmtp();
  const hook = await startWebhookReceiver(SECRET);
  cleanup.push(() => smsc.stop(), () => smtp.stop(), () => hook.stop());
  const made: Outbox[] = [];
  const channelsFor = (): Record<ChannelName, Channel> => {
    const c = { sms: new SmppChannel({ url: smsc.url, timeoutMs: 3000 }), email: new SmtpChannel({ url: smtp.url, timeoutMs: 3000 }), webhook: new WebhookChannel({ url: hook.url, secret: SECRET, timeoutMs: 3000 }) };
    cleanup.push(() => c.sms.close(), () => c.email.close());
    return c;
  };
  /** An outbox as one process would run it (a "restart" makes a new one over the same store). */
  const outboxOf = (over: Partial<OutboxOptions> = {}) => {
    const ob = new Outbox({ db, box, logger: silentLogger, render: { currency: 'OMR', timeZone: 'Asia/Muscat' }, channels: channelsFor(), webhook: true, now: () => clock.t, backoffMs: (n) => 1000 * n, ...over });
    made.push(ob);
    return ob;
  };
  let current: Outbox | null = null;
  topups.onAccepted(async (tx, rec) => void (await current!.enqueueGuarded(tx, `topup:${rec.reference}`, rec.meterId, {
    kind: 'topup_receipt', reference: rec.reference, meterId: rec.meterId, amountMinor: rec.amount, unitsTenths: rec.unitsTenths, service: 'electricity', token: topups.token(rec), at: rec.finishedAt ?? clock.t,
  })));
  const topUp = async (ob: Outbox, amount = '5.000') => {
    current = ob;
    const ref = (await topups.topUp({ meterId, amount, idempotencyKey: `k-${amount}-${Math.random()}`, actor: { kind: 'operator', name: 'op' } })).record.reference;
    const fin = await commands.onAck(meterId, { v: 1, ref, ts: clock.t, status: 'ok', result: 'accept' });
    await topups.applyCommand(fin!);
    return { ref, token: topups.token((await topups.get(ref))!) };
  };
  return { db, clock, box, topups, commands, meterId, sub, smsc, smtp, hook, outboxOf, topUp };
}

const until = async (fn: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('outbox', () => {
  it('a top-up accepted for a subscriber with a phone and an e-mail gives exactly one SMS and one e-mail, in Arabic, with the token', async () => {
    const s = await setup();
    const ob = s.outboxOf();
    const { ref, token } = await s.topUp(ob);
    const rows = await ob.list({ meterId: s.meterId });
    expect(rows.map((r) => [r.channel, r.state, r.language]).sort()).toEqual([['email', 'queued', 'ar'], ['sms', 'queued', 'ar'], ['webhook', 'queued', 'ar']]);
    // the preview (what operators see) never carries the token
    for (const r of rows) expect(r.preview).not.toContain(token!.slice(0, 8));
    // replaying the acceptance (a second ack, a recovery pass) writes nothing new
    const fin = await s.commands.get(ref);
    await s.topups.applyCommand(fin!);
    expect((await ob.list({ meterId: s.meterId })).length).toBe(3);

    await ob.deliverDue();
    await ob.deliverDue();
    await until(() => s.smsc.received.length === 1 && s.smtp.received.length === 1 && s.hook.received.length === 1);
    const grouped = token!.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(s.smsc.received[0]!.text).toContain(grouped);
    expect(s.smsc.received[0]!.text).toMatch(/تم شحن العداد/);
    expect(s.smsc.received[0]!.dataCoding).toBe(8);
    expect(s.smtp.received[0]!.text).toContain(grouped);
    expect(s.smtp.received[0]!.subject).toContain('إيصال شحن');
    // the SMSC's delivery receipts move the SMS to delivered; e-mail and webhook are delivered on acceptance
    await until(async () => (await ob.list({ meterId: s.meterId })).every((r) => r.state === 'delivered'));
    await ob.deliverDue();
    expect([s.smsc.received.length, s.smtp.received.length, s.hook.received.length]).toEqual([1, 1, 1]);
  });

  it('an English subscriber gets English; a subscriber with no contact gets nothing but the webhook', async () => {
    const s = await setup({ language: 'en' });
    const ob = s.outboxOf();
    await s.topUp(ob);
    const rows = await ob.list({ meterId: s.meterId, channel: 'sms' });
    expect(rows[0]!.language).toBe('en');
    expect(rows[0]!.preview).toMatch(/^Meter \d+ topped up with OMR 5\.000/);
    expect(rows[0]!.smsEncoding).toBe('gsm7');
    await s.db.query('UPDATE subscribers SET phone = NULL, email = NULL');
    await s.topUp(ob, '6.000');
    expect((await ob.list({ meterId: s.meterId })).filter((r) => r.preview.includes('6.000')).map((r) => r.channel)).toEqual(['webhook']);
  });

  it('with no channel configured, messages stay queued (nothing lost) and go once a channel is there', async () => {
    const s = await setup();
    const none = s.outboxOf({ channels: {} });
    await s.topUp(none);
    expect(await none.deliverDue()).toBe(0);
    expect((await none.list()).every((r) => r.state === 'queued')).toBe(true);
    const later = s.outboxOf();
    await later.deliverDue();
    await until(() => s.smsc.received.length === 1 && s.smtp.received.length === 1);
  });

  it('temporary refusals are retried with back-off; attempts run out into a dead letter; a permanent refusal is dead at once; retry queues it again', async () => {
    const s = await setup();
    const ob = s.outboxOf({ maxAttempts: 3, channels: { email: new SmtpChannel({ url: s.smtp.url, timeoutMs: 3000 }), sms: new SmppChannel({ url: s.smsc.url, timeoutMs: 3000 }) } });
    s.smtp.failNext(10, false);
    s.smsc.failNext(1, true);
    await s.topUp(ob);
    await ob.deliverDue();
    let mail = (await ob.list({ channel: 'email' }))[0]!;
    expect(mail).toMatchObject({ state: 'queued', attempts: 1 });
    expect(mail.nextAttemptAt).toBe(s.clock.t + 1000);
    expect((await ob.list({ channel: 'sms' }))[0]).toMatchObject({ state: 'dead', attempts: 1 });
    expect(await ob.deliverDue()).toBe(0); // not due yet
    s.clock.t += 1000;
    await ob.deliverDue();
    mail = (await ob.list({ channel: 'email' }))[0]!;
    expect(mail).toMatchObject({ state: 'queued', attempts: 2, nextAttemptAt: s.clock.t + 2000 });
    s.clock.t += 2000;
    await ob.deliverDue();
    mail = (await ob.list({ channel: 'email' }))[0]!;
    expect(mail.state).toBe('dead');
    expect(mail.lastError).toMatch(/451/);
    expect((await ob.list({ state: 'dead' })).length).toBe(2);

    s.smtp.failNext(0);
    const again = await s.db.transaction((tx) => ob.retry(tx, mail.id));
    expect(again).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await s.db.transaction((tx) => ob.retry(tx, mail.id))).toBe(false);
    expect(await s.db.transaction((tx) => ob.retry(tx, 999_999))).toBeNull();
    await ob.deliverDue();
    await until(() => s.smtp.received.length === 1);
    expect((await ob.get(mail.id))!.state).toBe('delivered');
  });

  it('an SMSC receipt of UNDELIV marks the SMS failed', async () => {
    const s = await setup();
    await s.smsc.stop();
    const smsc = await startSmsc({ receipts: 'UNDELIV' });
    cleanup.push(() => smsc.stop());
    const sms = new SmppChannel({ url: smsc.url, timeoutMs: 3000 });
    cleanup.push(() => sms.close());
    const ob = s.outboxOf({ channels: { sms } });
    await s.topUp(ob);
    await ob.deliverDue();
    await until(async () => (await ob.list({ channel: 'sms' }))[0]!.state === 'failed');
    expect((await ob.list({ channel: 'sms' }))[0]!.lastError).toBe('delivery receipt: UNDELIV');
  });

  it('a crash between the event and the send: the restarted worker delivers each message exactly once', async () => {
    const s = await setup();
    // the process that accepted the top-up dies before its worker runs: the outbox rows are committed
    await s.topUp(s.outboxOf());
    // restart: a new outbox (new channels, new connections) over the same store
    const restarted = s.outboxOf();
    await restarted.deliverDue();
    await restarted.deliverDue();
    await until(() => s.smsc.received.length === 1 && s.smtp.received.length === 1 && s.hook.received.length === 1);
    const again = s.outboxOf();
    await again.deliverDue();
    await new Promise((r) => setTimeout(r, 200));
    expect([s.smsc.received.length, s.smtp.received.length, s.hook.received.length]).toEqual([1, 1, 1]);
  });

  it('a crash between send and mark: the row is sent again once the lease runs out — at-least-once, with the same idempotency key', async () => {
    const s = await setup();
    // a channel whose peer takes the message and whose process then dies before marking it (send never returns)
    const hung = (c: Channel): Channel => ({
      name: c.name, onReceipt: (fn) => c.onReceipt(fn), close: () => c.close(),
      send: (m: OutgoingMessage) => c.send(m).then(() => new Promise<SendResult>(() => {})),
    });
    const dying = s.outboxOf({ leaseMs: 60_000, channels: { webhook: hung(new WebhookChannel({ url: s.hook.url, secret: SECRET, timeoutMs: 3000 })), email: hung(new SmtpChannel({ url: s.smtp.url, timeoutMs: 3000 })) } });
    await s.topUp(dying);
    // each run takes one row and never comes back (the process is gone)
    void dying.deliverDue(1);
    await until(() => s.smtp.received.length === 1);
    void dying.deliverDue(1);
    await until(() => s.hook.received.length === 1 && s.smtp.received.length === 1);
    expect((await dying.list()).filter((r) => r.channel !== 'sms').every((r) => r.state === 'sending')).toBe(true);

    const restarted = s.outboxOf({ leaseMs: 60_000 });
    expect(await restarted.deliverDue()).toBe(1); // only the SMS: the others are still leased
    s.clock.t += 60_001;
    expect(await restarted.deliverDue()).toBe(2);
    await until(() => s.hook.received.length === 2 && s.smtp.received.length === 2);
    // the peer saw it twice with the same key: a receiver that de-duplicates by it shows one message
    expect(new Set(s.hook.keys).size).toBe(1);
    expect(s.smtp.received[0]!.key).toBe(s.smtp.received[1]!.key);
    const rows = await restarted.list();
    expect(rows.map((r) => [r.channel, r.state, r.attempts]).sort()).toEqual([['email', 'delivered', 2], ['sms', 'delivered', 1], ['webhook', 'delivered', 2]]);
  });

  it('non-urgent kinds wait for the end of quiet hours (local time)', async () => {
    const s = await setup({ start: Date.parse('2026-11-30T19:00:00Z') }); // 23:00 in Muscat
    const ob = s.outboxOf();
    await s.db.transaction((tx) => ob.enqueue(tx, 'low_credit:x:1', s.meterId, { kind: 'credit_low', meterId: s.meterId, service: 'electricity', daysLeft: 2, creditUnits: 15_000 }));
    await s.db.transaction((tx) => ob.enqueue(tx, 'leak:x:1', s.meterId, { kind: 'leak', meterId: s.meterId, averageLitresPerDay: 400, recentLitresPerDay: 900, hours: 48, night: false }));
    const rows = await ob.list();
    const low = rows.find((r) => r.kind === 'credit_low')!;
    const leak = rows.find((r) => r.kind === 'leak')!;
    expect(new Date(low.nextAttemptAt).toISOString()).toBe('2026-12-01T03:00:00.000Z'); // 07:00 Muscat
    expect(leak.nextAttemptAt).toBe(s.clock.t);
  });

  it('a failure to write the outbox never rolls back the event that caused it', async () => {
    const s = await setup();
    const ob = s.outboxOf();
    await s.db.query('ALTER TABLE notification_outbox RENAME TO notification_outbox_gone');
    const { ref } = await s.topUp(ob);
    expect((await s.topups.get(ref))!.state).toBe('accepted');
    await s.db.query('ALTER TABLE notification_outbox_gone RENAME TO notification_outbox');
  });
});
