// Sign-in hardening (issue 16): throttling per client address and per username, lockout after repeated wrong
// passwords (429 + Retry-After, audited), sign-out revoking the token, X-Forwarded-For believed only from the
// proxies in TRUST_PROXY, tokens kept out of debug logs, and password hashing behind a bounded gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/stack.ts';
import { captureLogger, type CapturedLog } from './support/log-capture.ts';
import { createUser } from '../modules/registry/index.ts';
import { WorkGate } from '../modules/registry/signin-guard.ts';
import { loadConfig } from '../platform/index.ts';

const apiOnly = { parts: { broker: false, gateway: false, sim: false } };
let behindProxy: TestStack, direct: TestStack;
let log: CapturedLog;

beforeAll(async () => {
  log = captureLogger('debug');
  [behindProxy, direct] = await Promise.all([
    startTestStack({ SIM_METERS: '0', TRUST_PROXY: '127.0.0.1', SIGNIN_MAX_PER_ADDRESS: '30', SIGNIN_MAX_PER_USER: '1000', SIGNIN_LOCKOUT_FAILURES: '20' }, apiOnly),
    startTestStack({ SIM_METERS: '0', SIGNIN_MAX_PER_USER: '5', SIGNIN_MAX_PER_ADDRESS: '1000' }, { ...apiOnly, logger: log.logger }),
  ]);
  await createUser(behindProxy.db, { username: 'lock1', password: 'right-password', role: 'operator' });
});
afterAll(async () => {
  await Promise.all([behindProxy?.stop(), direct?.stop()]);
});

const signIn = (s: TestStack, username: string, password: string, from?: string) =>
  s.api('/api/v1/sessions', { method: 'POST', json: { username, password }, headers: from ? { 'x-forwarded-for': from } : {} });

describe('sign-in throttling and lockout', () => {
  it('throttles one client address (429 + Retry-After) while others go on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await signIn(behindProxy, `guess${i}`, 'wrong-password', '203.0.113.5')).status);
    expect(statuses.slice(0, 30).every((x) => x === 401)).toBe(true);
    const last = await signIn(behindProxy, 'guess-last', 'wrong-password', '203.0.113.5');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await signIn(behindProxy, 'guess-other', 'wrong-password', '203.0.113.6')).status).toBe(401);
  });

  it('throttles one username across addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn(direct, 'victim', `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    // Another username from the same address is unaffected.
    expect((await signIn(direct, 'admin', 'test-admin-pass')).status).toBe(201);
  });

  it('locks a username after 20 wrong passwords, even for the right one, and audits it', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(behindProxy, 'lock1', `wrong-${i}`, `198.51.100.${i + 1}`)).status).toBe(401);
    const locked = await signIn(behindProxy, 'lock1', 'right-password', '198.51.100.200');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('signin_locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    const admin = await behindProxy.adminToken();
    const audit = (await behindProxy.api('/api/v1/audit?action=session.lockout&limit=10', { token: admin })).body.entries as Record<string, unknown>[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: 'lock1', outcome: 'locked', ip: '198.51.100.20' });
  });
});

describe('addresses, sign-out and logs', () => {
  it('believes X-Forwarded-For only from TRUST_PROXY', async () => {
    await signIn(direct, 'forger', 'wrong-password', '10.9.9.9');
    const admin = await direct.adminToken();
    const rows = (await direct.api('/api/v1/audit?actor=forger&limit=5', { token: admin })).body.entries as Record<string, unknown>[];
    expect(rows[0].ip).toBe('127.0.0.1');
    await signIn(behindProxy, 'forwarded', 'wrong-password', '192.0.2.77');
    const a2 = await behindProxy.adminToken();
    const rows2 = (await behindProxy.api('/api/v1/audit?actor=forwarded&limit=5', { token: a2 })).body.entries as Record<string, unknown>[];
    expect(rows2[0].ip).toBe('192.0.2.77');
  });

  it('signs out: the token answers 401 afterwards; sign-in responses are not cached', async () => {
    const r = await signIn(direct, 'admin', 'test-admin-pass');
    expect(r.headers.get('cache-control')).toMatch(/no-store/);
    const token = r.body.token as string;
    expect((await direct.api('/api/v1/me', { token })).status).toBe(200);
    expect((await direct.api('/api/v1/sessions/current', { method: 'DELETE', token })).status).toBe(204);
    expect((await direct.api('/api/v1/me', { token })).status).toBe(401);
    expect((await direct.api('/api/v1/sessions/current', { method: 'DELETE', token })).status).toBe(401);
  });

  it('never logs a session token, even at debug level', async () => {
    const token = await direct.login('admin', 'test-admin-pass');
    await direct.api(`/api/v1/me?access_token=${token}`);
    await direct.api('/api/v1/me', { token });
    expect(log.lines.some((l) => l.msg === 'request')).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain(token);
  });
});

describe('TRUST_PROXY settings', () => {
  it('is off by default and refuses "trust everyone"', () => {
    expect(loadConfig({}, {}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }, {}).TRUST_PROXY).toBe('10.0.0.1, 10.1.0.0/16');
    for (const bad of ['true', '*', '0.0.0.0/0', 'a;b']) expect(() => loadConfig({ TRUST_PROXY: bad }, {})).toThrow(/TRUST_PROXY/);
  });
});

describe('the password-hash gate', () => {
  it('runs at most `limit` at once and refuses beyond its queue', async () => {
    const gate = new WorkGate(2, 5);
    let now = 0, max = 0;
    const task = () => gate.run(async () => {
      max = Math.max(max, ++now);
      await new Promise((r) => setTimeout(r, 5));
      now--;
      return 1;
    });
    const runs = Array.from({ length: 7 }, task);
    await expect(task()).rejects.toMatchObject({ kind: 'too_many' });
    expect(await Promise.all(runs)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(max).toBe(2);
  });
});
