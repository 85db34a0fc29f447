// The prepaid loop end to end: a subscriber pays, the simulated meter's STS decoder accepts the token
// delivered over MQTT, the credit rises by the tariff's units; replays, keypad re-entry, offline meters
// and bad requests behave as a subscriber and an auditor expect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { simPassword } from '../meter-sim/index.ts';
import type { PrepaidApi } from '../modules/prepaid/index.ts';

let s: TestStack;
let subToken: string;

/** Credit + register is unchanged by consumption (each Wh moves from one to the other): its change is what tokens added. */
function creditPlusRegister(id: string): number {
  const m = s.fleet!.byId.get(id)!.meter;
  m.tick(Date.now());
  return m.state.credit + m.state.register;
}

async function topupCount(): Promise<number> {
  const r = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM prepaid_topups');
  return Number(r.rows[0]!.n);
}

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '3', SIM_INTERVAL: '0.5' });
  const demo = s.seeded!.demoSubscriber!;
  subToken = await s.login(demo.username, demo.password);
  // Meters online before the first top-up.
  await eventually(() => s.plan.every((p) => s.online.has(p.id)));
});
afterAll(async () => {
  await s?.stop();
});

describe('prepaid loop end to end', () => {
  it('a subscriber tops up 5.000 OMR: the meter credit rises by the tariff units and the top-up reads accepted', async () => {
    const id = s.plan[0]!.id;
    const quote = await s.api(`/api/v1/meters/${id}/topups/quote`, { method: 'POST', token: subToken, json: { amount: '5.000' } });
    expect(quote.status).toBe(200);
    // Hand-computed (OM-E-RES-2026): fixed 0.500 + VAT 0.025; energy gross 4.475, VAT round(4.475 × 5/105) = 0.213,
    // net 4.262 at 0.014 per kWh = 304.428… kWh → 304.5 kWh (rounded up to 0.1 kWh).
    expect(quote.body.breakdown).toMatchObject({ amount: '5.000', fixedCharge: '0.500', fixedChargeVat: '0.025', energy: '4.262', energyVat: '0.213', units: '304.5', unit: 'kWh' });

    const before = creditPlusRegister(id);
    const r = await s.api(`/api/v1/meters/${id}/topups?wait=15000`, { method: 'POST', token: subToken, json: { amount: '5.000' }, headers: { 'Idempotency-Key': 'e2e-pay-1' } });
    expect(r.status).toBe(201);
    expect(r.body.reference).toMatch(/^T-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    expect(r.body.token).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
    expect(r.body.units).toBe('304.5');
    expect(r.body.breakdown.energy).toBe('4.262');
    expect(r.body.state).toBe('accepted');
    expect(r.body.acceptedVia).toBe('remote');
    expect(creditPlusRegister(id) - before).toBe(304_500);

    const got = await s.api(`/api/v1/topups/${r.body.reference}`, { token: subToken });
    expect(got.status).toBe(200);
    expect(got.body.state).toBe('accepted');
    const states = (got.body.history as { state: string; step: string }[]).map((h) => `${h.state}/${h.step}`);
    expect(states.slice(0, 3)).toEqual(['pending/paid', 'pending/vended', 'pending/queued']);
    expect(states.at(-1)).toBe('accepted/queued');

    // The same request again: the same reference and token, nothing vended, the credit does not change.
    const again = await s.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: subToken, json: { amount: '5.000' }, headers: { 'Idempotency-Key': 'e2e-pay-1' } });
    expect(again.status).toBe(200);
    expect(again.body.reference).toBe(r.body.reference);
    expect(again.body.token).toBe(r.body.token);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await new Promise((res) => setTimeout(res, 700));
    expect(creditPlusRegister(id) - before).toBe(304_500);
    const vends = await s.db.query(`SELECT 1 FROM prepaid_ledger_txns WHERE reference = $1 AND kind = 'vend'`, [r.body.reference]);
    expect(vends.rows).toHaveLength(1);

    // The token typed on the keypad again is rejected as used.
    const typed = s.fleet!.byId.get(id)!.meter.enterToken(r.body.token.replace(/ /g, ''), Date.now());
    expect(typed.result).toBe('used');
    expect(creditPlusRegister(id) - before).toBe(304_500);

    // The second top-up of the month pays no fixed charge and continues in the blocks.
    const list = await s.api(`/api/v1/meters/${id}/topups`, { token: subToken });
    expect(list.body.topups).toHaveLength(1);
    const q2 = await s.api(`/api/v1/meters/${id}/topups/quote`, { method: 'POST', token: subToken, json: { amount: '2.100' } });
    expect(q2.body.breakdown).toMatchObject({ fixedCharge: '0.000', monthToDateBefore: '304.5', energy: '2.000', energyVat: '0.100', units: '142.9' });
  });

  it('an offline meter gets the token when it reconnects', async () => {
    const id = s.plan[1]!.id;
    const token = await s.login('subscriber2', simPassword(s.fleetSecret, 'user:subscriber2'));
    const mm = s.fleet!.byId.get(id)!;
    await mm.stop();
    await eventually(() => !s.online.has(id));
    const before = creditPlusRegister(id);
    const r = await s.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token, json: { amount: '10' }, headers: { 'Idempotency-Key': 'offline-1' } });
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('pending');
    await new Promise((res) => setTimeout(res, 500));
    expect(creditPlusRegister(id)).toBe(before);
    await mm.start();
    const done = await s.api(`/api/v1/topups/${r.body.reference}?wait=15000`, { token });
    expect(done.body.state).toBe('accepted');
    expect(creditPlusRegister(id) - before).toBe(Math.round(Number(r.body.units) * 1000));
  });

  it('a token typed on the keypad while the meter is offline credits once and the top-up reads accepted on reconnect', async () => {
    const id = s.plan[1]!.id;
    const admin = await s.adminToken();
    const mm = s.fleet!.byId.get(id)!;
    await mm.stop();
    await eventually(() => !s.online.has(id));
    const before = creditPlusRegister(id);
    const r = await s.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: admin, json: { amount: '3.000', currency: 'OMR' }, headers: { 'Idempotency-Key': 'keypad-1' } });
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe('operator');
    expect(mm.meter.enterToken(r.body.token.replace(/ /g, ''), Date.now()).result).toBe('accept');
    const added = creditPlusRegister(id) - before;
    expect(added).toBe(Math.round(Number(r.body.units) * 1000));
    await mm.start();
    const done = await s.api(`/api/v1/topups/${r.body.reference}?wait=15000`, { token: admin });
    expect(done.body.state).toBe('accepted');
    expect(done.body.acceptedVia).toBe('keypad');
    expect(creditPlusRegister(id) - before).toBe(added);
  });

  it('bad requests get clear problems and change nothing', async () => {
    const id = s.plan[0]!.id;
    const n = await topupCount();
    const post = (json: unknown, key: string | null = 'bad-1', token: string | null = subToken, meter = id) =>
      s.api(`/api/v1/meters/${meter}/topups`, { method: 'POST', token: token ?? undefined, json, headers: key ? { 'Idempotency-Key': key } : {} });

    const decimals = await post({ amount: '5.0001' });
    expect(decimals.status).toBe(400);
    expect(decimals.headers.get('content-type')).toContain('application/problem+json');
    expect(decimals.body.detail).toContain('3 decimal places');
    const cur = await post({ amount: '5.000', currency: 'AED' });
    expect(cur.status).toBe(400);
    expect(cur.body.code).toBe('currency_mismatch');
    expect((await post({ amount: '-5' })).status).toBe(400);
    expect((await post({ amount: 5 })).status).toBe(400);
    expect((await post({ amount: '5', extra: 1 })).status).toBe(400);
    const small = await post({ amount: '0.400' });
    expect(small.status).toBe(400);
    expect(small.body.code).toBe('amount_too_small');
    const nokey = await post({ amount: '5.000' }, null);
    expect(nokey.status).toBe(400);
    expect(nokey.body.detail).toContain('Idempotency-Key');
    expect((await post({ amount: '5.000' }, 'bad-2', subToken, '40000009999')).status).toBe(404);
    // Someone else's meter: the same 404 as an unknown one.
    expect((await post({ amount: '5.000' }, 'bad-3', subToken, s.plan[1]!.id)).status).toBe(404);
    expect((await post({ amount: '5.000' }, 'bad-4', null)).status).toBe(401);
    // The same key with a different body: 409, naming the earlier top-up.
    const clash = await post({ amount: '6.000' }, 'e2e-pay-1');
    expect(clash.status).toBe(409);
    expect(clash.body.reference).toMatch(/^T-/);
    expect(await topupCount()).toBe(n);
  });

  it('reconciliation balances per day and per meter', async () => {
    const admin = await s.adminToken();
    const r = await s.api('/api/v1/reconciliation', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.balanced).toBe(true);
    expect(r.body.total.payments).toBe('18.000');
    expect(r.body.total.inFlight).toBe('0.000');
    const api = s.modules.prepaid!.api as PrepaidApi;
    expect(api.keys.source).toBe('memory');
    expect((await s.api('/api/v1/reconciliation', { token: subToken })).status).toBe(403);
  });
});

describe('cash desk: anonymous vending by meter number (ANONYMOUS_VENDING=true)', () => {
  let k: TestStack;
  beforeAll(async () => {
    k = await startTestStack({ SIM_METERS: '1', SIM_INTERVAL: '0.5', ANONYMOUS_VENDING: 'true' });
    await eventually(() => k.online.has(k.plan[0]!.id));
  });
  afterAll(async () => {
    await k?.stop();
  });

  it('vends without a login, replays by key, and still keeps top-up reads and reconciliation private', async () => {
    const id = k.plan[0]!.id;
    const r = await k.api(`/api/v1/meters/${id}/topups?wait=15000`, { method: 'POST', json: { amount: '2.000' }, headers: { 'Idempotency-Key': 'kiosk-1' } });
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe('anonymous');
    expect(r.body.state).toBe('accepted');
    const again = await k.api(`/api/v1/meters/${id}/topups`, { method: 'POST', json: { amount: '2' }, headers: { 'Idempotency-Key': 'kiosk-1' } });
    expect(again.body.token).toBe(r.body.token);
    expect((await k.api(`/api/v1/meters/40000009999/topups`, { method: 'POST', json: { amount: '2' }, headers: { 'Idempotency-Key': 'kiosk-2' } })).status).toBe(404);
    expect((await k.api(`/api/v1/topups/${r.body.reference}`)).status).toBe(401);
    expect((await k.api('/api/v1/reconciliation')).status).toBe(401);
  });

  it('operators assign arrears; the next top-up recovers the tariff share', async () => {
    const id = k.plan[0]!.id;
    const admin = await k.adminToken();
    const a = await k.api(`/api/v1/meters/${id}/arrears`, { method: 'POST', token: admin, json: { amount: '1.000', note: 'postpaid balance carried over' } });
    expect(a.status).toBe(200);
    expect(a.body.arrears).toBe('1.000');
    const r = await k.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: admin, json: { amount: '2.000' }, headers: { 'Idempotency-Key': 'arrears-1' } });
    // 25 % of 2.000 = 0.500 towards the 1.000 arrears.
    expect(r.body.breakdown.debtRecovered).toBe('0.500');
    const rec = await k.api('/api/v1/reconciliation', { token: admin });
    expect(rec.body.balanced).toBe(true);
    expect(rec.body.total.debtRecovered).toBe('0.500');
    expect((await k.api(`/api/v1/topups/${r.body.reference}/refund`, { method: 'POST', token: admin })).status).toBe(409);
  });
});
