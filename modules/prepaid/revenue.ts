// The revenue report: what was collected per day (the ledger's day, the utility's time zone) and per area and
// service, split into electricity and water sales (net of VAT), VAT, fixed charges (net of VAT), arrears
// recovered, still pending (paid, no token yet, or owed back), refunds paid out, and net. Read from the
// ledger alone (integer minor units), so it reconciles with it exactly:
//   net = collected − refunds = sales + VAT + fixed charges + debt recovered + pending   (every row)
// Assigning arrears is not a collection: `arrears` transactions are left out (their recovery is counted).
// A refund is dated like the ledger dates it: on its top-up's day.
import type { Queryable } from '../../platform/index.ts';
import { ACCOUNTS } from './ledger.ts';
import { PrepaidError, type Currency } from './money.ts';

export interface RevenueRow {
  day: string | null;
  area: string | null;
  service: 'electricity' | 'water' | null;
  /** Money received from subscribers (payments). */
  collected: number;
  electricitySales: number;
  waterSales: number;
  /** VAT on sales and fixed charges. */
  vat: number;
  fixedCharges: number;
  debtRecovered: number;
  /** Paid, not yet a token (in flight) or failed and owed back (refunds owed). */
  pending: number;
  /** Refunds paid out. */
  refunds: number;
  /** collected − refunds. */
  net: number;
  /** Payments (top-ups) counted. */
  payments: number;
  /** net = sales + VAT + fixed + debt recovered + pending. */
  balanced: boolean;
}

export interface RevenueReport {
  currency: Currency;
  from: string;
  to: string;
  /** One row per day, area and service that had any money movement. */
  rows: RevenueRow[];
  byDay: RevenueRow[];
  byArea: RevenueRow[];
  total: RevenueRow;
  balanced: boolean;
}

const empty = (day: string | null, area: string | null, service: RevenueRow['service']): RevenueRow => ({
  day, area, service, collected: 0, electricitySales: 0, waterSales: 0, vat: 0, fixedCharges: 0, debtRecovered: 0, pending: 0, refunds: 0, net: 0, payments: 0, balanced: true,
});

function finish(r: RevenueRow): RevenueRow {
  r.net = r.collected - r.refunds;
  r.balanced = r.net === r.electricitySales + r.waterSales + r.vat + r.fixedCharges + r.debtRecovered + r.pending;
  return r;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function revenueReport(q: Queryable, currency: Currency, from: string, to: string): Promise<RevenueReport> {
  if (!DATE.test(from) || !DATE.test(to)) throw new PrepaidError('bad_date', 'from and to must be dates YYYY-MM-DD');
  if (to < from) throw new PrepaidError('bad_date', 'to must not be before from');
  const r = await q.query<{ day: string | Date; area: string | null; service: string | null; kind: string; account: string; s: number | string; n: number | string }>(
    `SELECT t.day, m.area, m.service, t.kind, e.account, sum(e.amount) AS s, count(DISTINCT t.id) AS n
     FROM prepaid_ledger_txns t JOIN prepaid_ledger_entries e ON e.txn_id = t.id LEFT JOIN meters m ON m.id = t.meter_id
     WHERE t.day BETWEEN $1 AND $2 AND t.currency = $3 AND t.kind IN ('payment', 'vend', 'failure', 'refund', 'reversal')
     GROUP BY t.day, m.area, m.service, t.kind, e.account`,
    [from, to, currency],
  );
  const dayStr = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
  const cells = new Map<string, RevenueRow>();
  const days = new Map<string, RevenueRow>();
  const areas = new Map<string, RevenueRow>();
  const total = empty(null, null, null);
  for (const row of r.rows) {
    const day = dayStr(row.day);
    const area = row.area ?? '-';
    const service = row.service === 'water' ? 'water' : 'electricity';
    const key = `${day}|${area}|${service}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = empty(day, area, service)));
    let d = days.get(day);
    if (!d) days.set(day, (d = empty(day, null, null)));
    let a = areas.get(`${area}|${service}`);
    if (!a) areas.set(`${area}|${service}`, (a = empty(null, area, service)));
    const s = Number(row.s);
    for (const x of [c, d, a, total]) {
      switch (row.account) {
        case ACCOUNTS.cash:
          if (row.kind === 'payment') {
            x.collected += s;
            x.payments += Number(row.n);
          } else x.refunds -= s;
          break;
        case ACCOUNTS.energy:
          if (service === 'water') x.waterSales -= s;
          else x.electricitySales -= s;
          break;
        case ACCOUNTS.energyVat:
        case ACCOUNTS.fixedVat:
          x.vat -= s;
          break;
        case ACCOUNTS.fixed:
          x.fixedCharges -= s;
          break;
        case ACCOUNTS.arrears:
          x.debtRecovered -= s;
          break;
        case ACCOUNTS.inFlight:
        case ACCOUNTS.refunds:
          x.pending -= s;
          break;
      }
    }
  }
  const rows = [...cells.values()].sort((a, b) => `${a.day}|${a.area}|${a.service}`.localeCompare(`${b.day}|${b.area}|${b.service}`)).map(finish);
  const byDay = [...days.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))).map(finish);
  const byArea = [...areas.values()].sort((a, b) => `${a.area}|${a.service}`.localeCompare(`${b.area}|${b.service}`)).map(finish);
  finish(total);
  return { currency, from, to, rows, byDay, byArea, total, balanced: total.balanced && rows.every((x) => x.balanced) };
}
