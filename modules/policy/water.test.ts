// The water alternatives to a cut, end to end on the real broker with simulated meters: an operator limits a
// water meter's flow (the meter obeys and acknowledges; the API's water state reads "limited"), a limit of 0
// or under the lifeline is a 400 that stores nothing, an electricity meter rejects the command as
// unsupported, a real top-up (token delivered and accepted) lifts the limit by itself, and a payment
// reminder writes one outbox message and one audit entry per Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from '../../test/support/stack.ts';
import { prepaidModule } from '../prepaid/index.ts';
import { notificationsModule } from '../notifications/index.ts';
import { createPolicyModule, type PolicyApi } from './index.ts';

/** Tuesday 10:00 in Muscat: outside quiet hours, weekends and calendar periods. */
const clock = Date.parse('2026-11-24T10:00:00+04:00');

let s: TestStack;
let admin: string;
const sim = (id: string) => s.fleet!.byId.get(id)!;

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '6', SIM_INTERVAL: '0.3' }, { modules: [prepaidModule, createPolicyModule({ now: () => clock }), notificationsModule] });
  admin = await s.adminToken();
  await eventually(() => s.plan.every((p) => s.online.has(p.id)), 30_000);
});
afterAll(async () => {
  await s?.stop();
});

const waterMeters = () => s.plan.filter((p) => p.service === 'water' && !p.protectedCategory);
const count = async (sql: string, params: unknown[]) => Number((await s.db.query<{ n: number }>(sql, params)).rows[0]!.n);

describe('limit the flow of a water meter', () => {
  it('a limit of 0, or under the lifeline, is 400 and stores nothing', async () => {
    const id = waterMeters()[0]!.id;
    for (const litresPerHour of [0, 29]) {
      const r = await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: admin, json: { litresPerHour, note: 'arrears, try a limit' } });
      expect(r.status).toBe(400);
      expect(r.body.detail).toMatch(/below the lifeline of 30 L\/h: water is never cut/);
    }
    expect(await count('SELECT count(*)::int AS n FROM water_actions WHERE meter_id = $1', [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM commands WHERE meter_id = $1 AND type = 'flow_limit'`, [id])).toBe(0);
    expect((await s.api(`/api/v1/meters/${id}/water`, { token: admin })).body.flow.state).toBe('none');
  });

  it('the water meter obeys the limit and acknowledges it; the state reads limited; the request is audited and idempotent', async () => {
    const id = waterMeters()[0]!.id;
    const r = await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: admin, json: { litresPerHour: 40, note: 'three months unpaid' }, headers: { 'Idempotency-Key': 'limit-1' } });
    expect(r.status).toBe(202);
    expect(r.body.replayed).toBe(false);
    const ref = r.body.action.reference as string;
    expect(ref).toMatch(/^C-/);
    expect(r.body.action).toMatchObject({ kind: 'flow_limit', litresPerHour: 40, requestedBy: 'admin' });
    expect(r.body.action.decision.outcome).toBe('allow');
    const done = await eventually(async () => { const c = (await s.api(`/api/v1/commands/${ref}`, { token: admin })).body; return c.status === 'acknowledged' ? c : null; });
    expect(done).toMatchObject({ type: 'flow_limit', action: 'limit', result: 'limited' });
    expect(sim(id).meter.state.flowLimitLph).toBe(40);
    // The meter's telemetry shows the throttled flow.
    const reading = sim(id).meter.reading(Date.now());
    expect(reading.flowLph).toBeLessThanOrEqual(40);
    const w = (await s.api(`/api/v1/meters/${id}/water`, { token: admin })).body;
    expect(w.flow).toMatchObject({ state: 'limited', litresPerHour: 40, reference: ref, by: 'admin' });
    expect(w.lifelineLitresPerHour).toBe(30);

    const again = await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: admin, json: { litresPerHour: 40, note: 'three months unpaid' }, headers: { 'Idempotency-Key': 'limit-1' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, action: { reference: ref } });
    const other = await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: admin, json: { litresPerHour: 60, note: 'three months unpaid' }, headers: { 'Idempotency-Key': 'limit-1' } });
    expect(other.status).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM commands WHERE meter_id = $1 AND type = 'flow_limit'`, [id])).toBe(1);

    const audit = await s.api(`/api/v1/audit?action=water.flow_limit&meterId=${id}`, { token: admin });
    const entry = audit.body.entries.find((e: { outcome: string }) => e.outcome === 'executed');
    expect(entry).toMatchObject({ actor: 'admin', commandReference: ref, note: 'three months unpaid' });
    expect(entry.ip).toBeTruthy();
  });

  it('a top-up accepted by the meter lifts the limit by itself', async () => {
    const id = waterMeters()[0]!.id;
    const t = await s.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: admin, json: { amount: '2.000' }, headers: { 'Idempotency-Key': 'water-pay-1' } });
    expect(t.status).toBeLessThan(300);
    await eventually(() => sim(id).meter.state.flowLimitLph == null, 30_000);
    const w = await eventually(async () => { const b = (await s.api(`/api/v1/meters/${id}/water`, { token: admin })).body; return b.flow.state === 'none' ? b : null; }, 30_000);
    const lift = w.actions.find((a: { kind: string }) => a.kind === 'flow_restore');
    expect(lift).toMatchObject({ requestedBy: 'system:payment', triggerRef: t.body.reference });
    expect(lift.command).toMatchObject({ status: 'acknowledged', result: 'unlimited' });
    // The same payment again lifts nothing more.
    const api = s.modules.policy!.api as PolicyApi;
    expect((await api.water.liftAfterPayment(id, t.body.reference)).status).not.toBe('lifting');
  });

  it('an electricity meter: the API answers 409, and the meter itself rejects the command as unsupported', async () => {
    const id = s.plan.find((p) => p.service === 'electricity')!.id;
    const r = await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: admin, json: { note: 'not water' } });
    expect(r.status).toBe(409);
    expect(r.body.type).toMatch(/not-water/);
    const rec = await s.commands.issue(id, { type: 'flow_limit', action: 'limit', litresPerHour: 50 }, { issuer: 'test' });
    const done = await eventually(async () => { const c = await s.commands.get(rec.reference); return c && c.status !== 'pending' && c.status !== 'sent' ? c : null; });
    expect(done).toMatchObject({ status: 'rejected', result: 'unsupported' });
  });

  it('viewers may read but not limit', async () => {
    const { createUser } = await import('../registry/index.ts');
    await createUser(s.db, { username: 'viewer-w', password: 'viewer-w-password', role: 'viewer' });
    const v = await s.login('viewer-w', 'viewer-w-password');
    const id = waterMeters()[0]!.id;
    expect((await s.api(`/api/v1/meters/${id}/flow-limit`, { method: 'POST', token: v, json: { note: 'a viewer tries' } })).status).toBe(403);
    expect((await s.api(`/api/v1/meters/${id}/water`, { token: v })).status).toBe(200);
  });
});

describe('send a payment reminder', () => {
  it('writes one outbox message and one audit entry per Idempotency-Key, with a reference', async () => {
    const id = waterMeters()[1]?.id ?? waterMeters()[0]!.id;
    await s.db.query(`UPDATE subscribers SET phone = '+96890000019' WHERE id = (SELECT subscriber_id FROM meters WHERE id = $1)`, [id]);
    const nokey = await s.api(`/api/v1/meters/${id}/reminders`, { method: 'POST', token: admin, json: {} });
    expect(nokey.status).toBe(400);
    const r = await s.api(`/api/v1/meters/${id}/reminders`, { method: 'POST', token: admin, json: { note: 'instead of a cut' }, headers: { 'Idempotency-Key': 'rem-1' } });
    expect(r.status).toBe(202);
    const ref = r.body.action.reference as string;
    expect(ref).toMatch(/^N-/);
    const again = await s.api(`/api/v1/meters/${id}/reminders`, { method: 'POST', token: admin, json: { note: 'instead of a cut' }, headers: { 'Idempotency-Key': 'rem-1' } });
    expect(again.status).toBe(200);
    expect(again.body.action.reference).toBe(ref);

    const rows = (await s.api(`/api/v1/notifications?meterId=${id}`, { token: admin })).body.items.filter((x: { kind: string }) => x.kind === 'payment_reminder');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', language: 'ar' });
    expect(rows[0].preview).toContain(ref);
    expect(rows[0].preview).toContain('لا تُقطع المياه');
    const audit = (await s.api(`/api/v1/audit?action=water.reminder&meterId=${id}`, { token: admin })).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin', target: ref, outcome: 'queued' });

    // A new key is a new reminder.
    const second = await s.api(`/api/v1/meters/${id}/reminders`, { method: 'POST', token: admin, json: {}, headers: { 'Idempotency-Key': 'rem-2' } });
    expect(second.status).toBe(202);
    expect(second.body.action.reference).not.toBe(ref);
    expect((await s.api(`/api/v1/meters/${id}/water`, { token: admin })).body.actions.filter((a: { kind: string }) => a.kind === 'reminder')).toHaveLength(2);
  });
});
