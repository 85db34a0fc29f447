// The module in the whole stack: SMPP_URL and SMTP_URL pointed at local peers, a subscriber's top-up
// through the API reaches the SMSC and the SMTP server once each, in Arabic; the operators' API lists
// messages and dead letters, and a retry is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from '../../test/support/stack.ts';
import { startSmsc, startSmtp, type TestPeer } from './test-peers.ts';

let s: TestStack;
let smsc: TestPeer;
let smtp: TestPeer;
beforeAll(async () => {
  smsc = await startSmsc();
  smtp = await startSmtp();
  s = await startTestStack({ SIM_METERS: '1', SIM_INTERVAL: '0.5', SMPP_URL: smsc.url, SMTP_URL: smtp.url });
  await s.db.query(`UPDATE subscribers SET phone = '+96890000001', email = 'salim@example.om', language = 'ar'`);
  await eventually(() => s.plan.every((p) => s.online.has(p.id)));
});
afterAll(async () => {
  await s?.stop();
  await smsc?.stop();
  await smtp?.stop();
});

describe('notifications in the stack', () => {
  it('a top-up through the API gives one SMS and one e-mail with the token, in Arabic', async () => {
    const admin = await s.adminToken();
    const id = s.plan[0]!.id;
    const r = await s.api(`/api/v1/meters/${id}/topups?wait=15000`, { method: 'POST', token: admin, json: { amount: '5.000' }, headers: { 'Idempotency-Key': 'notify-1' } });
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('accepted');
    const token = r.body.token as string; // "1234 5678 …"
    await eventually(() => smsc.received.some((m) => m.text.includes(token)) && smtp.received.some((m) => m.text.includes(token)));
    await new Promise((res) => setTimeout(res, 2500)); // a worker round more: nothing doubles
    expect(smsc.received.filter((m) => m.text.includes(token))).toHaveLength(1);
    expect(smtp.received.filter((m) => m.text.includes(token))).toHaveLength(1);
    expect(smsc.received.find((m) => m.text.includes(token))!.text).toContain('تم شحن العداد');

    const list = await s.api(`/api/v1/notifications?meterId=${id}`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.configured.sort()).toEqual(['email', 'sms']);
    const receipts = list.body.items.filter((x: { kind: string }) => x.kind === 'topup_receipt');
    expect(receipts.map((x: { channel: string }) => x.channel).sort()).toEqual(['email', 'sms']);
    // the API never shows the token
    expect(JSON.stringify(list.body)).not.toContain(token);
    await eventually(async () => (await s.api(`/api/v1/notifications?meterId=${id}&channel=sms`, { token: admin })).body.items.some((x: { kind: string; state: string }) => x.kind === 'topup_receipt' && x.state === 'delivered'));
  });

  it('dead letters are listed, a retry is audited, bad input is a 4xx', async () => {
    const admin = await s.adminToken();
    const row = (await s.db.query<{ id: string }>(`SELECT id FROM notification_outbox WHERE kind = 'topup_receipt' AND channel = 'email'`)).rows[0]!;
    const id = Number(row.id);
    expect((await s.api(`/api/v1/notifications/${id}/retry`, { method: 'POST', token: admin, json: {} })).status).toBe(409);
    await s.db.query(`UPDATE notification_outbox SET state = 'dead', last_error = 'SMTP: 550 mailbox unavailable' WHERE id = $1`, [id]);
    const dead = await s.api('/api/v1/notifications?state=dead', { token: admin });
    expect(dead.body.items.map((x: { id: number }) => x.id)).toEqual([id]);
    const retry = await s.api(`/api/v1/notifications/${id}/retry`, { method: 'POST', token: admin, json: { note: 'mailbox fixed' } });
    expect(retry.status).toBe(200);
    expect(retry.body.state).toBe('queued');
    const audit = await s.api('/api/v1/audit?action=notification.retry', { token: admin });
    expect(audit.body.entries[0]).toMatchObject({ actor: 'admin', target: String(id), outcome: 'queued', note: 'mailbox fixed' });
    expect((await s.api('/api/v1/notifications/999999/retry', { method: 'POST', token: admin, json: {} })).status).toBe(404);
    expect((await s.api('/api/v1/notifications?state=lost', { token: admin })).status).toBe(400);
    expect((await s.api('/api/v1/notifications/abc/retry', { method: 'POST', token: admin, json: {} })).status).toBe(400);
    expect((await s.api('/api/v1/notifications')).status).toBe(401);
  });
});
