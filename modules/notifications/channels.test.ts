// One suite every channel runs against its real peer (a local SMSC, SMTP server, webhook receiver).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type Channel, type DeliveryReceipt, type OutgoingMessage } from './channel.ts';
import { SmppChannel } from './channel-smpp.ts';
import { SmtpChannel } from './channel-smtp.ts';
import { WebhookChannel } from './channel-webhook.ts';
import { startSmsc, startSmtp, startWebhookReceiver, type TestPeer } from './test-peers.ts';

interface Fixture {
  peer: TestPeer;
  channel: Channel;
  /** A recipient this channel takes, and one it never will. */
  to: string;
  badTo: string | null;
  /** A channel pointed at a port nothing listens on. */
  unreachable: () => Channel;
}

const arabic = 'تم شحن العداد 70000000001 بمبلغ 5.250 ر.ع. الرمز: 1234 5678 9012 3456 7890';
const msg = (n: number, over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: `topup:T-${n}|x|y`, kind: 'topup_receipt', to: '', language: 'ar', subject: 'إيصال شحن', text: arabic, meterId: '70000000001', ...over,
});

const SECRET = 'whsec-test-0123456789';
const suites: [string, () => Promise<Fixture>][] = [
  ['sms (SMPP 3.4)', async () => {
    const peer = await startSmsc();
    return { peer, channel: new SmppChannel({ url: peer.url, timeoutMs: 3000 }), to: '+96890000001', badTo: 'not-a-number', unreachable: () => new SmppChannel({ url: 'smpp://raseed:secret@127.0.0.1:1', timeoutMs: 2000 }) };
  }],
  ['email (SMTP)', async () => {
    const peer = await startSmtp();
    return { peer, channel: new SmtpChannel({ url: peer.url, timeoutMs: 3000 }), to: 'subscriber@example.om', badTo: 'no-at-sign', unreachable: () => new SmtpChannel({ url: 'smtp://127.0.0.1:1?starttls=no', timeoutMs: 2000 }) };
  }],
  ['webhook (HMAC-SHA256)', async () => {
    const peer = await startWebhookReceiver(SECRET);
    return { peer, channel: new WebhookChannel({ url: peer.url, secret: SECRET, timeoutMs: 3000 }), to: '+96890000001', badTo: null, unreachable: () => new WebhookChannel({ url: 'http://127.0.0.1:1/x', secret: SECRET, timeoutMs: 2000 }) };
  }],
];

for (const [name, setup] of suites) {
  describe(`channel: ${name}`, () => {
    let f: Fixture;
    beforeAll(async () => { f = await setup(); });
    afterAll(async () => { await f.channel.close(); await f.peer.stop(); });

    it('delivers an Arabic message once, intact, to the recipient', async () => {
      const before = f.peer.received.length;
      const r = await f.channel.send(msg(1, { to: f.to }));
      expect(r.providerIds.length).toBeGreaterThan(0);
      await waitFor(() => f.peer.received.length > before);
      const got = f.peer.received.slice(before);
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toBe(arabic);
      expect(got[0]!.to.replace(/^\+/, '')).toBe(f.to.replace(/^\+/, ''));
    });

    it('a temporary refusal is a retryable ChannelError, and the next send goes through', async () => {
      f.peer.failNext(1, false);
      const err = await f.channel.send(msg(2, { to: f.to })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).permanent).toBe(false);
      await f.channel.send(msg(3, { to: f.to }));
    });

    it('a permanent refusal is a permanent ChannelError', async () => {
      f.peer.failNext(1, true);
      const err = await f.channel.send(msg(4, { to: f.to })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).permanent).toBe(true);
    });

    it('a recipient the channel cannot take is refused for good, without reaching the peer', async () => {
      if (f.badTo === null) return;
      const before = f.peer.received.length;
      const err = await f.channel.send(msg(5, { to: f.badTo })).catch((e: unknown) => e);
      expect((err as ChannelError).permanent).toBe(true);
      expect(f.peer.received.length).toBe(before);
    });

    it('a peer that is down is a retryable ChannelError, not a crash', async () => {
      const c = f.unreachable();
      const err = await c.send(msg(6, { to: f.to })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).permanent).toBe(false);
      await c.close();
      await c.close();
    });
  });
}

describe('channel specifics', () => {
  it('SMS: a 71-character Arabic text goes as two UCS-2 parts, 70 as one; 161 GSM-7 characters as two; receipts come back by id', async () => {
    const smsc = await startSmsc();
    const c = new SmppChannel({ url: smsc.url, timeoutMs: 3000 });
    const receipts: DeliveryReceipt[] = [];
    c.onReceipt((r) => receipts.push(r));
    try {
      const one = await c.send(msg(10, { to: '96890000001', text: 'ب'.repeat(70) }));
      const two = await c.send(msg(11, { to: '96890000001', text: 'ب'.repeat(71) }));
      const gsm = await c.send(msg(12, { to: '96890000001', text: 'a'.repeat(161) }));
      expect([one.providerIds.length, two.providerIds.length, gsm.providerIds.length]).toEqual([1, 2, 2]);
      await waitFor(() => smsc.received.length === 3 && receipts.length === 5);
      expect(smsc.received.map((r) => [r.parts, r.dataCoding, r.text.length])).toEqual([[1, 8, 70], [2, 8, 71], [2, 0, 161]]);
      expect(receipts.every((r) => r.delivered && r.status === 'DELIVRD')).toBe(true);
      expect(new Set(receipts.map((r) => r.providerId))).toEqual(new Set([...one.providerIds, ...two.providerIds, ...gsm.providerIds]));
    } finally {
      await c.close();
      await smsc.stop();
    }
  });

  it('SMS: a wrong SMSC password is a retryable error (the operator fixes SMPP_URL; nothing is lost)', async () => {
    const smsc = await startSmsc();
    const c = new SmppChannel({ url: smsc.url.replace('secret', 'wrong'), timeoutMs: 3000 });
    try {
      const err = await c.send(msg(13, { to: '96890000001' })).catch((e: unknown) => e);
      expect((err as ChannelError).permanent).toBe(false);
      expect(String(err)).not.toContain('wrong');
    } finally {
      await c.close();
      await smsc.stop();
    }
  });

  it('webhook: the signature covers timestamp and body, and a retry carries the same Idempotency-Key', async () => {
    const hook = await startWebhookReceiver(SECRET);
    const bad = new WebhookChannel({ url: hook.url, secret: 'another-secret', timeoutMs: 3000 });
    const good = new WebhookChannel({ url: hook.url, secret: SECRET, timeoutMs: 3000 });
    try {
      const err = await bad.send(msg(20, { to: 'x' })).catch((e: unknown) => e);
      expect((err as ChannelError).permanent).toBe(true);
      expect(hook.badSignatures).toBe(1);
      await good.send(msg(21, { to: 'x' }));
      await good.send(msg(21, { to: 'x' }));
      expect(hook.keys).toEqual([msg(21).idempotencyKey, msg(21).idempotencyKey]);
    } finally {
      await hook.stop();
    }
  });

  it('e-mail: a retry carries the same Message-ID', async () => {
    const smtp = await startSmtp();
    const c = new SmtpChannel({ url: smtp.url, timeoutMs: 3000 });
    try {
      await c.send(msg(30, { to: 'a@example.om' }));
      await c.send(msg(30, { to: 'a@example.om' }));
      await waitFor(() => smtp.received.length === 2);
      expect(smtp.received[0]!.key).toBe(smtp.received[1]!.key);
      expect(smtp.received[0]!.subject).toBe('إيصال شحن');
    } finally {
      await c.close();
      await smtp.stop();
    }
  });
});

async function waitFor(fn: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}
