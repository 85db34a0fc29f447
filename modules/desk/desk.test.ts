// The desk's run time on both stores (PGlite and PostgreSQL), through the module as `raseed start` runs it:
// deadline clocks with a controlled clock (account request flagged at 36 min and breached at 45; technical at
// 19.2 h and 24 h) across a restart of the module; routing and the no-close-without-reply rule; the poll
// answered once; automatic cases de-duplicated per meter and cause; working-hours deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeter, createSubscriber, createUser, meterExistsIn } from '../registry/index.ts';
import { loadConfig, migrate, openPglite, openPostgres, SecretBox, silentLogger, DomainError, type Db } from '../../platform/index.ts';
import { CommandService } from '../../gateway/index.ts';
import { createTempDatabase } from '../../test/support/postgres.ts';
import { allMigrations } from '../../app/index.ts';
import type { ModuleInstance, StackContext } from '../../core/index.ts';
import { createDeskModule, type DeskApi } from './module.ts';
import { addWorkingMinutes, deadlineOf } from './deadline.ts';
import { parseReference } from '../../protocols/index.ts';
import type { Actor } from './service.ts';

const temp = await createTempDatabase('desk');
afterAll(async () => {
  await temp?.drop();
});

const muscat = (local: string) => Date.parse(`${local}+04:00`);
const MIN = 60_000;
const HOUR = 60 * MIN;
const agent: Actor = { actor: 'agent1', actorId: 1, actorRole: 'call_centre', ip: '10.0.0.7' };
const dispatcher: Actor = { actor: 'disp1', actorId: 2, actorRole: 'supervisor', ip: '10.0.0.8' };
const engineer: Actor = { actor: 'eng1', actorId: 3, actorRole: 'operator', ip: '10.0.0.9' };

describe('deadlines', () => {
  it('clock minutes: 80 % and 100 %', () => {
    const t0 = muscat('2026-11-24T10:00:00');
    expect(deadlineOf(t0, 45, 'clock', 'Asia/Muscat')).toEqual({ warnAt: t0 + 36 * MIN, dueAt: t0 + 45 * MIN });
    expect(deadlineOf(t0, 1440, 'clock', 'Asia/Muscat')).toEqual({ warnAt: t0 + 19.2 * HOUR, dueAt: t0 + 24 * HOUR });
  });
  it('working minutes skip nights and the Friday–Saturday weekend (Sun–Thu 07:30–14:30, Muscat)', () => {
    // Thursday 14:00 + 60 working minutes: 30 min on Thursday, then Sunday 07:30 + 30 min.
    expect(addWorkingMinutes(muscat('2026-11-26T14:00:00'), 60, 'Asia/Muscat')).toBe(muscat('2026-11-29T08:00:00'));
    // Before opening: starts at 07:30.
    expect(addWorkingMinutes(muscat('2026-11-24T05:00:00'), 30, 'Asia/Muscat')).toBe(muscat('2026-11-24T08:00:00'));
    // Friday evening: nothing counts until Sunday.
    expect(addWorkingMinutes(muscat('2026-11-27T20:00:00'), 420, 'Asia/Muscat')).toBe(muscat('2026-11-29T14:30:00'));
    // Relocation: 5 working days of 7 h from Tuesday 10:00 ends the next Tuesday 10:00.
    expect(deadlineOf(muscat('2026-11-24T10:00:00'), 2100, 'working', 'Asia/Muscat').dueAt).toBe(muscat('2026-12-01T10:00:00'));
  });
});

describe.each([
  { name: 'pglite', open: () => openPglite(), skip: false },
  { name: 'postgres', open: () => openPostgres(temp!.url), skip: !temp },
])('desk run time on $name', ({ name, open, skip }) => {
  let db: Db;
  let commands: CommandService;
  let clock = muscat('2026-11-24T10:00:00');
  let instance: ModuleInstance | null = null;
  let desk: DeskApi;
  let subscriberId: number;

  const ctx = (): StackContext => ({
    db, config: loadConfig({ TIME_ZONE: 'Asia/Muscat' }, {}), logger: silentLogger, dataDir: undefined, box: SecretBox.random(), commands,
    directory: { get: async () => null } as unknown as StackContext['directory'], ingest: null, online: new Set(), modules: { get: () => undefined },
  });
  /** Starts the desk module (again): a restart keeps nothing but the store. */
  const startDesk = async () => {
    await instance?.stop?.();
    instance = await createDeskModule({ now: () => clock, schedulerMs: 3_600_000 }).start(ctx());
    desk = instance.api as DeskApi;
  };

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await migrate(db, allMigrations());
    if (name === 'postgres') await db.query('SELECT 1');
    subscriberId = await createSubscriber(db, { accountNo: 'ACC-1', name: 'Huda Al-Kindi', phone: '+96899000001' });
    await createMeter(db, { id: '40000000001', service: 'electricity', subscriberId, area: 'Bawshar' });
    await createMeter(db, { id: '40000000002', service: 'electricity', subscriberId, area: 'Seeb' });
    await createUser(db, { username: 'eng1', password: 'eng1-password', role: 'operator' });
    commands = new CommandService({ db, box: SecretBox.random(), transport: null, logger: silentLogger, meterExists: meterExistsIn(db) });
    await startDesk();
  });
  afterAll(async () => {
    await instance?.stop?.();
    await db?.close();
  });

  it.skipIf(skip)('an account request is flagged at 36 minutes and breached at 45, a technical one at 19.2 h and 24 h, and a restart changes nothing', async () => {
    clock = muscat('2026-11-24T10:00:00');
    const account = await desk.service.create({ kind: 'request', category: 'billing_account', channel: 'call_centre', subscriberId, description: 'balance looks wrong after top-up' }, agent);
    const technical = await desk.service.create({ kind: 'complaint', category: 'meter_fault', channel: 'call_centre', meterId: '40000000001', description: 'display blank' }, agent);
    expect(parseReference(account.reference)).toBe(account.reference);
    expect(account.reference).toMatch(/^CS-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    expect(account.dueAt - account.createdAt).toBe(45 * MIN);

    const flags = async () => {
      await desk.sweep();
      const a = (await desk.service.get(account.reference))!;
      const t = (await desk.service.get(technical.reference))!;
      return { aEsc: a.escalatedAt !== null, aBr: a.breachedAt !== null, tEsc: t.escalatedAt !== null, tBr: t.breachedAt !== null };
    };
    clock += 36 * MIN - 1;
    expect(await flags()).toEqual({ aEsc: false, aBr: false, tEsc: false, tBr: false });
    clock += 1; // 36:00
    expect(await flags()).toEqual({ aEsc: true, aBr: false, tEsc: false, tBr: false });

    await startDesk(); // restart between escalation and breach: flags, deadlines and clocks come from the store
    const again = (await desk.service.get(account.reference))!;
    expect(again.dueAt).toBe(account.dueAt);
    expect(again.escalatedAt).toBe(muscat('2026-11-24T10:36:00'));

    clock = account.createdAt + 45 * MIN - 1;
    expect(await flags()).toEqual({ aEsc: true, aBr: false, tEsc: false, tBr: false });
    clock += 1;
    expect(await flags()).toEqual({ aEsc: true, aBr: true, tEsc: false, tBr: false });
    await startDesk();
    clock = technical.createdAt + 19.2 * HOUR;
    expect(await flags()).toEqual({ aEsc: true, aBr: true, tEsc: true, tBr: false });
    clock = technical.createdAt + 24 * HOUR;
    expect(await flags()).toEqual({ aEsc: true, aBr: true, tEsc: true, tBr: true });

    // Sweeping again changes nothing: one escalation and one breach each in the timeline and the audit log.
    await desk.sweep();
    const tl = await desk.service.timeline(account.reference);
    expect(tl.filter((e) => e.action === 'escalate')).toHaveLength(1);
    expect(tl.filter((e) => e.action === 'breach')).toHaveLength(1);
    const audit = await desk.service.audit.list({ action: 'case.', limit: 100 });
    expect(audit.filter((a) => a.target === account.reference && a.action === 'case.breach')).toHaveLength(1);
  });

  it.skipIf(skip)('a guaranteed standard missed records compensation; an answered case stops its clock', async () => {
    clock = muscat('2026-11-25T09:00:00');
    const late = await desk.service.create({ kind: 'complaint', category: 'no_supply', channel: 'call_centre', meterId: '40000000002', description: 'no power since morning' }, agent);
    const onTime = await desk.service.create({ kind: 'complaint', category: 'no_supply', channel: 'call_centre', meterId: '40000000002', description: 'no power again' }, agent);
    await desk.service.assign(onTime.reference, { department: 'operations/emergency', assignee: 'eng1' }, dispatcher);
    clock += 2 * HOUR;
    await desk.service.reply(onTime.reference, 'Fuse replaced at the cabinet; supply restored.', engineer);
    clock += 2 * HOUR;
    await desk.sweep();
    expect((await desk.service.get(late.reference))!.compensationMinor).toBe(5000);
    const ok = (await desk.service.get(onTime.reference))!;
    expect(ok.breachedAt).toBeNull();
    expect(ok.compensationMinor).toBeNull();
  });

  it.skipIf(skip)('routing: new → assigned → in_progress → answered → closed; close without a reply is a conflict; reopen restarts the clock', async () => {
    clock = muscat('2026-11-26T09:00:00');
    const c = await desk.service.create({ kind: 'complaint', category: 'high_consumption', channel: 'walk_in', meterId: '40000000001', description: 'bill doubled' }, agent);
    const refusal = await desk.service.close(c.reference, agent).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).kind).toBe('conflict');
    expect((refusal as DomainError).code).toBe('reply_required');
    await expect(desk.service.start(c.reference, engineer)).rejects.toMatchObject({ kind: 'conflict', code: 'invalid_transition' });
    await desk.service.assign(c.reference, { department: 'inspection/follow-up', assignee: 'eng1' }, dispatcher);
    await desk.service.start(c.reference, engineer);
    await expect(desk.service.close(c.reference, agent)).rejects.toMatchObject({ code: 'reply_required' });
    await expect(desk.service.reply(c.reference, '  ', engineer)).rejects.toMatchObject({ kind: 'invalid' });
    clock += HOUR;
    const answered = await desk.service.reply(c.reference, 'Inspection found a leaking heater; consumption is genuine.', engineer);
    expect(answered.state).toBe('answered');
    const closed = await desk.service.close(c.reference, agent);
    expect(closed.state).toBe('closed');
    clock += HOUR;
    const re = await desk.service.reopen(c.reference, 'subscriber disputes the finding', agent);
    expect(re.state).toBe('reopened');
    expect(re.reply).toBeNull();
    expect(re.dueAt).toBe(clock + 24 * HOUR);
    await expect(desk.service.close(c.reference, agent)).rejects.toMatchObject({ code: 'reply_required' });
    const actions = (await desk.service.timeline(c.reference)).map((e) => `${e.action}:${e.fromState ?? ''}>${e.toState ?? ''}`);
    expect(actions).toEqual(['create:>new', 'assign:new>assigned', 'start:assigned>in_progress', 'reply:in_progress>answered', 'close:answered>closed', 'reopen:closed>reopened']);
    const audit = (await desk.service.audit.list({ action: 'case.', limit: 500 })).filter((a) => a.target === c.reference);
    expect(audit.map((a) => a.action).sort()).toEqual(['case.assign', 'case.close', 'case.create', 'case.reopen', 'case.reply', 'case.start']);
    expect(audit.find((a) => a.action === 'case.assign')).toMatchObject({ actor: 'disp1', actorRole: 'supervisor', ip: '10.0.0.8' });
  });

  it.skipIf(skip)('the poll is answered once, after closing, in the subscriber language; the reply hook fires', async () => {
    const replies: string[] = [];
    const off = desk.onReply((n) => {
      replies.push(`${n.case.reference}:${n.subscriber?.language}:${n.case.reply}`);
    });
    const c = await desk.service.create({ kind: 'request', category: 'billing_account', channel: 'portal', subscriberId, description: 'statement please' }, agent);
    await expect(desk.service.survey(c.reference, { score: 5 }, agent)).rejects.toMatchObject({ code: 'case_not_closed' });
    await desk.service.assign(c.reference, { department: 'billing/accounts', assignee: 'eng1' }, dispatcher);
    await desk.service.reply(c.reference, 'Statement sent to your e-mail.', engineer);
    await desk.service.close(c.reference, agent);
    const s = await desk.service.survey(c.reference, { score: 4, comment: 'quick' }, agent);
    expect(s).toMatchObject({ score: 4, language: 'ar' });
    await expect(desk.service.survey(c.reference, { score: 1 }, agent)).rejects.toMatchObject({ kind: 'conflict', code: 'survey_answered' });
    await new Promise((r) => setTimeout(r, 50));
    off();
    expect(replies).toEqual([`${c.reference}:ar:Statement sent to your e-mail.`]);
  });

  it.skipIf(skip)('a tamper event repeated opens exactly one case; two rejected tokens open one; a cleared case lets a new one open', async () => {
    const ev = (seq: number) => ({ v: 1 as const, seq, ts: clock, type: 'tamper' as const, kind: 'magnetic' as const });
    await Promise.all([1, 2, 3, 4, 5].map((i) => desk.onMeterEvent('40000000002', ev(i))));
    for (let i = 6; i <= 10; i++) await desk.onMeterEvent('40000000002', ev(i));
    const tamper = await desk.service.list({ meterId: '40000000002', category: 'tamper' });
    expect(tamper).toHaveLength(1);
    expect(tamper[0]!.autoCount).toBe(10);
    expect(tamper[0]!.channel).toBe('meter_event');
    expect(tamper[0]!.subscriberId).toBe(subscriberId);

    const tok = (seq: number, result: 'crc' | 'accept') => ({ v: 1 as const, seq, ts: clock, type: 'token' as const, result, via: 'keypad' as const });
    await desk.onMeterEvent('40000000001', tok(1, 'crc'));
    expect(await desk.service.list({ meterId: '40000000001', category: 'token_rejected' })).toHaveLength(0);
    await desk.onMeterEvent('40000000001', tok(2, 'accept'));
    await desk.onMeterEvent('40000000001', tok(3, 'crc'));
    expect(await desk.service.list({ meterId: '40000000001', category: 'token_rejected' })).toHaveLength(0); // an accepted token in between resets the count
    await desk.onMeterEvent('40000000001', tok(4, 'crc'));
    await desk.onMeterEvent('40000000001', tok(5, 'crc'));
    expect(await desk.service.list({ meterId: '40000000001', category: 'token_rejected' })).toHaveLength(1);

    // Closed after a visit: the next tamper is a new case.
    const ref = tamper[0]!.reference;
    await desk.service.assign(ref, { department: 'inspection/follow-up', assignee: 'eng1' }, dispatcher);
    await desk.service.reply(ref, 'Magnet removed; seal replaced; violation documented.', engineer);
    await desk.service.close(ref, dispatcher);
    await desk.onMeterEvent('40000000002', ev(11));
    expect(await desk.service.list({ meterId: '40000000002', category: 'tamper' })).toHaveLength(2);
  });

  it.skipIf(skip)('a relay command that fails opens one relay_stuck case', async () => {
    const rec = { reference: 'C-TEST-0001-X', meterId: '40000000001', type: 'relay', action: 'disconnect', status: 'failed', result: 'relay_stuck' };
    commands.emit('finished', rec as never);
    commands.emit('finished', { ...rec, reference: 'C-TEST-0002-X' } as never);
    await new Promise((r) => setTimeout(r, 200));
    const l = await desk.service.list({ meterId: '40000000001', category: 'relay_stuck' });
    expect(l).toHaveLength(1);
    expect(l[0]!.autoCount).toBe(2);
  });

  it.skipIf(skip)('a meter silent for 24 h opens one case (never-heard meters do not); a top-up token not accepted within an hour opens one', async () => {
    await db.query(`INSERT INTO meter_state (meter_id, last_seen_ms) VALUES ('40000000001', $1) ON CONFLICT (meter_id) DO UPDATE SET last_seen_ms = $1`, [clock - 23 * HOUR]);
    await desk.sweep({ meters: true });
    expect(await desk.service.list({ category: 'silent_meter' })).toHaveLength(0);
    clock += 2 * HOUR;
    await desk.sweep({ meters: true });
    await desk.sweep({ meters: true });
    const silent = await desk.service.list({ category: 'silent_meter' });
    expect(silent.map((c) => [c.meterId, c.autoCount])).toEqual([['40000000001', 2]]);

    // A token sent to meter 2 and never accepted; one sent to meter 1 and accepted (credit added).
    commands.emit('sent', { reference: 'C-TOK-0001-X', meterId: '40000000002', type: 'token', status: 'sent' } as never);
    commands.emit('sent', { reference: 'C-TOK-0002-X', meterId: '40000000001', type: 'token', status: 'sent' } as never);
    await new Promise((r) => setTimeout(r, 200));
    await desk.onMeterEvent('40000000001', { v: 1, seq: 99, ts: clock, type: 'token', result: 'accept', via: 'remote', credited: 50_000 });
    clock += 59 * MIN;
    await desk.sweep({ meters: true });
    expect(await desk.service.list({ category: 'topup_not_accepted' })).toHaveLength(0);
    clock += 2 * MIN;
    await desk.sweep({ meters: true });
    await desk.sweep({ meters: true });
    const late = await desk.service.list({ category: 'topup_not_accepted' });
    expect(late.map((c) => c.meterId)).toEqual(['40000000002']);
    expect(late[0]!.dueAt - late[0]!.createdAt).toBe(45 * MIN);
  });

  it.skipIf(skip)('statistics: by category and channel, answered within deadline, satisfaction, repeated causes per meter', async () => {
    const s = await desk.service.stats(muscat('2026-11-01T00:00:00'), muscat('2026-12-31T00:00:00'));
    expect(s.total).toBeGreaterThanOrEqual(8);
    expect(s.byChannel.find((x) => x.key === 'meter_event')!.count).toBeGreaterThanOrEqual(3);
    expect(s.satisfaction).toMatchObject({ answers: 1, average: 4, satisfiedShare: 1 });
    expect(s.breached).toBeGreaterThanOrEqual(3);
    expect(s.answered).toBeGreaterThan(0);
    expect(s.withinDeadlineShare).not.toBeNull();
    expect(s.repeatedByMeter.find((r) => r.key === '40000000002' && r.category === 'tamper')!.count).toBe(2);
    expect(s.perDay.reduce((a, d) => a + d.count, 0)).toBe(s.total);
  });
});
