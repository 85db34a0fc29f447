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

describe('desk replies and polls', () => {
  it('the desk\'s written answer reaches the subscriber at once, in Arabic; the poll is written once per channel (it waits out quiet hours)', async () => {
    const admin = await s.adminToken();
    const id = s.plan[0]!.id;
    const post = (path: string, json: unknown = {}) => s.api(path, { method: 'POST', token: admin, json });
    const c = await post('/api/v1/cases', { kind: 'complaint', category: 'meter_fault', channel: 'call_centre', meterId: id, description: 'الشاشة لا تعرض الرصيد' });
    expect(c.status).toBe(201);
    const ref = c.body.reference as string;
    expect((await post(`/api/v1/cases/${ref}/assign`, { department: 'metering/maintenance', assignee: 'admin' })).status).toBe(200);
    expect((await post(`/api/v1/cases/${ref}/start`)).status).toBe(200);
    expect((await post(`/api/v1/cases/${ref}/reply`, { text: 'تم استبدال شاشة العداد.' })).status).toBe(200);
    await eventually(() => smsc.received.some((m) => m.text.includes(ref) && m.text.includes('تم استبدال شاشة العداد')));
    await eventually(() => smtp.received.some((m) => m.text.includes(ref)));
    expect((await post(`/api/v1/cases/${ref}/close`)).status).toBe(200);
    await eventually(async () => (await s.db.query(`SELECT 1 FROM notification_outbox WHERE kind = 'case_poll' AND event_key LIKE $1`, [`case-poll:${ref}:%`])).rows.length === 2);
    await new Promise((res) => setTimeout(res, 2500)); // a worker round more: nothing doubles
    expect(smsc.received.filter((m) => m.text.includes(ref) && m.text.includes('تم استبدال'))).toHaveLength(1);
    expect(smtp.received.filter((m) => m.text.includes(ref) && m.text.includes('تم استبدال'))).toHaveLength(1);
    const rows = (await s.db.query<{ kind: string; channel: string }>(`SELECT kind, channel FROM notification_outbox WHERE event_key LIKE $1 ORDER BY kind, channel`, [`case-%:${ref}:%`])).rows;
    expect(rows).toEqual([{ kind: 'case_poll', channel: 'email' }, { kind: 'case_poll', channel: 'sms' }, { kind: 'case_reply', channel: 'email' }, { kind: 'case_reply', channel: 'sms' }]);
  });
});

describe('subscriber preferences', () => {
  it('a subscriber sets English and opts out of low-credit warnings (audited); receipts and notices cannot be refused', async () => {
    const demo = s.seeded!.demoSubscriber!;
    const token = await s.login(demo.username, demo.password);
    const got = await s.api('/api/v1/me/notification-preferences', { token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ language: 'ar', optOut: [], optional: ['credit_low', 'leak'] });
    const put = await s.api('/api/v1/me/notification-preferences', { method: 'PUT', token, json: { language: 'en', optOut: ['credit_low'] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ language: 'en', optOut: ['credit_low'] });
    expect((await s.api('/api/v1/me/notification-preferences', { method: 'PUT', token, json: { optOut: ['topup_receipt'] } })).status).toBe(400);
    expect((await s.api('/api/v1/me/notification-preferences', { token: await s.adminToken() })).status).toBe(403);
    const audit = await s.api('/api/v1/audit?action=notification.preferences', { token: await s.adminToken() });
    expect(audit.body.entries[0]).toMatchObject({ actor: demo.username, outcome: 'updated' });
    // the opt-out holds: a low-credit episode writes nothing for this subscriber's contacts
    const api = s.modules.notifications!.api as import('./module.ts').NotificationsApi;
    const meter = (await s.db.query<{ id: string }>('SELECT m.id FROM meters m JOIN subscribers x ON x.id = m.subscriber_id JOIN users u ON u.id = x.user_id WHERE u.username = $1 LIMIT 1', [demo.username])).rows[0]!.id;
    await s.db.query(`DELETE FROM notification_alerts WHERE meter_id = $1`, [meter]);
    const before = (await api.outbox.list({ meterId: meter })).filter((r) => r.kind === 'credit_low').length;
    await api.onCredit(meter, 50_000);
    await api.onCredit(meter, 1);
    const after = (await api.outbox.list({ meterId: meter })).filter((r) => r.kind === 'credit_low').length;
    expect(after).toBe(before);
  });
});
