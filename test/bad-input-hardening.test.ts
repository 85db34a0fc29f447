// Bad input is always a 4xx problem+json, never a 500 (issue 16): amounts an STS token cannot carry, NUL bytes in
// paths, queries and usernames, arrears of "0", a policy preview far in the future, sloppy decimals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';

let s: TestStack;
let admin: string;
let id: string;
beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '2', SIM_INTERVAL: '60' });
  admin = await s.adminToken();
  id = s.plan.find((p) => p.service === 'electricity')!.id;
  await eventually(() => s.online.has(id));
});
afterAll(async () => {
  await s?.stop();
});

const expect4xx = (r: { status: number; headers: Headers; body: unknown }, status?: number) => {
  expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
  if (status) expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
};

describe('bad input is a 4xx', () => {
  it('refuses amounts no STS token can carry, and sloppy decimals', async () => {
    for (const [i, amount] of ['999999', '1000000', '1000000.000', ' 5', '5 ', '0005.000', '05', '+5', '5.', '.5', '1e3', '٥'].entries()) {
      const r = await s.api(`/api/v1/meters/${id}/topups`, { method: 'POST', token: admin, headers: { 'idempotency-key': `k-${i}` }, json: { amount } });
      expect4xx(r);
      const q = await s.api(`/api/v1/meters/${id}/topups/quote`, { method: 'POST', token: admin, json: { amount } });
      expect4xx(q);
    }
    const ok = await s.api(`/api/v1/meters/${id}/topups/quote`, { method: 'POST', token: admin, json: { amount: '5.000' } });
    expect(ok.status).toBe(200);
  });

  it('refuses NUL bytes in path, query and username', async () => {
    expect4xx(await s.api(`/api/v1/meters/M%00X`, { token: admin }));
    expect4xx(await s.api(`/api/v1/meters/${id}/commands?x=%00`, { token: admin }));
    expect4xx(await s.api(`/api/v1/meters?area=a%00b`, { token: admin }));
    expect4xx(await s.api(`/api/v1/topups/T%00`, { token: admin }));
    expect4xx(await s.api(`/api/v1/audit?actor=%00`, { token: admin }));
    expect4xx(await s.api('/api/v1/sessions', { method: 'POST', json: { username: 'ad\u0000min', password: 'x' } }));
    expect4xx(await s.api(`/api/v1/meters/${id}/arrears`, { method: 'POST', token: admin, json: { amount: '1.000', note: 'bad\u0000note' } }));
  });

  it('refuses arrears of "0" and a policy preview far in the future', async () => {
    expect4xx(await s.api(`/api/v1/meters/${id}/arrears`, { method: 'POST', token: admin, json: { amount: '0', note: 'nothing owed' } }), 400);
    expect4xx(await s.api(`/api/v1/meters/${id}/arrears`, { method: 'POST', token: admin, json: { amount: '0.000', note: 'nothing owed' } }), 400);
    for (const at of ['9999-12-31T23:59:59Z', '275760-09-13T00:00:00Z', '0001-01-01T00:00:00Z']) {
      expect4xx(await s.api('/api/v1/policy/preview', { method: 'POST', token: admin, json: { meterId: id, reason: 'non_payment', at } }));
    }
  });
});
