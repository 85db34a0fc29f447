// The desk through the HTTP API of the whole stack: a call-centre agent records a call, a dispatcher
// routes it, the department replies, the front line closes it, the subscriber answers the poll in the
// portal (once); closing without a reply is 409; roles and a subscriber's own cases; attachments (type
// checked by content, size limit, served as downloads); a simulated meter's repeated tamper opens one case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import { createUser } from '../modules/registry/index.ts';
import { createDeskModule, type DeskApi } from '../modules/desk/index.ts';
import { createPrepaidModule } from '../modules/prepaid/index.ts';
import { createPolicyModule } from '../modules/policy/index.ts';

let s: TestStack;
const tokens: Record<string, string> = {};
let subMeter: string;
let otherMeter: string;
const MAX = 64 * 1024;

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '3', SIM_INTERVAL: '0.5' }, { modules: [createPrepaidModule(), createPolicyModule(), createDeskModule({ maxAttachmentBytes: MAX, meterSweepMs: 3_600_000 })] });
  const people: [string, 'call_centre' | 'supervisor' | 'operator' | 'field_technician' | 'viewer'][] = [
    ['agent1', 'call_centre'], ['disp1', 'supervisor'], ['eng1', 'operator'], ['tech1', 'field_technician'], ['viewer1', 'viewer'],
  ];
  for (const [username, role] of people) {
    await createUser(s.db, { username, password: `${username}-password`, role });
    tokens[username] = await s.login(username, `${username}-password`);
  }
  const demo = s.seeded!.demoSubscriber!;
  tokens.sub = await s.login(demo.username, demo.password);
  const r = await s.db.query<{ id: string }>('SELECT m.id FROM meters m JOIN subscribers b ON b.id = m.subscriber_id JOIN users u ON u.id = b.user_id WHERE u.username = $1 ORDER BY m.id', [demo.username]);
  subMeter = r.rows[0]!.id;
  otherMeter = s.plan.map((p) => p.id).find((id) => !r.rows.some((x) => x.id === id))!;
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const post = (path: string, who: string, json?: unknown) => s.api(path, { method: 'POST', token: tokens[who], ...(json === undefined ? {} : { json }) });
const get = (path: string, who: string) => s.api(path, { token: tokens[who] });

describe('desk over HTTP', () => {
  let ref: string;

  it('a call becomes a case with a reference a person can read out, state new and a deadline', async () => {
    const r = await post('/api/v1/cases', 'agent1', {
      kind: 'complaint', category: 'meter_fault', channel: 'call_centre', meterId: subMeter,
      caller: { name: 'هدى الكندي', phone: '+968 9900 0001' }, description: 'الشاشة لا تعرض الرصيد منذ أمس',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'new', category: 'meter_fault', department: 'metering/maintenance', clock: 'running', area: expect.any(String) });
    expect(r.body.reference).toMatch(/^CS-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    expect(Date.parse(r.body.dueAt) - Date.parse(r.body.createdAt)).toBe(24 * 3600_000);
    expect(r.body.timeLeftSeconds).toBeGreaterThan(24 * 3600 - 60);
    ref = r.body.reference;
    // Typed with lower case, spaces and an O for a zero, it is still found.
    const typed = ref.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect((await get(`/api/v1/cases/${encodeURIComponent(typed)}`, 'viewer1')).body.case.reference).toBe(ref);
  });

  it('bad input is 400 problem+json, an unknown category too, and a wrong check character is 404', async () => {
    expect((await post('/api/v1/cases', 'agent1', { kind: 'complaint', category: 'meter_fault', description: 'x' })).status).toBe(400);
    expect((await post('/api/v1/cases', 'agent1', { kind: 'complaint', category: 'nope', description: 'something broke' })).status).toBe(400);
    expect((await post('/api/v1/cases', 'agent1', { kind: 'gripe', category: 'meter_fault', description: 'something broke' })).status).toBe(400);
    expect((await post('/api/v1/cases', 'agent1', { kind: 'complaint', category: 'meter_fault', channel: 'meter_event', description: 'forged' })).status).toBe(400);
    const wrong = ref.slice(0, -1) + (ref.endsWith('0') ? '1' : '0');
    const r = await get(`/api/v1/cases/${encodeURIComponent(wrong)}`, 'agent1');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('only a dispatcher assigns; closing without a written reply is 409; the flow runs to closed and is audited', async () => {
    expect((await post(`/api/v1/cases/${ref}/assign`, 'agent1', { department: 'metering/maintenance', assignee: 'eng1' })).status).toBe(403);
    expect((await post(`/api/v1/cases/${ref}/close`, 'agent1')).status).toBe(409);
    expect((await post(`/api/v1/cases/${ref}/assign`, 'disp1', { department: 'metering/maintenance', assignee: 'nobody' })).status).toBe(400);
    const a = await post(`/api/v1/cases/${ref}/assign`, 'disp1', { department: 'metering/maintenance', assignee: 'eng1' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ state: 'assigned', assignee: 'eng1' });
    expect((await post(`/api/v1/cases/${ref}/start`, 'eng1')).body.state).toBe('in_progress');
    const closeEarly = await post(`/api/v1/cases/${ref}/close`, 'agent1');
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.type).toContain('reply-required');
    expect((await post(`/api/v1/cases/${ref}/reply`, 'eng1', { text: '  ' })).status).toBe(400);
    const rep = await post(`/api/v1/cases/${ref}/reply`, 'eng1', { text: 'تم استبدال شاشة العداد، والرصيد يظهر الآن.' });
    expect(rep.status).toBe(200);
    expect(rep.body).toMatchObject({ state: 'answered', clock: 'stopped', timeLeftSeconds: null });
    const closed = await post(`/api/v1/cases/${ref}/close`, 'agent1');
    expect(closed.body.state).toBe('closed');
    expect((await post(`/api/v1/cases/${ref}/close`, 'agent1')).status).toBe(409);
    const audit = await s.api(`/api/v1/audit?action=case.&limit=50`, { token: await s.adminToken() });
    const mine = (audit.body.entries as { target: string; action: string; actor: string }[]).filter((e) => e.target === ref).map((e) => `${e.action}:${e.actor}`).sort();
    expect(mine).toEqual(['case.assign:disp1', 'case.close:agent1', 'case.create:agent1', 'case.reply:eng1', 'case.start:eng1']);
  });

  it('the subscriber sees their own case and answers the poll once (a second answer is 409); others are 404', async () => {
    const list = await get('/api/v1/cases', 'sub');
    expect(list.status).toBe(200);
    expect((list.body as { reference: string }[]).map((c) => c.reference)).toContain(ref);
    const detail = await get(`/api/v1/cases/${ref}`, 'sub');
    expect(detail.body.case.assignee).toBeNull();
    expect(detail.body.surveyOpen).toBe(true);
    expect(detail.body.case.reply).toContain('شاشة');
    const other = await post('/api/v1/cases', 'agent1', { kind: 'enquiry', category: 'enquiry', meterId: otherMeter, description: 'another household' });
    expect((await get(`/api/v1/cases/${other.body.reference}`, 'sub')).status).toBe(404);
    expect((await post(`/api/v1/cases/${other.body.reference}/survey`, 'sub', { score: 5 })).status).toBe(404);
    expect((await post(`/api/v1/cases/${ref}/survey`, 'sub', { score: 9 })).status).toBe(400);
    const first = await post(`/api/v1/cases/${ref}/survey`, 'sub', { score: 5, comment: 'شكراً، خدمة سريعة' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ score: 5, language: 'ar' });
    expect((await post(`/api/v1/cases/${ref}/survey`, 'sub', { score: 1 })).status).toBe(409);
    // A subscriber records a case for themself only, through the portal.
    const own = await post('/api/v1/cases', 'sub', { kind: 'request', category: 'billing_account', meterId: subMeter, description: 'أريد كشف حساب' });
    expect(own.status).toBe(201);
    expect(own.body.channel).toBe('portal');
    expect((await post('/api/v1/cases', 'sub', { kind: 'request', category: 'billing_account', meterId: otherMeter, description: 'not mine' })).status).toBe(400);
    expect((await post(`/api/v1/cases/${own.body.reference}/assign`, 'sub', { department: 'x', assignee: 'eng1' })).status).toBe(403);
  });

  it('attachments: a PNG is stored and served as a download with nosniff; HTML, a lying type and an oversized file are 4xx', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const upload = (data: Buffer, type: string, name: string, who = 'tech1') => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type }), name);
      return s.api(`/api/v1/cases/${ref}/attachments`, { method: 'POST', token: tokens[who], body: form });
    };
    const ok = await upload(png, 'image/png', 'عداد-front.png');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ contentType: 'image/png', size: png.length });
    const dl = await fetch(s.http + ok.body.href, { headers: { authorization: `Bearer ${tokens.sub}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toBe(`attachment; filename="____-front.png"; filename*=UTF-8''${encodeURIComponent('عداد-front.png')}`);
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await dl.arrayBuffer()).equals(png)).toBe(true);

    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'text/html', 'x.html');
    expect(html.status).toBe(400);
    const lying = await upload(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'image/png', 'photo.png');
    expect(lying.status).toBe(400);
    const big = await upload(Buffer.concat([png, Buffer.alloc(MAX, 1)]), 'image/png', 'big.png');
    expect(big.status).toBe(413);
    expect((await upload(png, 'image/png', 'v.png', 'viewer1')).status).toBe(403);
    const list = await get(`/api/v1/cases/${ref}`, 'agent1');
    expect(list.body.attachments).toHaveLength(1);
  });

  it('a field visit: booked by the dispatcher, its result recorded by its technician only, with a photo', async () => {
    const c = await post('/api/v1/cases', 'agent1', { kind: 'complaint', category: 'high_consumption', meterId: subMeter, description: 'consumption doubled this month' });
    const r = c.body.reference as string;
    const slot = { slotStart: '2026-12-01T08:00:00+04:00', slotEnd: '2026-12-01T11:00:00+04:00', technician: 'tech1' };
    expect((await post(`/api/v1/cases/${r}/visits`, 'agent1', slot)).status).toBe(403);
    expect((await post(`/api/v1/cases/${r}/visits`, 'disp1', { ...slot, slotEnd: slot.slotStart })).status).toBe(400);
    const v = await post(`/api/v1/cases/${r}/visits`, 'disp1', slot);
    expect(v.status).toBe(201);
    expect((await post(`/api/v1/cases/${r}/visits/${v.body.id}/finish`, 'eng1', { outcome: 'done', result: 'wrong visit' })).status).toBe(200);
    const v2 = await post(`/api/v1/cases/${r}/visits`, 'disp1', slot);
    await createUser(s.db, { username: 'tech2', password: 'tech2-password', role: 'field_technician' });
    const t2 = await s.login('tech2', 'tech2-password');
    expect((await s.api(`/api/v1/cases/${r}/visits/${v2.body.id}/finish`, { method: 'POST', token: t2, json: { outcome: 'done', result: 'not mine' } })).status).toBe(403);
    const done = await post(`/api/v1/cases/${r}/visits/${v2.body.id}/finish`, 'tech1', { outcome: 'done', result: 'Hot-water heater element leaking to earth; subscriber advised.' });
    expect(done.body).toMatchObject({ state: 'done', technician: 'tech1' });
    expect((await post(`/api/v1/cases/${r}/visits/${v2.body.id}/finish`, 'tech1', { outcome: 'failed', result: 'again' })).status).toBe(409);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])], { type: 'image/jpeg' }), 'heater.jpg');
    const photo = await s.api(`/api/v1/cases/${r}/attachments?visitId=${v2.body.id}`, { method: 'POST', token: tokens.tech1, body: form });
    expect(photo.status).toBe(201);
    expect(photo.body.visitId).toBe(v2.body.id);
    const mine = await get('/api/v1/desk/visits?from=2026-11-30T00:00:00Z&to=2026-12-31T00:00:00Z', 'tech1');
    expect((mine.body as { reference: string }[]).filter((x) => x.reference === r)).toHaveLength(2);
  });

  it('random bad input never gets a 500: case bodies are 201 or 400, references 404, steps 4xx', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        kind: fc.oneof(fc.constantFrom('complaint', 'request', 'enquiry'), fc.string()), category: fc.oneof(fc.constantFrom('meter_fault', 'leak'), fc.string()),
        channel: fc.option(fc.oneof(fc.constantFrom('call_centre', 'walk_in', 'meter_event'), fc.string()), { nil: undefined }),
        meterId: fc.option(fc.oneof(fc.constant(subMeter), fc.string({ maxLength: 40 })), { nil: undefined }),
        subscriberId: fc.option(fc.oneof(fc.integer(), fc.double(), fc.constant(-1)), { nil: undefined }),
        description: fc.oneof(fc.string({ maxLength: 50 }), fc.constant('valid description')),
      }, { requiredKeys: [] }),
      async (body) => {
        const r = await post('/api/v1/cases', 'agent1', body);
        expect([201, 400]).toContain(r.status);
      },
    ), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('assign', 'start', 'reply', 'close', 'reopen', 'survey'), fc.jsonValue(), async (ref, step, body) => {
      const g = await get(`/api/v1/cases/${encodeURIComponent(ref)}`, 'agent1');
      expect([400, 404]).toContain(g.status);
      const p = await post(`/api/v1/cases/${encodeURIComponent(ref)}/${step}`, 'disp1', body);
      expect(p.status).toBeGreaterThanOrEqual(400);
      expect(p.status).toBeLessThan(500);
    }), { numRuns: 60 });
  });

  it('a tamper repeated by a simulated meter opens exactly one case, with the count of reports', async () => {
    const sim = s.fleet!.byId.get(otherMeter)!.meter;
    await eventually(() => s.online.has(otherMeter));
    for (let i = 0; i < 6; i++) {
      sim.state.tamper = false;
      sim.setTamper(Date.now(), 'magnetic');
    }
    const desk = s.modules.desk!.api as DeskApi;
    const c = await eventually(async () => {
      const l = await desk.service.list({ meterId: otherMeter, category: 'tamper' });
      return l.length === 1 && l[0]!.autoCount === 6 ? l : null;
    });
    expect(c[0]!.channel).toBe('meter_event');
    const viaMeter = await get(`/api/v1/meters/${otherMeter}/cases`, 'viewer1');
    expect((viaMeter.body as { category: string }[]).filter((x) => x.category === 'tamper')).toHaveLength(1);
    const ctx = await get(`/api/v1/cases/${c[0]!.reference}/context`, 'agent1');
    expect(ctx.status).toBe(200);
    expect(ctx.body.audit.length).toBeGreaterThan(0);
  });

  it('statistics by category, area and channel with satisfaction', async () => {
    const r = await get('/api/v1/desk/stats', 'disp1');
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThanOrEqual(5);
    expect(r.body.satisfaction).toMatchObject({ answers: 1, average: 5, satisfiedShare: 1 });
    expect(r.body.byChannel.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['call_centre', 'portal', 'meter_event']));
    expect((await get('/api/v1/desk/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'disp1')).status).toBe(400);
    expect((await get('/api/v1/desk/stats', 'sub')).status).toBe(403);
  });
});
