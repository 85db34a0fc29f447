// Remote cut and reconnect end to end: operators cut simulated meters through the API under the
// disconnection policy (fixed policy clock), the meters' relays open and the commands read acknowledged;
// a payment (a credit token the meter accepts) reconnects a meter cut for non-payment automatically;
// an offline meter gets its command when it returns; an expired command reads expired; deferred cuts
// are carried out when allowed; bulk cuts above the threshold wait for a second operator; roles are
// enforced and the append-only audit log shows every action with operator and reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { createUser } from '../modules/registry/index.ts';
import type { RaseedModule } from '../app/index.ts';
import type { TokenDecoderPort } from '../meter-sim/index.ts';
import { createPolicyModule, type PolicyApi } from '../modules/policy/index.ts';
import { createPrepaidModule } from '../modules/prepaid/index.ts';

/** Muscat is UTC+4. */
const muscat = (local: string) => Date.parse(`${local}+04:00`);
let clock = muscat('2026-11-24T10:00:00'); // a Tuesday, outside every calendar period
const DAY = 86_400_000;

/** Stands in for the prepaid module's STS decoder: a 20-digit token starting with 9 credits 50 kWh, once. */
const fakeSts: RaseedModule = {
  name: 'fake-sts',
  async start() {
    return {
      simDecoderFor: (): TokenDecoderPort => {
        const used = new Set<string>();
        return {
          enter(digits) {
            if (!/^9\d{19}$/.test(digits)) return { result: 'crc' };
            if (used.has(digits)) return { result: 'used' };
            used.add(digits);
            return { result: 'accept', tokenClass: 0, subclass: 0, tid: Number(digits.slice(12, 20)), credit: 50_000 };
          },
        };
      },
    };
  },
};

let s: TestStack;
let admin: string, op1: string, op2: string, viewer: string, subscriber: string;
const ids = () => s.plan.map((p) => p.id);

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '5', SIM_INTERVAL: '0.3' }, {
    modules: [fakeSts, createPolicyModule({ now: () => clock, schedulerMs: 200 })],
  });
  await createUser(s.db, { username: 'op1', password: 'op1-password', role: 'operator', displayName: 'Operator One' });
  await createUser(s.db, { username: 'op2', password: 'op2-password', role: 'operator', displayName: 'Operator Two' });
  await createUser(s.db, { username: 'viewer1', password: 'viewer1-password', role: 'viewer' });
  [admin, op1, op2, viewer] = await Promise.all([s.adminToken(), s.login('op1', 'op1-password'), s.login('op2', 'op2-password'), s.login('viewer1', 'viewer1-password')]);
  subscriber = await s.login(s.seeded!.demoSubscriber!.username, s.seeded!.demoSubscriber!.password);
  // Every meter online and subscribed to its command topic.
  await eventually(() => ids().every((id) => s.online.has(id)));
});
afterAll(async () => {
  await s?.stop();
});

const sim = (id: string) => s.fleet!.byId.get(id)!;
const command = async (ref: string) => (await s.api(`/api/v1/commands/${ref}`, { token: op1 })).body;
const notice = (id: string, daysAgo = 12) => s.api(`/api/v1/meters/${id}/final-notices`, {
  method: 'POST', token: op1, json: { debtMinor: 85_000, unpaidInvoices: 2, issuedAt: new Date(clock - daysAgo * DAY).toISOString(), note: 'final notice served by SMS and letter' },
});

describe('remote cut and reconnect under the disconnection policy', () => {
  it('shows the policy in force', async () => {
    const r = await s.api('/api/v1/policy', { token: viewer });
    expect(r.status).toBe(200);
    expect(r.body.ruleSet.utility).toBe('oman-default');
    expect(r.body.ruleSet.rules.quietHours).toMatchObject({ from: '17:00', to: '07:00' });
  });

  it('subscribers and viewers get 403 with the reason', async () => {
    const own = s.plan[0]!.id;
    const sub = await s.api(`/api/v1/meters/${own}/disconnect`, { method: 'POST', token: subscriber, json: { reason: 'customer_request', note: 'please cut my supply' } });
    expect(sub.status).toBe(403);
    expect(sub.body.detail).toMatch(/subscribers can never/);
    const v = await s.api(`/api/v1/meters/${own}/reconnect`, { method: 'POST', token: viewer, json: { reason: 'other', note: 'trying my luck' } });
    expect(v.status).toBe(403);
    expect(v.body.detail).toMatch(/viewer role may look but not switch/);
    expect((await s.api(`/api/v1/meters/${own}/disconnect`, { method: 'POST', json: { reason: 'safety', note: 'no token' } })).status).toBe(401);
    // The role is checked before the body: a subscriber learns nothing more from a bad body.
    expect((await s.api(`/api/v1/meters/${own}/disconnect`, { method: 'POST', token: subscriber, json: {} })).status).toBe(403);
  });

  it('a reason and a note are mandatory', async () => {
    const r = await s.api(`/api/v1/meters/${s.plan[1]!.id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'because' } });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/reason/);
    expect(r.body.detail).toMatch(/note/);
  });

  it('refuses a cut with 409 naming the rule: water for non-payment, no final notice', async () => {
    const water = s.plan.find((p) => p.service === 'water')!.id;
    const w = await s.api(`/api/v1/meters/${water}/disconnect`, { method: 'POST', token: op1, json: { reason: 'non_payment', note: 'three months unpaid' } });
    expect(w.status).toBe(409);
    expect(w.headers.get('content-type')).toContain('application/problem+json');
    expect(w.body.rule).toBe('serviceType');
    expect(w.body.detail).toMatch(/water is never cut for non_payment/);
    expect(w.body.alternatives).toEqual(['flow_limit', 'reminder']);
    const e = await s.api(`/api/v1/meters/${s.plan[1]!.id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'non_payment', note: 'arrears' } });
    expect(e.status).toBe(409);
    expect(e.body.rule).toBe('notice');
  });

  it('an operator cuts an electricity meter: the relay opens, the command reads acknowledged; a payment reconnects it automatically', async () => {
    const id = s.plan[1]!.id;
    expect((await notice(id)).status).toBe(201);
    const preview = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'non_payment', note: 'arrears after final notice', dryRun: true } });
    expect(preview.status).toBe(200);
    expect(preview.body.decision.outcome).toBe('allow');
    expect(preview.body.command).toBeNull();

    const r = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'non_payment', note: 'arrears after final notice' } });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('executed');
    expect(r.body.decision.outcome).toBe('allow');
    expect(r.body.decision.verdicts).toHaveLength(11);
    const ref = r.body.command.reference as string;
    const done = await eventually(async () => { const c = await command(ref); return c.status === 'acknowledged' ? c : null; });
    expect(done).toMatchObject({ type: 'relay', action: 'disconnect', result: 'open', issuer: 'op1', reason: 'non_payment' });
    expect(done).not.toHaveProperty('payloadSealed');
    expect(sim(id).meter.state.relay).toBe('open');
    await eventually(async () => (await s.api(`/api/v1/meters/${id}`, { token: op1 })).body.relay === 'open');

    // The subscriber pays: the meter accepts a credit token (typed on the keypad) → reconnect within seconds.
    const t0 = Date.now();
    expect(sim(id).meter.enterToken('90000000000000000001', Date.now(), 'keypad').result).toBe('accept');
    await eventually(() => sim(id).meter.state.relay === 'closed', 10_000, 50);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const hist = await s.api(`/api/v1/meters/${id}/commands?type=relay`, { token: op1 });
    const reconnect = hist.body.commands[0];
    expect(reconnect).toMatchObject({ action: 'reconnect', issuer: 'system:payment', reason: 'payment_received' });
    await eventually(async () => (await command(reconnect.reference)).status === 'acknowledged');

    // The same payment again changes nothing.
    const api = s.modules.policy!.api as PolicyApi;
    expect((await api.reconnectAfterPayment(id, 'token:1')).status).not.toBe('reconnecting');
  });

  it('a meter cut for safety is not reconnected by a payment', async () => {
    const id = s.plan[2]!.id;
    const r = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op2, json: { reason: 'safety', note: 'exposed wiring reported by the field team' } });
    expect(r.status).toBe(202);
    await eventually(async () => (await command(r.body.command.reference)).status === 'acknowledged');
    const api = s.modules.policy!.api as PolicyApi;
    expect((await api.reconnectAfterPayment(id, 'T-TEST-0001-X')).status).toBe('not_cut');
    expect(sim(id).meter.state.relay).toBe('open');
    // Restored after the fix: reconnects are never blocked, even at night.
    clock = muscat('2026-11-24T23:30:00');
    const back = await s.api(`/api/v1/meters/${id}/reconnect`, { method: 'POST', token: op2, json: { reason: 'safety_cleared', note: 'wiring repaired' } });
    expect(back.status).toBe(202);
    expect(back.body.decision.decidingRule).toBe('reconnectNeverBlocked');
    await eventually(() => sim(id).meter.state.relay === 'closed');
    clock = muscat('2026-11-24T10:00:00');
  });

  it('a cut requested at 23:00 is deferred to 07:00 and carried out then', async () => {
    const id = s.plan[2]!.id;
    await notice(id);
    clock = muscat('2026-11-24T23:00:00');
    const r = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'non_payment', note: 'arrears after final notice' } });
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('scheduled');
    expect(r.body.decision.decidingRule).toBe('quietHours');
    expect(r.body.scheduledFor).toBe('2026-11-25T03:00:00.000Z');
    expect(r.body.decision.untilLocal).toBe('2026-11-25 07:00 (Asia/Muscat)');
    // Only reported, not scheduled: 409 saying until when.
    const rep = await s.api(`/api/v1/meters/${s.plan[3]!.id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'maintenance', note: 'transformer work', schedule: false } });
    expect(rep.status).toBe(409);
    expect(rep.body.until).toBe('2026-11-25T03:00:00.000Z');
    const sched = await s.api('/api/v1/policy/scheduled', { token: viewer });
    expect(sched.body.scheduled.map((x: any) => x.meterId)).toContain(id);
    await new Promise((res) => setTimeout(res, 600));
    expect(sim(id).meter.state.relay).toBe('closed');
    clock = muscat('2026-11-25T07:01:00');
    await eventually(() => sim(id).meter.state.relay === 'open');
    const hist = await s.api(`/api/v1/meters/${id}/commands?type=relay`, { token: op1 });
    expect(hist.body.commands[0]).toMatchObject({ action: 'disconnect', issuer: 'op1', reason: 'non_payment' });
    await eventually(async () => (await command(hist.body.commands[0].reference)).status === 'acknowledged');
    clock = muscat('2026-11-24T10:00:00');
  });

  it('an offline meter gets the command when it returns', async () => {
    const id = s.plan[3]!.id;
    await sim(id).stop(false);
    await eventually(() => !s.online.has(id));
    const r = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op1, json: { reason: 'tamper', note: 'cover-open alarm confirmed on site' } });
    expect(r.status).toBe(202);
    const ref = r.body.command.reference;
    await new Promise((res) => setTimeout(res, 500));
    expect((await command(ref)).status).toBe('pending');
    await sim(id).start();
    const c = await eventually(async () => { const c = await command(ref); return c.status === 'acknowledged' ? c : null; });
    expect(c.result).toBe('open');
    expect(sim(id).meter.state.openedBy).toBe('command');
  });

  it('a command that cannot reach the meter before its deadline reads expired', async () => {
    const id = s.plan[0]!.id;
    await sim(id).stop(false);
    await eventually(() => !s.online.has(id));
    const r = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op2, json: { reason: 'customer_request', note: 'subscriber moving out, asked by phone', expiresInSeconds: 1 } });
    expect(r.status).toBe(202);
    const ref = r.body.command.reference;
    const c = await eventually(async () => { const c = await command(ref); return c.status === 'expired' ? c : null; });
    expect(c.result).toBe('expired');
    await sim(id).start();
    await eventually(() => s.online.has(id));
    await new Promise((res) => setTimeout(res, 500));
    expect(sim(id).meter.state.acks[ref]).toBeUndefined();
    const own = await s.api(`/api/v1/meters/${id}/commands`, { token: subscriber });
    expect(own.status).toBe(200);
    expect(own.body.commands[0].status).toBe('expired');
    expect((await s.api(`/api/v1/meters/${s.plan[1]!.id}/commands`, { token: subscriber })).status).toBe(404);
  });

  it('a stuck relay reports its real state: the command reads failed and the meter stays closed', async () => {
    const water = s.plan.find((p) => p.service === 'water')!.id;
    sim(water).meter.setRelayStuck(true);
    const r = await s.api(`/api/v1/meters/${water}/disconnect`, { method: 'POST', token: op1, json: { reason: 'safety', note: 'burst main flooding the basement' } });
    expect(r.status).toBe(202); // water may be cut for safety, never for non-payment
    const c = await eventually(async () => { const c = await command(r.body.command.reference); return c.status === 'failed' ? c : null; });
    expect(c).toMatchObject({ result: 'relay_stuck', detail: 'relay did not change state' });
    expect(sim(water).meter.state.relay).toBe('closed');
    sim(water).meter.setRelayStuck(false);
    const audit = await s.api(`/api/v1/audit?meterId=${water}&action=command.failed`, { token: op1 });
    expect(audit.body.entries[0]).toMatchObject({ actor: `meter:${water}`, outcome: 'failed', commandReference: r.body.command.reference });
  });

  it('bulk: a dry run shows each meter\'s answer; above the threshold a second operator must approve', async () => {
    const dry = await s.api('/api/v1/bulk/disconnect', { method: 'POST', token: op1, json: { filter: { area: s.plan[4]!.area }, reason: 'non_payment', note: 'monthly arrears run', dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('preview');
    const all = await s.api('/api/v1/bulk/disconnect', { method: 'POST', token: op1, json: { meterIds: ids(), reason: 'non_payment', note: 'monthly arrears run', dryRun: true } });
    const water = all.body.items.find((i: any) => i.meterId === s.plan[4]!.id);
    expect(water.decision.outcome).toBe('refuse');
    expect(water.decision.decidingRule).toBe('serviceType');

    // Lower the threshold to 1 with a new rule-set version (admin only).
    const rs = (await s.api('/api/v1/policy', { token: admin })).body.ruleSet;
    rs.version = 2;
    rs.rules.bulkApproval.threshold = 1;
    expect((await s.api('/api/v1/policy', { method: 'PUT', token: op1, json: rs })).status).toBe(403);
    const put = await s.api('/api/v1/policy', { method: 'PUT', token: admin, json: rs });
    expect(put.status).toBe(200);
    expect(put.body.ruleSet.version).toBe(2);
    const bad = await s.api('/api/v1/policy', { method: 'PUT', token: admin, json: { ...rs, version: 3, rules: { ...rs.rules, serviceType: { ...rs.rules.serviceType, neverCut: [{ service: 'electricity', reasons: ['fraud'] }] } } } });
    expect(bad.status).toBe(400);

    const targets = [s.plan[1]!.id, s.plan[3]!.id];
    const held = await s.api('/api/v1/bulk/reconnect', { method: 'POST', token: op1, json: { meterIds: targets, reason: 'wrongful_cut_correction', note: 'batch restore' } });
    expect(held.body.status).toBe('executed'); // reconnects never wait
    const b = await s.api('/api/v1/bulk/disconnect', { method: 'POST', token: op1, json: { meterIds: targets, reason: 'safety', note: 'feeder fault in the district' } });
    expect(b.status).toBe(202);
    expect(b.body.status).toBe('pending_approval');
    const self = await s.api(`/api/v1/bulk/${b.body.bulkId}/approve`, { method: 'POST', token: op1, json: { note: 'approving my own' } });
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/second operator/);
    const ok = await s.api(`/api/v1/bulk/${b.body.bulkId}/approve`, { method: 'POST', token: op2, json: { note: 'checked the feeder report' } });
    expect(ok.status).toBe(200);
    expect(ok.body.counts).toEqual({ executed: 2 });
    for (const id of targets) await eventually(() => sim(id).meter.state.relay === 'open');
    expect((await s.api(`/api/v1/bulk/${b.body.bulkId}`, { token: viewer })).body).toMatchObject({ status: 'executed', requestedBy: 'op1', decidedBy: 'op2' });
  });

  it('the audit log shows every action with operator and reason; it is append-only and exports as CSV', async () => {
    const id = s.plan[1]!.id;
    const r = await s.api(`/api/v1/audit?meterId=${id}&limit=100`, { token: op2 });
    expect(r.status).toBe(200);
    const rows = r.body.entries as any[];
    const has = (p: Record<string, unknown>) => rows.some((e) => Object.entries(p).every(([k, v]) => e[k] === v));
    expect(has({ actor: 'op1', action: 'relay.disconnect', reason: 'non_payment', outcome: 'refused' })).toBe(true);
    expect(has({ actor: 'op1', action: 'notice.final' })).toBe(true);
    expect(has({ actor: 'op1', action: 'relay.disconnect', reason: 'non_payment', outcome: 'executed' })).toBe(true);
    expect(has({ actor: 'system:payment', action: 'relay.reconnect', reason: 'payment_received', outcome: 'executed' })).toBe(true);
    expect(has({ action: 'command.acknowledged', actor: `meter:${id}` })).toBe(true);
    const cut = rows.find((e) => e.action === 'relay.disconnect' && e.outcome === 'executed');
    expect(cut.ip).toMatch(/127\.0\.0\.1/);
    expect(cut.decision.outcome).toBe('allow');
    expect(cut.commandReference).toMatch(/^C-/);

    const all = (await s.api('/api/v1/audit?limit=1000', { token: admin })).body.entries as any[];
    expect(all.some((e) => e.action === 'relay.denied' && e.actorRole === 'subscriber')).toBe(true);
    expect(all.some((e) => e.action === 'relay.denied' && e.actor === 'viewer1')).toBe(true);
    expect(all.some((e) => e.action === 'relay.disconnect' && e.outcome === 'scheduled' && e.actor === 'op1')).toBe(true);
    expect(all.some((e) => e.action === 'relay.disconnect' && e.outcome === 'executed' && e.actor === 'system:scheduler')).toBe(true);
    expect(all.some((e) => e.action === 'command.expired' && e.reason === 'customer_request')).toBe(true);
    expect(all.some((e) => e.action === 'bulk.approve' && e.actor === 'op2')).toBe(true);
    expect(all.some((e) => e.action === 'policy.install' && e.actor === 'admin')).toBe(true);

    const csv = await s.api('/api/v1/audit.csv?action=relay.', { token: op1 });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toMatch(/^id,at,actor,actor_role,ip,action/);
    expect(csv.body).toContain('op1');
    expect(csv.body).toContain('non_payment');
    const csv2 = await s.api('/api/v1/audit?format=csv&actor=op2', { token: op1 });
    expect(csv2.headers.get('content-type')).toContain('text/csv');
    expect(String(csv2.body).split('\r\n').length).toBeGreaterThan(2);

    expect((await s.api('/api/v1/audit', { token: subscriber })).status).toBe(403);
    await expect(s.db.query('UPDATE audit_log SET actor = $1', ['nobody'])).rejects.toThrow(/append-only/);
    await expect(s.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('with the prepaid module: a real top-up reconnects a meter cut for non-payment', () => {
  let p: TestStack;
  beforeAll(async () => {
    p = await startTestStack({ SIM_METERS: '2', SIM_INTERVAL: '0.3' }, {
      modules: [createPrepaidModule(), createPolicyModule({ now: () => muscat('2026-11-24T10:00:00'), schedulerMs: 200 })],
    });
    await eventually(() => p.plan.every((m) => p.online.has(m.id)));
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('cut by an operator, topped up by the subscriber, reconnected within seconds', async () => {
    const id = p.plan[0]!.id;
    const token = await p.adminToken();
    const meter = p.fleet!.byId.get(id)!.meter;
    expect((await p.api(`/api/v1/meters/${id}/final-notices`, { method: 'POST', token, json: { debtMinor: 12_000, unpaidInvoices: 1, issuedAt: new Date(muscat('2026-11-10T10:00:00')).toISOString(), note: 'final notice by SMS' } })).status).toBe(201);
    const cut = await p.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token, json: { reason: 'non_payment', note: 'arrears after final notice' } });
    expect(cut.status).toBe(202);
    await eventually(() => meter.state.relay === 'open');
    expect(meter.state.openedBy).toBe('command');

    const sub = await p.login(p.seeded!.demoSubscriber!.username, p.seeded!.demoSubscriber!.password);
    const t0 = Date.now();
    const top = await p.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: sub, headers: { 'Idempotency-Key': 'relay-e2e-topup-1' }, json: { amount: '5.000' } });
    expect(top.status).toBeLessThan(300);
    await eventually(() => meter.state.relay === 'closed', 15_000, 50);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const hist = await p.api(`/api/v1/meters/${id}/commands?type=relay`, { token });
    expect(hist.body.commands[0]).toMatchObject({ action: 'reconnect', issuer: 'system:payment', reason: 'payment_received', status: 'acknowledged' });
    const audit = await p.api(`/api/v1/audit?meterId=${id}&action=relay.`, { token });
    const auto = (audit.body.entries as { actor: string; action: string; details: { paymentRef?: string } }[]).find((e) => e.actor === 'system:payment' && e.action === 'relay.reconnect');
    expect(auto?.details.paymentRef).toBe(top.body.reference);
  });
});
