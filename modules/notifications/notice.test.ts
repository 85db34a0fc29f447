// The policy's notice rule with notifications: a final notice counts only once one of its messages was
// delivered (or when none could be sent). No channel is configured here, so the notice SMS stays queued
// and a cut is held back by the rule "notice".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../test/support/stack.ts';
import type { PolicyApi } from '../policy/index.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '3', SIM_INTERVAL: '5' });
});
afterAll(async () => {
  await s?.stop();
});

describe('final notices and the notice rule', () => {
  it('a cut whose notice was never delivered is held back by the rule "notice"; once delivered it counts', async () => {
    const admin = await s.adminToken();
    const meter = s.plan.find((p) => p.service === 'electricity' && !p.protectedCategory)!.id;
    await s.db.query(`UPDATE subscribers SET phone = '+96890000009' WHERE id = (SELECT subscriber_id FROM meters WHERE id = $1)`, [meter]);
    const issuedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const n = await s.api(`/api/v1/meters/${meter}/final-notices`, { method: 'POST', token: admin, json: { note: 'arrears 42.500', debtMinor: 42_500, unpaidInvoices: 2, issuedAt } });
    expect(n.status).toBe(201);
    const rows = await s.api(`/api/v1/notifications?meterId=${meter}`, { token: admin });
    const notice = rows.body.items.find((x: { kind: string }) => x.kind === 'final_notice');
    expect(notice).toMatchObject({ channel: 'sms', state: 'queued', language: 'ar' });
    expect(rows.body.configured).toEqual([]);

    const relay = (s.modules.policy!.api as PolicyApi).relay;
    const at = Date.parse('2026-12-01T06:00:00Z'); // a Tuesday, 10:00 in Muscat
    const held = await relay.preview(meter, 'disconnect', 'non_payment', Math.max(at, Date.now()));
    expect(held.verdicts.find((v) => v.rule === 'notice')).toMatchObject({ verdict: 'refuse' });

    await s.db.query(`UPDATE notification_outbox SET state = 'delivered' WHERE id = $1`, [notice.id]);
    const counted = await relay.preview(meter, 'disconnect', 'non_payment', Math.max(at, Date.now()));
    expect(counted.verdicts.find((v) => v.rule === 'notice')).toMatchObject({ verdict: 'pass' });
  });
});
