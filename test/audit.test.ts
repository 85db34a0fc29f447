// The one audit log, written by every module: each operator and money action leaves exactly one entry
// naming who did it (username, id, role) and from where (client address). Sign-ins granted and refused,
// top-ups by an operator, refunds, arrears, a policy change, a cut and a reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { createUser } from '../modules/registry/index.ts';
import type { PrepaidApi } from '../modules/prepaid/index.ts';
import type { AuditRecord } from '../modules/audit/index.ts';

let s: TestStack;
let op = '';
let admin = '';
let opId = 0;

/** The entries of an action (for a target or meter) as the audit API shows them, with the actor's id from the log itself. */
async function entries(action: string, target?: string): Promise<AuditRecord[]> {
  const r = await s.db.query<{ id: string; actor_id: string | null }>(
    `SELECT id, actor_id FROM audit_log WHERE action = $1 ${target ? 'AND (target = $2 OR meter_id = $2)' : ''} ORDER BY id`,
    target ? [action, target] : [action],
  );
  const all = await s.api(`/api/v1/audit?action=${encodeURIComponent(action)}&limit=1000`, { token: admin });
  expect(all.status).toBe(200);
  const ids = new Map(r.rows.map((x) => [Number(x.id), x.actor_id === null ? null : Number(x.actor_id)]));
  return (all.body.entries as AuditRecord[]).filter((e) => ids.has(e.id)).map((e) => ({ ...e, actorId: ids.get(e.id)! }));
}

function byOperator(e: AuditRecord | undefined): void {
  expect(e).toBeDefined();
  expect(e).toMatchObject({ actor: 'cashier1', actorId: opId, actorRole: 'operator', ip: '127.0.0.1' });
}

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '2', SIM_INTERVAL: '0.5' });
  opId = (await createUser(s.db, { username: 'cashier1', password: 'cashier-pass-1', role: 'operator' })).id;
  admin = await s.adminToken();
  await eventually(() => s.plan.every((p) => s.online.has(p.id)));
});
afterAll(async () => {
  await s?.stop();
});

describe('audit: one entry per action, naming the actor', () => {
  it('sign-ins: a refused one (username tried, no password) and a granted one', async () => {
    const bad = await s.api('/api/v1/sessions', { method: 'POST', json: { username: 'cashier1', password: 'wrong-password' } });
    expect(bad.status).toBe(401);
    op = await s.login('cashier1', 'cashier-pass-1');
    const refused = (await entries('session.create', 'cashier1')).filter((e) => e.outcome === 'refused');
    const granted = (await entries('session.create', 'cashier1')).filter((e) => e.outcome === 'granted');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ actor: 'cashier1', actorId: null, ip: '127.0.0.1' });
    expect(JSON.stringify(refused[0])).not.toContain('wrong-password');
    expect(granted).toHaveLength(1);
    byOperator(granted[0]);
  });

  it('a top-up made by an operator (a replay of it adds nothing)', async () => {
    const id = s.plan[0]!.id;
    const body = { method: 'POST', token: op, json: { amount: '2.000' }, headers: { 'Idempotency-Key': 'audit-topup-1' } };
    const r = await s.api(`/api/v1/meters/${id}/topups`, body);
    expect(r.status).toBe(201);
    expect((await s.api(`/api/v1/meters/${id}/topups`, body)).status).toBe(200);
    const e = await entries('topup.create', r.body.reference);
    expect(e).toHaveLength(1);
    byOperator(e[0]);
    expect(e[0]).toMatchObject({ meterId: id, targetType: 'topup', details: { amount: '2.000', currency: 'OMR', actorKind: 'operator' } });
  });

  it('arrears assigned to a meter', async () => {
    const id = s.plan[1]!.id;
    const r = await s.api(`/api/v1/meters/${id}/arrears`, { method: 'POST', token: op, json: { amount: '1.250', note: 'unpaid bill from the old system' } });
    expect(r.status).toBe(200);
    const e = await entries('arrears.add', id);
    expect(e).toHaveLength(1);
    byOperator(e[0]);
    expect(e[0]).toMatchObject({ note: 'unpaid bill from the old system', details: { amount: '1.250' } });
  });

  it('a refund of a top-up that failed before its token', async () => {
    const id = s.plan[1]!.id;
    const old = Date.now() - 3 * 86_400_000;
    // A top-up whose process died right after the payment, long ago: the recovery pass fails it and owes the money back.
    await s.db.query(`INSERT INTO prepaid_topups (reference, meter_id, idem_scope, idem_key, body_hash, channel, issuer, currency, amount, day, tariff_month, state, step, created_at_ms)
      VALUES ('T-AUDT-0001-X', $1, 'user:1', 'audit-k', 'h', 'operator', 'cashier1', 'OMR', 3000, '2026-11-27', '2026-11', 'pending', 'paid', $2)`, [id, old]);
    await s.db.query(`INSERT INTO prepaid_ledger_txns (kind, reference, meter_id, currency, day, created_at_ms) VALUES ('payment', 'T-AUDT-0001-X', $1, 'OMR', '2026-11-27', $2)`, [id, old]);
    await s.db.query(`INSERT INTO prepaid_ledger_entries (txn_id, account, amount)
      SELECT id, 'cash', 3000 FROM prepaid_ledger_txns WHERE reference = 'T-AUDT-0001-X' UNION ALL SELECT id, 'topups_in_flight', -3000 FROM prepaid_ledger_txns WHERE reference = 'T-AUDT-0001-X'`);
    const prepaid = s.modules.prepaid!.api as PrepaidApi;
    expect((await prepaid.topups.recover()).failed).toContain('T-AUDT-0001-X');
    const r = await s.api('/api/v1/topups/T-AUDT-0001-X/refund', { method: 'POST', token: op });
    expect(r.status).toBe(200);
    expect((await s.api('/api/v1/topups/T-AUDT-0001-X/refund', { method: 'POST', token: op })).status).toBe(409);
    const e = await entries('topup.refund', 'T-AUDT-0001-X');
    expect(e).toHaveLength(1);
    byOperator(e[0]);
  });

  it('a policy change, a cut and a reconnect', async () => {
    const rs = (await s.api('/api/v1/policy', { token: admin })).body.ruleSet;
    rs.version += 1;
    expect((await s.api('/api/v1/policy', { method: 'PUT', token: admin, json: rs })).status).toBe(200);
    const install = await entries('policy.install');
    expect(install).toHaveLength(1);
    expect(install[0]).toMatchObject({ actor: 'admin', actorRole: 'admin', ip: '127.0.0.1', outcome: 'installed' });

    // Whatever the policy answers at this hour (executed, deferred, refused), the request is audited once.
    const id = s.plan[0]!.id;
    const cut = await s.api(`/api/v1/meters/${id}/disconnect`, { method: 'POST', token: op, json: { reason: 'safety', note: 'exposed wiring reported' } });
    expect([200, 201, 202, 409]).toContain(cut.status);
    const cuts = await entries('relay.disconnect', id);
    expect(cuts).toHaveLength(1);
    byOperator(cuts[0]);
    const back = await s.api(`/api/v1/meters/${id}/reconnect`, { method: 'POST', token: op, json: { reason: 'safety_cleared', note: 'wiring repaired' } });
    expect([200, 201, 202, 409]).toContain(back.status);
    const backs = await entries('relay.reconnect', id);
    expect(backs.filter((e) => e.actor === 'cashier1')).toHaveLength(1);
    byOperator(backs.find((e) => e.actor === 'cashier1'));
  });
});
