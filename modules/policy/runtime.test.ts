// The policy's run time on both stores (PGlite and PostgreSQL): the append-only audit log, relay requests
// under the policy, the scheduler, bulk approval, heat overrides, rule-set versions and the reconnect after payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeter, createSubscriber, meterExistsIn } from '../registry/index.ts';
import { migrate, openPglite, openPostgres, SecretBox, type Db } from '../../platform/index.ts';
import { CommandService } from '../../gateway/index.ts';
import { silentLogger } from '../../platform/index.ts';
import { createTempDatabase } from '../../test/support/postgres.ts';
import { DEFAULT_RULE_SET } from './profiles.ts';
import { RELAY_COMMAND } from './module.ts';
import { AuditWriter, auditCsv } from '../audit/index.ts';
import { RelayService, RelayError, type Actor } from './service.ts';
import { allMigrations } from '../../app/index.ts';

const temp = await createTempDatabase('policy');
afterAll(async () => {
  await temp?.drop();
});

const muscat = (local: string) => Date.parse(`${local}+04:00`);
const DAY = 86_400_000;
const op1: Actor = { actor: 'op1', actorId: 1, actorRole: 'operator', ip: '10.0.0.7' };
const op2: Actor = { actor: 'op2', actorId: 2, actorRole: 'operator', ip: '10.0.0.8' };

describe.each([
  { name: 'pglite', open: () => openPglite(), skip: false },
  { name: 'postgres', open: () => openPostgres(temp!.url), skip: !temp },
])('policy run time on $name', ({ open, skip }) => {
  let db: Db;
  let commands: CommandService;
  let relay: RelayService;
  let clock = muscat('2026-11-24T10:00:00');
  let debt: { debtMinor: number | null; unpaidInvoices: number | null } | null = null;

  beforeAll(async () => {
    if (skip) return;
    db = await open();
    await migrate(db, allMigrations());
    const medical = await createSubscriber(db, { accountNo: 'ACC-M', name: 'Huda Al-Kindi', protectedCategory: 'medical' });
    const plain = await createSubscriber(db, { accountNo: 'ACC-P', name: 'Said Al-Maamari' });
    for (let i = 1; i <= 4; i++) await createMeter(db, { id: `4000000000${i}`, service: 'electricity', subscriberId: plain, area: 'Seeb' });
    await createMeter(db, { id: '40000000009', service: 'electricity', subscriberId: medical, area: 'Bawshar' });
    await createMeter(db, { id: '70000000001', service: 'water', subscriberId: plain, area: 'Seeb' });
    commands = new CommandService({ db, box: SecretBox.random(), transport: null, logger: silentLogger, meterExists: meterExistsIn(db) });
    commands.register(RELAY_COMMAND);
    relay = new RelayService({ db, commands, logger: silentLogger, now: () => clock, accounts: async () => debt });
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(skip)('the audit log is append-only, filterable and exports safe CSV', async () => {
    const audit = new AuditWriter(db, () => clock);
    const a = await audit.write({ ...op1, action: 'relay.disconnect', meterId: '40000000001', reason: 'non_payment', note: '=HYPERLINK("x")', outcome: 'refused', decision: { decidingRule: 'notice', until: null } });
    await audit.write({ ...op2, action: 'bulk.approve', target: '7', targetType: 'bulk', note: 'ok, "checked"', outcome: 'approved' });
    expect(a.ip).toBe('10.0.0.7');
    await expect(db.query('UPDATE audit_log SET note = $1 WHERE id = $2', ['edited', a.id])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log WHERE id = $1', [a.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await audit.list({ action: 'relay.' })).map((r) => r.actor)).toEqual(['op1']);
    expect((await audit.list({ actor: 'op2' })).map((r) => r.action)).toEqual(['bulk.approve']);
    expect(await audit.list({ action: 'relay' })).toEqual([]);
    const csv = auditCsv(await audit.list({}));
    expect(csv.split('\r\n')[0]).toBe('id,at,actor,actor_role,ip,action,target_type,target,meter_id,reason,note,outcome,deciding_rule,until,command_reference,details');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"ok, ""checked"""');
    expect(csv).toContain(',notice,');
  });

  it.skipIf(skip)('refuses, allows and schedules; a scheduled cut is re-evaluated and carried out when allowed', async () => {
    const refused = await relay.request('70000000001', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1);
    expect(refused.status).toBe('refused');
    expect(refused.decision.decidingRule).toBe('serviceType');
    expect(refused.command).toBeNull();

    await relay.recordFinalNotice('40000000001', { debtMinor: 50_000, unpaidInvoices: 2, note: 'served', issuedAt: clock - 11 * DAY }, op1);
    const ok = await relay.request('40000000001', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1);
    expect(ok.status).toBe('executed');
    expect(ok.command).toMatchObject({ action: 'disconnect', issuer: 'op1', reason: 'non_payment', status: 'pending' });

    clock = muscat('2026-11-26T12:00:00'); // Thursday: last working day before the weekend
    await relay.recordFinalNotice('40000000002', { debtMinor: 50_000, unpaidInvoices: 2, note: 'served', issuedAt: clock - 11 * DAY }, op1);
    const later = await relay.request('40000000002', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1);
    expect(later.status).toBe('scheduled');
    expect(later.scheduledFor).toBe(muscat('2026-11-29T07:00:00'));
    await expect(relay.request('40000000002', 'disconnect', { reason: 'non_payment', note: 'again' }, op2)).rejects.toMatchObject({ code: 'already_scheduled' });

    await relay.sweep();
    expect((await relay.scheduled()).map((s) => s.meterId)).toEqual(['40000000002']);
    // Meanwhile a heat wave is declared for Seeb: at 07:00 on Sunday the cut is deferred again.
    await relay.setHeatOverride({ area: 'Seeb', state: 'hot', until: muscat('2026-11-29T09:00:00'), note: 'heat wave' }, op2);
    clock = muscat('2026-11-29T07:05:00');
    await relay.sweep();
    const moved = await relay.scheduled();
    expect(moved[0]!.scheduledFor).toBe(muscat('2026-11-29T08:05:00'));
    expect(moved[0]!.decision.decidingRule).toBe('heat');
    clock = muscat('2026-11-29T09:10:00');
    await relay.sweep();
    expect(await relay.scheduled()).toEqual([]);
    const cmd = (await commands.history('40000000002')).find((c) => c.type === 'relay')!;
    expect(cmd).toMatchObject({ action: 'disconnect', issuer: 'op1', reason: 'non_payment' });
    const trail = await relay.audit.list({ meterId: '40000000002' });
    expect(trail.map((t) => `${t.actor}:${t.action}:${t.outcome}`)).toEqual([
      'system:scheduler:relay.disconnect:executed', 'system:scheduler:relay.disconnect:rescheduled', 'op1:relay.disconnect:scheduled', 'op1:notice.final:recorded',
    ]);
  });

  it.skipIf(skip)('a protected subscriber is exempt within the ceiling; the arrears come from the account source', async () => {
    clock = muscat('2026-12-01T10:00:00');
    await relay.recordFinalNotice('40000000009', { debtMinor: null, unpaidInvoices: null, note: 'served', issuedAt: clock - 20 * DAY }, op1);
    debt = { debtMinor: 80_000, unpaidInvoices: 2 };
    expect((await relay.preview('40000000009', 'disconnect', 'non_payment')).decidingRule).toBe('protectedSubscribers');
    debt = { debtMinor: 900_000, unpaidInvoices: 9 };
    expect((await relay.preview('40000000009', 'disconnect', 'non_payment')).outcome).toBe('allow');
    debt = null;
  });

  it.skipIf(skip)('a payment reconnects a meter cut for non-payment once, and cancels scheduled non-payment cuts', async () => {
    const first = await relay.reconnectAfterPayment('40000000001', 'T-AAAA-BBBB-C');
    expect(first.status).toBe('reconnecting');
    expect(first.command).toMatchObject({ action: 'reconnect', issuer: 'system:payment', reason: 'payment_received' });
    expect((await relay.reconnectAfterPayment('40000000001', 'T-AAAA-BBBB-C')).status).toBe('not_cut');
    expect((await relay.reconnectAfterPayment('40000000003', 'T-ZZZZ-0000-1')).status).toBe('not_cut');

    await relay.recordFinalNotice('40000000004', { debtMinor: 1, unpaidInvoices: 1, note: 'served', issuedAt: clock - 11 * DAY }, op1);
    clock = muscat('2026-12-01T18:00:00');
    expect((await relay.request('40000000004', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1)).status).toBe('scheduled');
    const paid = await relay.reconnectAfterPayment('40000000004', 'T-PAID-0000-1');
    expect(paid).toMatchObject({ status: 'not_cut', cancelledCuts: 1 });
    expect(await relay.scheduled('40000000004')).toEqual([]);
  });

  it.skipIf(skip)('bulk cuts above the threshold wait for a second operator; the requester cannot approve', async () => {
    clock = muscat('2026-12-02T10:00:00');
    const rs = JSON.parse(JSON.stringify(DEFAULT_RULE_SET));
    rs.version = 2;
    rs.rules.bulkApproval.threshold = 1;
    await relay.installRuleSet(rs, { actor: 'admin', actorId: 0, actorRole: 'admin', ip: null });
    await expect(relay.installRuleSet(rs, { actor: 'admin', actorId: 0, actorRole: 'admin', ip: null })).rejects.toMatchObject({ code: 'stale_version' });
    const meters = await relay.resolveMeters({ meterIds: ['40000000003', '70000000001'] });
    const dry = await relay.bulk('disconnect', meters, { reason: 'maintenance', note: 'substation work', dryRun: true }, op1);
    expect(dry.status).toBe('preview');
    const held = await relay.bulk('disconnect', meters, { reason: 'maintenance', note: 'substation work' }, op1);
    expect(held.status).toBe('pending_approval');
    await expect(relay.decideBulk(held.bulkId!, true, 'mine', op1)).rejects.toBeInstanceOf(RelayError);
    const done = await relay.decideBulk(held.bulkId!, true, 'checked', op2);
    expect(done.counts).toEqual({ executed: 2 });
    await expect(relay.decideBulk(held.bulkId!, true, 'again', op2)).rejects.toMatchObject({ code: 'bad_state' });
    expect((await relay.getBulk(held.bulkId!))).toMatchObject({ status: 'executed', requestedBy: 'op1', decidedBy: 'op2' });
    await expect(relay.resolveMeters({ meterIds: ['49999999999'] })).rejects.toMatchObject({ code: 'unknown_meter' });
  });

  it.skipIf(skip)('an operator cancels or reschedules a scheduled cut; the new time is re-evaluated and audited', async () => {
    clock = muscat('2026-12-07T18:00:00'); // Monday evening: a non-payment cut waits for the morning
    await relay.recordFinalNotice('40000000004', { debtMinor: 1, unpaidInvoices: 1, note: 'served', issuedAt: clock - 11 * DAY }, op1);
    const s = await relay.request('40000000004', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1);
    expect(s.status).toBe('scheduled');
    const id = s.requestId!;
    const allowed = await relay.reschedule(id, muscat('2026-12-08T10:00:00'), 'customer asked for the afternoon', op2);
    expect(allowed.scheduledFor).toBe(muscat('2026-12-08T10:00:00'));
    expect((await relay.scheduled('40000000004'))[0]!.scheduledFor).toBe(muscat('2026-12-08T10:00:00'));
    // Friday is the weekend: the policy moves it to when it allows the cut, later than asked.
    const friday = muscat('2026-12-11T10:00:00');
    const later = await relay.reschedule(id, friday, 'moved again', op2);
    expect(later.scheduledFor).toBeGreaterThan(friday);
    expect(later.decision.outcome).toBe('defer');
    await expect(relay.reschedule(id, clock - 1000, 'in the past', op2)).rejects.toMatchObject({ code: 'bad_time' });
    await expect(relay.cancelScheduled(999_999, 'nothing', op2)).rejects.toMatchObject({ code: 'not_found' });
    expect(await relay.cancelScheduled(id, 'paid at the branch', op2)).toEqual({ id, meterId: '40000000004', status: 'cancelled' });
    await expect(relay.cancelScheduled(id, 'again', op2)).rejects.toMatchObject({ code: 'bad_state' });
    await expect(relay.reschedule(id, muscat('2026-12-13T10:00:00'), 'too late', op2)).rejects.toMatchObject({ code: 'bad_state' });
    expect(await relay.scheduled('40000000004')).toEqual([]);
    const trail = (await relay.audit.list({ meterId: '40000000004' })).slice(0, 3);
    expect(trail.map((t) => `${t.actor}:${t.action}:${t.outcome}`)).toEqual(['op2:relay.cancel:cancelled', 'op2:relay.reschedule:rescheduled', 'op2:relay.reschedule:rescheduled']);
    expect(trail[0]!.note).toBe('paid at the branch');

    // A time the policy would refuse leaves the cut where it was.
    debt = { debtMinor: 900_000, unpaidInvoices: 9 };
    const m = await relay.request('40000000009', 'disconnect', { reason: 'non_payment', note: 'arrears' }, op1);
    expect(m.status).toBe('scheduled');
    debt = { debtMinor: 80_000, unpaidInvoices: 2 };
    await expect(relay.reschedule(m.requestId!, muscat('2026-12-08T11:00:00'), 'try', op2)).rejects.toMatchObject({ code: 'refused_then' });
    expect((await relay.scheduled('40000000009'))[0]!.scheduledFor).toBe(m.scheduledFor);
    debt = null;

    const versions = await relay.ruleSetVersions();
    expect(versions.map((v) => [v.version, v.inForce, v.installedBy])).toEqual([[2, true, 'admin']]);
  });
});
