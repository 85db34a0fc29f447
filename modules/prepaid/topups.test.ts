// The top-up service and the ledger on the embedded store, with a fixed clock: monthly block reset,
// idempotency, the append-only ledger, failures owed back, and the property that the books balance
// and the units are reproducible from the ledger alone after 1,000 random top-ups.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openStore, SecretBox, type Db } from '../../platform/index.ts';
import { createMeter, createSubscriber, meterExistsIn } from '../registry/index.ts';
import { CommandService } from '../../gateway/index.ts';
import { silentLogger } from '../../platform/index.ts';
import { meterNumber } from '../../meter-sim/index.ts';
import { sts } from '../../protocols/index.ts';
import { TopUpService, type Actor } from './topups.ts';
import { TOKEN_COMMAND } from './module.ts';
import { DEFAULT_TARIFFS, TariffSet, unitsFor } from './tariff.ts';
import { loadVendingKeys, meterKeyRef, simDecoderState, stsParamsOf } from './keys.ts';
import { ACCOUNTS, vendTxns } from './ledger.ts';
import { PrepaidError } from './money.ts';
import { allMigrations } from '../../app/index.ts';

const TZ = 'Asia/Muscat';
/** Top-ups per property run (1,000; smaller when debugging). */
const N = Number(process.env.PREPAID_PROPERTY_N ?? 1000);
const actor: Actor = { kind: 'operator', userId: 1, name: 'op' };
let db: Db | null = null;

afterEach(async () => {
  await db?.close();
  db = null;
});

async function setup(meters: { service: 'electricity' | 'water'; tariffClass?: string }[], start = Date.parse('2026-11-30T18:00:00Z')) {
  db = await openStore({ migrations: allMigrations() });
  const clock = { t: start };
  const box = SecretBox.random();
  const commands = new CommandService({ db, box, transport: null, logger: silentLogger, now: () => clock.t, meterExists: meterExistsIn(db) });
  commands.register(TOKEN_COMMAND);
  const keys = loadVendingKeys({ logger: silentLogger, vendingKeyHex: '0123456789abcdef0123456789abcdef01234567' });
  const tariffs = new TariffSet(DEFAULT_TARIFFS);
  const svc = new TopUpService({ db, box, commands, logger: silentLogger, currency: 'OMR', timeZone: TZ, tariffs, keys, now: () => clock.t });
  const ids: string[] = [];
  for (let i = 0; i < meters.length; i++) {
    const m = meters[i]!;
    const id = meterNumber(i + 1, m.service === 'water' ? 7 : 4);
    const sub = await createSubscriber(db, { accountNo: `A${i}`, name: `S${i}` });
    await createMeter(db, { id, service: m.service, subscriberId: sub, tariffClass: m.tariffClass ?? 'residential', sts: keys.defaults });
    ids.push(id);
  }
  /** The meter answers the delivery command. */
  const ack = async (ref: string, status: 'ok' | 'rejected' = 'ok', result = 'accept') => {
    const rec = await commands.get(ref);
    const fin = await commands.onAck(rec!.meterId, { v: 1, ref, ts: clock.t, status, result });
    if (fin) await svc.applyCommand(fin);
  };
  return { db, clock, svc, ids, keys, commands, box, ack };
}

describe('top-up service', () => {
  it('blocks continue within a month and reset on the 1st (Asia/Muscat), with the fixed charge taken once a month', async () => {
    const { clock, svc, ids, ack } = await setup([{ service: 'electricity' }]);
    const id = ids[0]!;
    clock.t = Date.parse('2026-11-30T19:00:00Z'); // 23:00 local, 30 November
    const a = (await svc.topUp({ meterId: id, amount: '60.000', idempotencyKey: 'a', actor })).record;
    await ack(a.reference);
    expect(a.tariffMonth).toBe('2026-11');
    expect(a.breakdown).toMatchObject({ blockStartTenths: 0, fixedNet: 500 });
    // 60 OMR crosses the 4,000 kWh slab: 4,000 kWh cost 56.000; the rest goes at 0.018.
    expect(a.breakdown!.blocks.length).toBe(2);
    const b = (await svc.topUp({ meterId: id, amount: '5.000', idempotencyKey: 'b', actor })).record;
    expect(b.breakdown).toMatchObject({ blockStartTenths: a.unitsTenths, fixedNet: 0 });
    expect(b.breakdown!.blocks[0]!.rate).toBe('0.018');
    clock.t = Date.parse('2026-11-30T20:00:00Z'); // 00:00 local, 1 December
    const c = (await svc.topUp({ meterId: id, amount: '5.000', idempotencyKey: 'c', actor })).record;
    expect(c.tariffMonth).toBe('2026-12');
    expect(c.day).toBe('2026-12-01');
    expect(c.breakdown).toMatchObject({ blockStartTenths: 0, fixedNet: 500, fixedVat: 25, unitsTenths: 3045 });
    expect(c.breakdown!.blocks[0]!.rate).toBe('0.014');
  });

  it('the same idempotency key: same body → the same top-up; a different body → conflict; nothing new is vended', async () => {
    const { svc, ids, db } = await setup([{ service: 'electricity' }, { service: 'electricity' }]);
    const first = await svc.topUp({ meterId: ids[0]!, amount: '5', idempotencyKey: 'k1', actor });
    const again = await svc.topUp({ meterId: ids[0]!, amount: '5.000', idempotencyKey: 'k1', actor });
    expect(again.replayed).toBe(true);
    expect(again.record.reference).toBe(first.record.reference);
    expect(svc.token(again.record)).toBe(svc.token(first.record));
    await expect(svc.topUp({ meterId: ids[0]!, amount: '6', idempotencyKey: 'k1', actor })).rejects.toMatchObject({ code: 'idempotency_conflict' });
    await expect(svc.topUp({ meterId: ids[1]!, amount: '5', idempotencyKey: 'k1', actor })).rejects.toMatchObject({ code: 'idempotency_conflict' });
    // Another person's identical key is their own.
    const other = await svc.topUp({ meterId: ids[0]!, amount: '5', idempotencyKey: 'k1', actor: { kind: 'subscriber', userId: 9, name: 's' } });
    expect(other.replayed).toBe(false);
    const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM prepaid_ledger_txns WHERE kind = 'vend'`);
    expect(n.rows[0]!.n).toBe(2);
  });

  it('concurrent requests with one key vend once', async () => {
    const { svc, ids, db } = await setup([{ service: 'electricity' }]);
    const rs = await Promise.all(Array.from({ length: 5 }, () => svc.topUp({ meterId: ids[0]!, amount: '5', idempotencyKey: 'same', actor })));
    expect(new Set(rs.map((r) => r.record.reference)).size).toBe(1);
    const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM prepaid_ledger_txns WHERE kind = 'vend'`);
    expect(n.rows[0]!.n).toBe(1);
  });

  it('concurrent top-ups for one meter: each vend sees the ones before it (unique TIDs, blocks in a chain, one fixed charge)', async () => {
    // The vend is one statement guarded by the meter's last TID: a vend computed on figures another vend has since
    // moved is refused and made again on the new figures.
    const { svc, ids, db } = await setup([{ service: 'electricity' }]);
    const rs = await Promise.all(Array.from({ length: 8 }, (_x, i) => svc.topUp({ meterId: ids[0]!, amount: '30.000', idempotencyKey: `k${i}`, actor })));
    expect(rs.every((r) => r.record.step === 'queued')).toBe(true);
    const vends = (await db.query<{ meta: { tid: number; blockStartTenths: number; unitsTenths: number; fixedNet: number } | string }>(
      `SELECT meta FROM prepaid_ledger_txns WHERE kind = 'vend' ORDER BY id`,
    )).rows.map((r) => (typeof r.meta === 'string' ? JSON.parse(r.meta) : r.meta) as { tid: number; blockStartTenths: number; unitsTenths: number; fixedNet: number });
    expect(vends).toHaveLength(8);
    let before = 0;
    for (let i = 0; i < vends.length; i++) {
      if (i) expect(vends[i]!.tid).toBeGreaterThan(vends[i - 1]!.tid);
      expect(vends[i]!.blockStartTenths).toBe(before);
      before += vends[i]!.unitsTenths;
    }
    expect(vends.filter((v) => v.fixedNet > 0)).toHaveLength(1);
    expect((await svc.reconcile('2000-01-01', '2100-12-31')).balanced).toBe(true);
  });

  it('bad input leaves nothing behind', async () => {
    const { svc, ids, db } = await setup([{ service: 'electricity' }]);
    for (const [amount, code] of [['5.0001', 'too_many_decimals'], ['abc', 'bad_amount'], ['0.100', 'amount_too_small']] as const) {
      await expect(svc.topUp({ meterId: ids[0]!, amount, idempotencyKey: `x${amount}`, actor })).rejects.toMatchObject({ code });
    }
    await expect(svc.topUp({ meterId: ids[0]!, amount: '5', currency: 'KWD', idempotencyKey: 'y', actor })).rejects.toMatchObject({ code: 'currency_mismatch' });
    await expect(svc.topUp({ meterId: '40000000000', amount: '5', idempotencyKey: 'z', actor })).rejects.toBeInstanceOf(PrepaidError);
    const n = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM prepaid_topups) + (SELECT count(*) FROM prepaid_ledger_txns) AS n');
    expect(Number(n.rows[0]!.n)).toBe(0);
  });

  it('the ledger is append-only', async () => {
    const { svc, ids, db } = await setup([{ service: 'electricity' }]);
    await svc.topUp({ meterId: ids[0]!, amount: '5', idempotencyKey: 'k', actor });
    await expect(db.query('UPDATE prepaid_ledger_entries SET amount = amount + 1')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM prepaid_ledger_txns')).rejects.toThrow(/append-only/);
  });

  it('a token decodes on the meter for exactly the units of the breakdown (electricity and water), with unique TIDs', async () => {
    const { svc, ids, keys } = await setup([{ service: 'electricity' }, { service: 'water' }]);
    for (const id of ids) {
      const dec = new sts.MeterTokenDecoder(await simDecoderState(keys, id, stsParamsOf(keys, {})), { service: id.startsWith('7') ? 'water' : 'electricity' });
      const tids = new Set<number>();
      for (let i = 0; i < 3; i++) {
        const r = (await svc.topUp({ meterId: id, amount: '7.250', idempotencyKey: `${id}-${i}`, actor })).record;
        const out = dec.enter(svc.token(r)!, Date.now());
        expect(out.result).toBe('accept');
        expect(out.credit).toBe(r.unitsTenths! * 100);
        tids.add(r.tid!);
      }
      expect(tids.size).toBe(3);
      expect(meterKeyRef(keys, id, stsParamsOf(keys, {})).vendingKeyId).toBe('vk1');
    }
  });

  it('a top-up interrupted before its token and too old to resume is failed visibly and its money is owed back', async () => {
    const { svc, ids, db, clock } = await setup([{ service: 'electricity' }]);
    const s2 = new TopUpService({ ...(svc as unknown as { o: ConstructorParameters<typeof TopUpService>[0] }).o, crashAt: undefined, resumeWindowMs: 1000 });
    // Simulate a process that died right after the payment: write the payment step only.
    await db.query(`INSERT INTO prepaid_topups (reference, meter_id, idem_scope, idem_key, body_hash, channel, issuer, currency, amount, day, tariff_month, state, step, created_at_ms)
      VALUES ('T-0000-0001-X', $1, 'user:1', 'k', 'h', 'operator', 'op', 'OMR', 5000, '2026-11-30', '2026-11', 'pending', 'paid', $2)`, [ids[0], clock.t]);
    await db.query(`INSERT INTO prepaid_ledger_txns (kind, reference, meter_id, currency, day, created_at_ms) VALUES ('payment', 'T-0000-0001-X', $1, 'OMR', '2026-11-30', $2)`, [ids[0], clock.t]);
    // (entries written in one statement so the deferred balance check passes)
    await db.query(`INSERT INTO prepaid_ledger_entries (txn_id, account, amount) SELECT id, 'cash', 5000 FROM prepaid_ledger_txns UNION ALL SELECT id, '${ACCOUNTS.inFlight}', -5000 FROM prepaid_ledger_txns`);
    clock.t += 5000;
    const r = await s2.recover();
    expect(r.failed).toEqual(['T-0000-0001-X']);
    const t = await s2.get('T-0000-0001-X');
    expect(t!.state).toBe('failed');
    expect(t!.tokenSealed).toBeNull();
    const rec = await s2.reconcile('2026-11-30', '2026-11-30');
    expect(rec.balanced).toBe(true);
    expect(rec.total.refundsOwed).toBe(5000);
    expect(rec.total.inFlight).toBe(0);
    // The money is paid back once, as a new ledger transaction.
    await s2.refund('T-0000-0001-X', 'op');
    await expect(s2.refund('T-0000-0001-X', 'op')).rejects.toMatchObject({ code: 'not_refundable' });
    const after = await s2.reconcile('2026-11-30', '2026-11-30');
    expect(after.balanced).toBe(true);
    expect(after.total.refundsPaid).toBe(5000);
  });

  it('only a top-up that failed before its token can be refunded', async () => {
    const { svc, ids } = await setup([{ service: 'electricity' }]);
    const r = await svc.topUp({ meterId: ids[0]!, amount: '5', idempotencyKey: 'k', actor });
    await expect(svc.refund(r.record.reference, 'op')).rejects.toMatchObject({ code: 'not_refundable' });
  });
});

describe('reconciliation (property)', () => {
  it('after 1,000 random top-ups the books balance per day and per meter, and every vend is reproducible from the ledger alone', async () => {
    const op = fc.record({
      meter: fc.integer({ min: 0, max: 5 }),
      amount: fc.integer({ min: 1000, max: 80_000 }),
      advanceMin: fc.integer({ min: 0, max: 600 }),
      arrears: fc.option(fc.integer({ min: 1, max: 20_000 }), { freq: 12 }),
      outcome: fc.constantFrom('ok', 'ok', 'ok', 'used', 'rejected', 'none'),
      replay: fc.boolean(),
    });
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: N, maxLength: N }), async (ops) => {
      const { svc, ids, clock, ack, db: d } = await setup([
        { service: 'electricity' }, { service: 'electricity' }, { service: 'electricity', tariffClass: 'commercial' },
        { service: 'water' }, { service: 'electricity' }, { service: 'water' },
      ], Date.parse('2026-11-29T00:00:00Z'));
      let i = 0;
      let total = 0;
      for (const o of ops) {
        clock.t += o.advanceMin * 60_000;
        const id = ids[o.meter]!;
        if (o.arrears) await svc.addArrears(id, (o.arrears / 1000).toFixed(3), 'carried over');
        const req = { meterId: id, amount: (o.amount / 1000).toFixed(3), idempotencyKey: `k${i++}`, actor };
        let r;
        try {
          r = await svc.topUp(req);
        } catch (e) {
          // A top-up too small for this month's fixed charge and the debt share is refused and writes nothing.
          if ((e as PrepaidError).code === 'amount_too_small') continue;
          throw e;
        }
        total += o.amount;
        if (o.replay) expect((await svc.topUp(req)).record.reference).toBe(r.record.reference);
        if (o.outcome !== 'none') await ack(r.record.reference, o.outcome === 'ok' ? 'ok' : 'rejected', o.outcome === 'ok' ? 'accept' : o.outcome === 'used' ? 'used' : 'crc');
      }
      const rec = await svc.reconcile('2026-01-01', '2027-12-31');
      expect(rec.balanced).toBe(true);
      expect(rec.allTxnsBalance).toBe(true);
      expect(rec.total.payments).toBe(total);
      expect(rec.total.tokens + rec.total.fees + rec.total.debtRecovered).toBe(total);
      expect(rec.byDay.length).toBeGreaterThan(1);
      expect(rec.byDay.reduce((s, r) => s + r.payments, 0)).toBe(total);
      expect(rec.byMeter.reduce((s, r) => s + r.payments, 0)).toBe(total);
      // Units from the ledger alone: block position = units vended earlier that month; units = tariff(energy net).
      const tariffs = new TariffSet(DEFAULT_TARIFFS);
      const pos = new Map<string, number>();
      for (const v of await vendTxns(d)) {
        const k = `${v.meterId}|${v.meta.month}`;
        const start = pos.get(k) ?? 0;
        expect(v.meta.blockStartTenths).toBe(start);
        const energyNet = -v.entries.filter((e) => e.account === ACCOUNTS.energy).reduce((s, e) => s + e.amount, 0);
        expect(unitsFor(tariffs.byId(v.meta.tariffId)!, energyNet, start).tenths).toBe(v.meta.unitsTenths);
        pos.set(k, start + v.meta.unitsTenths);
      }
      const tids = await d.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT meter_id, tid FROM prepaid_topups GROUP BY meter_id, tid HAVING count(*) > 1) x');
      expect(tids.rows[0]!.n).toBe(0);
      await d.close();
      db = null;
    }), { numRuns: 1, endOnFailure: true });
  }, 600_000);
});
