// Onboarding a real fleet end to end: a vendor's CSV through `raseed meters import` (its in-process
// function against the running API), credentials through the API, a reading published by mosquitto_pub
// (a client that is not ours) visible in the API, revocation dropping the live session within a second and
// refusing reconnects, rotation, households, the citizen-tariff limit, area scoping and the search box.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/stack.ts';
import { importMeters, ImportRejected } from '../cli/meters.ts';
import { luhnCheckDigit } from '../protocols/index.ts';

const HAVE_MOSQUITTO = spawnSync('mosquitto_pub', ['--help']).status !== null;
const num = (serial: number, prefix = 4) => {
  const body = `${prefix}${String(serial).padStart(9, '0')}`;
  return body + String(luhnCheckDigit(body));
};
const E1 = num(900001), E2 = num(900002), W1 = num(900003, 7);
const HEADER = 'id,service,transport,area,model,sts_sgc,sts_ti,sts_krn,sts_key_type,sts_base_date\n';
const CSV = HEADER
  + `${E1},electricity,mqtt,Muttrah,Hexing HXE110,600675,1,1,2,2014\n`
  + `${E2},electricity,mqtt,Seeb,Hexing HXE110,600675,1,1,2,2014\n`
  + `${W1},water,mqtt,Muttrah,"Itron ""Aquadis""",,,,,\n`;

/** mosquitto_pub, asynchronously: the broker runs in this process, so a synchronous spawn would block it. */
function pub(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('mosquitto_pub', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill(), 10_000);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

describe.skipIf(!HAVE_MOSQUITTO)('registry onboarding (mosquitto clients against the embedded broker)', () => {
  let s: TestStack;
  let token: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    s = await startTestStack({ SIM_METERS: '0' });
    token = await s.adminToken();
  });
  afterAll(async () => {
    for (const c of children) c.kill();
    await s?.stop();
  });
  const port = () => new URL(s.mqtt).port;

  it('imports a delivery with progress, idempotently; a bad row names its line and imports nothing', async () => {
    const progress: number[] = [];
    const r = await importMeters(CSV, { url: s.http, token, chunkRows: 2, onProgress: (d) => progress.push(d) });
    expect(r).toEqual({ rows: 3, created: 3, unchanged: 0 });
    expect(progress).toEqual([0, 2, 3]);
    expect((await importMeters(CSV, { url: s.http, token })).unchanged).toBe(3);

    const bad = HEADER + `${num(900010)},electricity,mqtt,Seeb,,600675,1,1,2,2014\n` + `${num(900011)},gas,mqtt,Seeb,,,,,,\n` + `${num(900012)},water,mqtt,Seeb,,600675,1,1,2,1999\n`;
    const err = await importMeters(bad, { url: s.http, token }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    const p = (err as ImportRejected).problem;
    expect((err as ImportRejected).status).toBe(422);
    expect(p.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 3, field: 'service' }), expect.objectContaining({ line: 4, field: 'sts_base_date' })]));
    expect((await s.api(`/api/v1/meters/${num(900010)}`, { token })).status).toBe(404);

    // The same meter number with a different area is a conflict, not a silent update.
    const changed = await s.api('/api/v1/meters/import', { method: 'POST', token, headers: { 'content-type': 'text/csv' }, body: HEADER + `${E1},electricity,mqtt,Seeb,Hexing HXE110,600675,1,1,2,2014\n` });
    expect(changed.status).toBe(422);
    expect(changed.body.errors[0]).toMatchObject({ line: 2, field: 'area' });

    const m = await s.api(`/api/v1/meters/${E1}`, { token });
    expect(m.body).toMatchObject({ status: 'in_stock', area: 'Muttrah', model: 'Hexing HXE110', hasCredentials: false, sts: { sgc: '600675', krn: 1, keyType: 2, baseDate: 2014 } });
    expect(JSON.stringify(m.body)).not.toMatch(/decoderKey|password/i);
    expect((await s.api(`/api/v1/meters/${W1}`, { token })).body.model).toBe('Itron "Aquadis"');
  });

  it('moves a meter through its life cycle and refuses impossible moves', async () => {
    expect((await s.api(`/api/v1/meters/${E1}`, { method: 'PATCH', token, json: { status: 'active' } })).status).toBe(409);
    expect((await s.api(`/api/v1/meters/${E1}`, { method: 'PATCH', token, json: { status: 'installed' } })).body.status).toBe('installed');
    expect((await s.api(`/api/v1/meters/${E1}`, { method: 'PATCH', token, json: { status: 'active' } })).body.status).toBe('active');
  });

  it('a meter with API credentials publishes with mosquitto_pub; revocation drops its session within a second and refuses reconnects', async () => {
    const c = await s.api(`/api/v1/meters/${E1}/credentials`, { method: 'POST', token });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ username: E1, rotated: false });
    const password = c.body.password as string;
    expect((await s.api(`/api/v1/meters/${E1}`, { token })).body.hasCredentials).toBe(true);

    const reading = { v: 1, seq: 1, ts: Date.now(), register: 123_456, credit: 40_000, relay: 'closed', powerW: 850 };
    const r = await pub(['-h', '127.0.0.1', '-p', port(), '-i', E1, '-u', E1, '-P', password, '-q', '1', '-t', `raseed/v1/meters/${E1}/telemetry`, '-m', JSON.stringify(reading)]);
    expect(r.status, r.stderr).toBe(0);
    const seen = await eventually(async () => {
      const m = await s.api(`/api/v1/meters/${E1}`, { token });
      return m.body.latestReading?.register === 123_456 ? m.body : null;
    });
    expect(seen.credit).toBe(40_000);

    // A live session (mosquitto_sub on the meter's command topic), then revocation.
    const sub = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', port(), '-i', E1, '-u', E1, '-P', password, '-q', '1', '-t', `raseed/v1/meters/${E1}/commands`], { stdio: 'pipe' });
    children.push(sub);
    await eventually(() => (s.broker!.aedes as unknown as { clients: Record<string, unknown> }).clients[E1] !== undefined, 10_000, 20);
    const t0 = Date.now();
    expect((await s.api(`/api/v1/meters/${E1}/credentials`, { method: 'DELETE', token })).status).toBe(204);
    await eventually(() => (s.broker!.aedes as unknown as { clients: Record<string, unknown> }).clients[E1] === undefined, 1000, 10);
    expect(Date.now() - t0).toBeLessThan(1000);
    // mosquitto_sub tries to reconnect with the old password and is refused (it gives up and exits non-zero).
    const again = await pub(['-h', '127.0.0.1', '-p', port(), '-i', E1, '-u', E1, '-P', password, '-t', `raseed/v1/meters/${E1}/telemetry`, '-m', JSON.stringify({ ...reading, seq: 2 })]);
    expect(again.status).not.toBe(0);
    expect((s.broker!.aedes as unknown as { clients: Record<string, unknown> }).clients[E1]).toBeUndefined();
    const audit = await s.api('/api/v1/audit?action=meter.credentials.', { token });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['meter.credentials.issue', 'meter.credentials.revoke']));
  });

  it('rotation: the old password stops working, the new one works', async () => {
    const first = (await s.api(`/api/v1/meters/${E2}/credentials`, { method: 'POST', token })).body.password as string;
    const second = await s.api(`/api/v1/meters/${E2}/credentials`, { method: 'POST', token });
    expect(second.body.rotated).toBe(true);
    const args = (pw: string) => ['-h', '127.0.0.1', '-p', port(), '-i', E2, '-u', E2, '-P', pw, '-t', `raseed/v1/meters/${E2}/telemetry`, '-m', JSON.stringify({ v: 1, seq: 1, ts: Date.now(), register: 1, credit: 1, relay: 'closed' })];
    expect((await pub(args(second.body.password))).status).toBe(0);
    expect((await pub(args(first))).status).not.toBe(0);
  });

  it('households, the citizen-tariff limit, area-scoped operators and the search box', async () => {
    const mk = (n: number, extra: Record<string, unknown> = {}) => s.api('/api/v1/subscribers', {
      method: 'POST', token,
      json: { nameAr: 'أحمد البلوشي', nameEn: 'Ahmed Al Balushi', phone: '+968 9123 4567', civilId: '12345678', email: 'ahmed@example.om', language: 'ar', accountNumber: `ACC-77-${n}`, citizenTariff: true, ...extra },
    });
    const a = await mk(1, { protectedCategory: { kind: 'medical', evidence: 'MoH letter 2291', expires: '2027-06-30' } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.protectedCategory).toEqual({ kind: 'medical', evidence: 'MoH letter 2291', expires: '2027-06-30' });
    expect((await mk(2)).status).toBe(201);
    const third = await mk(3);
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('citizen_tariff_limit');
    expect((await mk(3, { citizenTariff: false })).status).toBe(201);

    const id = a.body.id as number;
    for (const meterId of [E1, W1]) expect((await s.api(`/api/v1/subscribers/${id}/meters`, { method: 'POST', token, json: { meterId } })).status).toBe(200);
    const h = await s.api(`/api/v1/subscribers/${id}`, { token });
    expect(h.body.meters.map((m: { id: string; service: string }) => m.service).sort()).toEqual(['electricity', 'water']);
    // The disconnection policy reads the protected category through the meter's subscriber.
    expect((await s.api(`/api/v1/meters/${E1}`, { token })).body.protectedCategory).toBe('medical');

    // Search: Arabic normalisation, phone in any form, account and meter numbers.
    const find = async (q: string) => (await s.api(`/api/v1/search?q=${encodeURIComponent(q)}`, { token })).body.results as { kind: string; id: string; labelAr: string | null }[];
    for (const q of ['احمد', 'أحمد', 'البلوشى', 'ahmed', '91234567', '+96891234567', '0096891234567', '9123 4567', '12345678']) {
      expect((await find(q)).some((x) => x.id === String(id)), q).toBe(true);
    }
    expect((await find('ACC-77-1')).some((x) => x.kind === 'account' && x.id === String(id))).toBe(true);
    expect((await find(E1.slice(0, 8))).some((x) => x.kind === 'meter' && x.id === E1)).toBe(true);
    expect(await find('محمد')).toEqual([]);

    // An operator of Muttrah: sees Muttrah, gets 404 elsewhere, and searches only Muttrah.
    const op = await s.api('/api/v1/users', { method: 'POST', token, json: { username: 'muttrah.op', password: 'muttrah-pass-1', role: 'operator', areas: ['Muttrah'] } });
    expect(op.status, JSON.stringify(op.body)).toBe(201);
    const opToken = await s.login('muttrah.op', 'muttrah-pass-1');
    expect((await s.api(`/api/v1/meters/${E1}`, { token: opToken })).status).toBe(200);
    expect((await s.api(`/api/v1/meters/${E2}`, { token: opToken })).status).toBe(404);
    expect((await s.api(`/api/v1/meters/${E2}/credentials`, { method: 'POST', token: opToken })).status).toBe(403);
    expect((await s.api('/api/v1/meters', { token: opToken })).body.meters.every((m: { area: string }) => m.area === 'Muttrah')).toBe(true);
    expect((await find(E2)).length).toBeGreaterThan(0);
    expect((await s.api(`/api/v1/search?q=${E2}`, { token: opToken })).body.results).toEqual([]);

    // Disable: the session ends at once; the password no longer signs in.
    expect((await s.api(`/api/v1/users/${op.body.id}`, { method: 'PATCH', token, json: { disabled: true } })).body.disabled).toBe(true);
    expect((await s.api('/api/v1/me', { token: opToken })).status).toBe(401);
    await expect(s.login('muttrah.op', 'muttrah-pass-1')).rejects.toThrow(/401/);
    // Reset and own change.
    expect((await s.api(`/api/v1/users/${op.body.id}`, { method: 'PATCH', token, json: { disabled: false } })).body.disabled).toBe(false);
    expect((await s.api(`/api/v1/users/${op.body.id}/password`, { method: 'POST', token, json: { password: 'reset-pass-22' } })).status).toBe(204);
    const t2 = await s.login('muttrah.op', 'reset-pass-22');
    expect((await s.api('/api/v1/me/password', { method: 'PUT', token: t2, json: { currentPassword: 'wrong-one', newPassword: 'my-own-pass-3' } })).status).toBe(403);
    expect((await s.api('/api/v1/me/password', { method: 'PUT', token: t2, json: { currentPassword: 'reset-pass-22', newPassword: 'my-own-pass-3' } })).status).toBe(204);
    await s.login('muttrah.op', 'my-own-pass-3');
    const audit = await s.api('/api/v1/audit?action=user.', { token });
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.enable', 'user.password.reset', 'user.password.change']));
  });
});
