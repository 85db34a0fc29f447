// The revenue report reconciles with the ledger exactly: after random top-ups (VAT, monthly fixed charges,
// arrears recovered, some rejected by the meter) across days, areas and both services, and a failed top-up
// refunded, every figure of the report equals the ledger's own sums, rows add up to the totals, and every
// row balances (net = collected − refunds = sales + VAT + fixed + debt recovered + pending).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openStore, SecretBox, silentLogger, type Db } from '../../platform/index.ts';
import { createMeter, createSubscriber, meterExistsIn } from '../registry/index.ts';
import { CommandService } from '../../gateway/index.ts';
import { meterNumber } from '../../meter-sim/index.ts';
import { allMigrations } from '../../app/index.ts';
import { TopUpService, type Actor } from './topups.ts';
import { TOKEN_COMMAND } from './module.ts';
import { DEFAULT_TARIFFS, TariffSet } from './tariff.ts';
import { loadVendingKeys } from './keys.ts';
import { ACCOUNTS, postTxn } from './ledger.ts';
import { PrepaidError } from './money.ts';
import { revenueReport, type RevenueRow } from './revenue.ts';

const actor: Actor = { kind: 'operator', userId: 1, name: 'op' };
let db: Db | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

const METERS = [
  { service: 'electricity', area: 'Seeb' }, { service: 'water', area: 'Seeb' }, { service: 'electricity', area: 'Muttrah' },
  { service: 'water', area: 'Muttrah' }, { service: 'electricity', area: 'Bawshar', tariffClass: 'commercial' },
] as const;

async function setup(start: number) {
  db = await openStore({ migrations: allMigrations() });
  const clock = { t: start };
  const box = SecretBox.random();
  const commands = new CommandService({ db, box, transport: null, logger: silentLogger, now: () => clock.t, meterExists: meterExistsIn(db) });
  commands.register(TOKEN_COMMAND);
  const keys = loadVendingKeys({ logger: silentLogger, vendingKeyHex: '0123456789abcdef0123456789abcdef01234567' });
  const o = { db, box, commands, logger: silentLogger, currency: 'OMR' as const, timeZone: 'Asia/Muscat', tariffs: new TariffSet(DEFAULT_TARIFFS), keys, now: () => clock.t };
  const svc = new TopUpService(o);
  const ids: string[] = [];
  for (let i = 0; i < METERS.length; i++) {
    const m = METERS[i]!;
    const sub = await createSubscriber(db, { accountNo: `A${i}`, name: `S${i}` });
    const id = meterNumber(i + 1, m.service === 'water' ? 7 : 4);
    await createMeter(db, { id, service: m.service, area: m.area, subscriberId: sub, tariffClass: 'tariffClass' in m ? m.tariffClass : 'residential', sts: keys.defaults });
    ids.push(id);
  }
  const ack = async (ref: string, ok: boolean) => {
    const rec = await commands.get(ref);
    const fin = await commands.onAck(rec!.meterId, { v: 1, ref, ts: clock.t, status: ok ? 'ok' : 'rejected', result: ok ? 'accept' : 'crc' });
    if (fin) await svc.applyCommand(fin);
  };
  return { db, clock, svc, ids, ack, o };
}

/** The ledger's own sums, straight from its entries, with no code of the report. */
async function ledgerSums(q: Db, from: string, to: string) {
  const r = await q.query<{ kind: string; account: string; service: string; s: string | number }>(
    `SELECT t.kind, e.account, m.service, sum(e.amount) AS s FROM prepaid_ledger_entries e JOIN prepaid_ledger_txns t ON t.id = e.txn_id JOIN meters m ON m.id = t.meter_id
     WHERE t.day BETWEEN $1 AND $2 GROUP BY t.kind, e.account, m.service`, [from, to]);
  const sum = (f: (x: { kind: string; account: string; service: string }) => boolean) => r.rows.filter(f).reduce((n, x) => n + Number(x.s), 0);
  const neg = (n: number) => (n === 0 ? 0 : -n);
  return {
    collected: sum((x) => x.kind === 'payment' && x.account === ACCOUNTS.cash),
    electricitySales: neg(sum((x) => x.account === ACCOUNTS.energy && x.service === 'electricity')),
    waterSales: neg(sum((x) => x.account === ACCOUNTS.energy && x.service === 'water')),
    vat: neg(sum((x) => x.account === ACCOUNTS.energyVat || x.account === ACCOUNTS.fixedVat)),
    fixedCharges: neg(sum((x) => x.account === ACCOUNTS.fixed)),
    debtRecovered: neg(sum((x) => x.kind === 'vend' && x.account === ACCOUNTS.arrears)),
    refunds: neg(sum((x) => x.kind === 'refund' && x.account === ACCOUNTS.cash)),
    pending: neg(sum((x) => x.account === ACCOUNTS.inFlight || x.account === ACCOUNTS.refunds)),
  };
}

const FIELDS = ['collected', 'electricitySales', 'waterSales', 'vat', 'fixedCharges', 'debtRecovered', 'pending', 'refunds', 'net', 'payments'] as const;
const add = (rows: RevenueRow[], f: (typeof FIELDS)[number]) => rows.reduce((n, r) => n + r[f], 0);

describe('revenue report', () => {
  it('reconciles with the ledger exactly after random top-ups with VAT, fixed charges, arrears and a refund', async () => {
    const op = fc.record({
      meter: fc.integer({ min: 0, max: METERS.length - 1 }),
      amount: fc.integer({ min: 1500, max: 40_000 }),
      advanceMin: fc.integer({ min: 0, max: 900 }),
      arrears: fc.option(fc.integer({ min: 1, max: 15_000 }), { freq: 6 }),
      accepted: fc.constantFrom(true, true, true, false),
    });
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 80, maxLength: 80 }), async (ops) => {
      const { db: d, clock, svc, ids, ack, o } = await setup(Date.parse('2026-11-27T05:00:00Z'));
      let i = 0;
      for (const x of ops) {
        clock.t += x.advanceMin * 60_000;
        if (x.arrears) await svc.addArrears(ids[x.meter]!, (x.arrears / 1000).toFixed(3), 'carried over from postpaid');
        try {
          const r = await svc.topUp({ meterId: ids[x.meter]!, amount: (x.amount / 1000).toFixed(3), idempotencyKey: `k${i++}`, actor });
          await ack(r.record.reference, x.accepted);
        } catch (e) {
          if ((e as PrepaidError).code !== 'amount_too_small') throw e;
        }
      }
      // A top-up paid but failed before its token (the process died; too old to resume): owed back, then refunded.
      const day = svc.today();
      await d.transaction(async (tx) => {
        await tx.query(`INSERT INTO prepaid_topups (reference, meter_id, idem_scope, idem_key, body_hash, channel, issuer, currency, amount, day, tariff_month, state, step, created_at_ms)
          VALUES ('T-0000-0002-X', $1, 'user:1', 'dead', 'h', 'operator', 'op', 'OMR', 7250, $2, $3, 'pending', 'paid', $4)`, [ids[1], day, day.slice(0, 7), clock.t]);
        await postTxn(tx, { kind: 'payment', reference: 'T-0000-0002-X', meterId: ids[1]!, currency: 'OMR', day, at: clock.t, entries: [{ account: ACCOUNTS.cash, amount: 7250 }, { account: ACCOUNTS.inFlight, amount: -7250 }] });
      });
      clock.t += 10_000;
      const s2 = new TopUpService({ ...o, resumeWindowMs: 1000 });
      expect((await s2.recover()).failed).toContain('T-0000-0002-X');
      await s2.refund('T-0000-0002-X', 'op');

      const from = '2026-11-01';
      const to = '2027-01-31';
      const rep = await revenueReport(d, 'OMR', from, to);
      const ledger = await ledgerSums(d, from, to);
      for (const [k, v] of Object.entries(ledger)) expect(rep.total[k as keyof typeof ledger], k).toBe(v);
      expect(rep.total.net).toBe(ledger.collected - ledger.refunds);
      expect(rep.balanced).toBe(true);
      for (const f of FIELDS) {
        expect(add(rep.rows, f), `rows ${f}`).toBe(rep.total[f]);
        expect(add(rep.byDay, f), `days ${f}`).toBe(rep.total[f]);
        expect(add(rep.byArea, f), `areas ${f}`).toBe(rep.total[f]);
      }
      // Every kind of money is there, and the split by service follows the meters'.
      for (const k of ['electricitySales', 'waterSales', 'vat', 'fixedCharges', 'debtRecovered', 'refunds'] as const) expect(rep.total[k], k).toBeGreaterThan(0);
      expect(rep.rows.filter((r) => r.service === 'water').every((r) => r.electricitySales === 0)).toBe(true);
      expect(rep.byDay.length).toBeGreaterThan(1);
      expect(new Set(rep.byArea.map((r) => r.area))).toEqual(new Set(['Seeb', 'Muttrah', 'Bawshar']));
      await d.close();
      db = null;
    }), { numRuns: 2, endOnFailure: true });
  }, 300_000);

  it('refuses bad dates with a typed error', async () => {
    const { db: d } = await setup(Date.now());
    await expect(revenueReport(d, 'OMR', '2026-12-02', '2026-12-01')).rejects.toMatchObject({ code: 'bad_date' });
    await expect(revenueReport(d, 'OMR', '2026-12', '2026-12-01')).rejects.toMatchObject({ code: 'bad_date' });
  });
});
