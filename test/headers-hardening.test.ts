// HTTP headers and assets (issue 16): security headers with a CSP, no-store on API answers (they carry tokens),
// hashed console assets compressed and cached as immutable, source maps not served in production, and tokens
// in URLs only as single-use 60 s tickets (POST /api/v1/tickets) for the live feed and CSV downloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startTestStack, type TestStack } from './support/stack.ts';
import { buildApi, type RaseedApp } from '../dashboard-api/index.ts';
import { TicketBook } from '../dashboard-api/tickets.ts';
import { loadConfig, silentLogger } from '../platform/index.ts';

let s: TestStack;
let token: string;
let app: RaseedApp;
let dir: string;

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '0' }, { parts: { broker: false, gateway: false, sim: false } });
  token = await s.adminToken();
  dir = mkdtempSync(join(tmpdir(), 'raseed-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbCdEf12.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-AbCdEf12.js'), `console.log(${JSON.stringify('raseed '.repeat(2000))});`);
  writeFileSync(join(dir, 'assets', 'index-AbCdEf12.js.map'), '{"version":3}');
  app = await buildApi({ db: s.db, config: loadConfig({}, {}), logger: silentLogger, consoleDir: dir, serveSourceMaps: false, authenticate: async () => null });
});
afterAll(async () => {
  await app?.close();
  await s?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('headers', () => {
  it('sends security headers with a CSP the console can live with', async () => {
    const r = await s.api('/api/v1/me', { token });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBeNull(); // plain HTTP: no HSTS (see tls-hardening)
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('serves hashed assets compressed and immutable, index.html revalidated, no source maps in production', async () => {
    const js = await app.inject({ url: '/assets/index-AbCdEf12.js', headers: { 'accept-encoding': 'gzip' } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const html = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['cache-control']).toBe('no-cache');
    const map = await app.inject({ url: '/assets/index-AbCdEf12.js.map' });
    expect(map.statusCode).toBe(404);
  });
});

describe('tickets instead of tokens in URLs', () => {
  const ticket = async () => {
    const r = await s.api('/api/v1/tickets', { method: 'POST', token });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    return r.body.ticket as string;
  };

  it('refuses a bearer token in the URL', async () => {
    expect((await s.api(`/api/v1/me?access_token=${token}`)).status).toBe(401);
    expect((await s.api('/api/v1/tickets', { method: 'POST' })).status).toBe(401);
  });

  it('accepts a ticket once, for a GET only', async () => {
    const t = await ticket();
    const csv = await s.api(`/api/v1/audit.csv?limit=5&ticket=${t}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await s.api(`/api/v1/audit.csv?limit=5&ticket=${t}`)).status).toBe(401);
    const t2 = await ticket();
    expect((await s.api(`/api/v1/tickets?ticket=${t2}`, { method: 'POST' })).status).toBe(401);
  });

  it('expires a ticket after 60 s', () => {
    let now = 1_000_000;
    const book = new TicketBook(60_000, 10, () => now);
    const a = book.issue('tok-a');
    const b = book.issue('tok-b');
    now += 59_999;
    expect(book.redeem(a.ticket)).toBe('tok-a');
    now += 2;
    expect(book.redeem(b.ticket)).toBeNull();
    expect(book.redeem('made-up')).toBeNull();
  });
});
