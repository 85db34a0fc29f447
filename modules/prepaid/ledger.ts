// The prepaid ledger: append-only, double-entry, integer minor units, in the SQL store.
// Debits are positive, credits negative; every transaction sums to zero (checked here and by the
// database at commit). Nothing is ever updated: a failure, a refund or a reversal is a new transaction.
import type { Queryable } from '../../platform/index.ts';
import { PrepaidError, type Currency } from './money.ts';

export const ACCOUNTS = {
  /** Money received from subscribers (asset). */
  cash: 'cash',
  /** Paid, token not issued yet (liability). */
  inFlight: 'topups_in_flight',
  /** Value of tokens issued, net of VAT (revenue). */
  energy: 'sales:energy',
  energyVat: 'tax:vat_energy',
  fixed: 'income:fixed_charge',
  fixedVat: 'tax:vat_fixed',
  /** Subscribers' arrears (asset): debited when assigned, credited when a top-up recovers them. */
  arrears: 'receivable:arrears',
  /** Counterpart of assigned arrears (bills carried over from postpaid, settlements). */
  arrearsBilled: 'billed:arrears',
  /** Money owed back to subscribers for top-ups that failed before a token existed (liability). */
  refunds: 'payable:refunds',
} as const;

export type TxnKind = 'payment' | 'vend' | 'failure' | 'refund' | 'arrears' | 'reversal';

export interface Entry {
  account: string;
  amount: number;
}

export interface NewTxn {
  kind: TxnKind;
  reference: string | null;
  meterId: string | null;
  currency: Currency;
  day: string;
  at: number;
  entries: Entry[];
  meta?: object;
  memo?: string;
}

export class LedgerError extends Error {
  override name = 'LedgerError';
}

function checkedEntries(t: NewTxn): Entry[] {
  const entries = t.entries.filter((e) => e.amount !== 0);
  for (const e of entries) if (!Number.isSafeInteger(e.amount)) throw new LedgerError(`ledger amount for ${e.account} is not an integer: ${e.amount}`);
  const sum = entries.reduce((s, e) => s + e.amount, 0);
  if (sum !== 0) throw new LedgerError(`ledger transaction ${t.kind} ${t.reference ?? ''} does not balance (${sum})`);
  if (!entries.length) throw new LedgerError('a ledger transaction needs entries');
  return entries;
}

/**
 * One balanced ledger transaction as two CTEs of a larger statement (`name` and `name_entries`), so that it
 * is written in the same round trip as what goes with it; the same checks as postTxn. Its parameters are
 * appended to `params`. With `onlyIf` (the name of another CTE of the statement) it is written only when that
 * CTE returned a row.
 */
export function txnCte(name: string, t: NewTxn, params: unknown[], onlyIf?: string): string {
  const entries = checkedEntries(t);
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const row = `${p(t.kind)}::text, ${p(t.reference)}::text, ${p(t.meterId)}::text, ${p(t.currency)}::text, ${p(t.day)}::date, ${p(t.at)}::bigint, ${p(JSON.stringify(t.meta ?? {}))}::jsonb, ${p(t.memo ?? null)}::text`;
  const txn = `${name} AS (INSERT INTO prepaid_ledger_txns (kind, reference, meter_id, currency, day, created_at_ms, meta, memo)
    ${onlyIf ? `SELECT ${row} FROM (SELECT 1 FROM ${onlyIf} LIMIT 1) AS only_if` : `VALUES (${row})`} RETURNING id)`;
  const values = entries.map((e) => `(${p(e.account)}::text, ${p(e.amount)}::bigint)`).join(', ');
  return `${txn}, ${name}_entries AS (INSERT INTO prepaid_ledger_entries (txn_id, account, amount) SELECT ${name}.id, x.account, x.amount FROM ${name}, (VALUES ${values}) AS x(account, amount))`;
}

/** Posts one balanced transaction (inside the caller's database transaction). Zero entries are dropped. */
export async function postTxn(q: Queryable, t: NewTxn): Promise<number> {
  const entries = checkedEntries(t);
  const r = await q.query<{ id: number }>(
    `INSERT INTO prepaid_ledger_txns (kind, reference, meter_id, currency, day, created_at_ms, meta, memo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [t.kind, t.reference, t.meterId, t.currency, t.day, t.at, JSON.stringify(t.meta ?? {}), t.memo ?? null],
  );
  const id = Number(r.rows[0]!.id);
  const params: unknown[] = [id];
  const values = entries.map((e, i) => {
    params.push(e.account, e.amount);
    return `($1, $${2 + i * 2}, $${3 + i * 2})`;
  });
  await q.query(`INSERT INTO prepaid_ledger_entries (txn_id, account, amount) VALUES ${values.join(', ')}`, params);
  return id;
}

/** Balance of an account for a meter (debit positive). */
export async function accountBalance(q: Queryable, meterId: string, account: string): Promise<number> {
  const r = await q.query<{ s: number | string | null }>(
    `SELECT sum(e.amount) AS s FROM prepaid_ledger_entries e JOIN prepaid_ledger_txns t ON t.id = e.txn_id WHERE t.meter_id = $1 AND e.account = $2`,
    [meterId, account],
  );
  return Number(r.rows[0]?.s ?? 0);
}

/** Outstanding arrears of a meter (minor units): zero without a look at the entries when none were ever assigned. */
export async function arrearsBalance(q: Queryable, meterId: string): Promise<number> {
  const any = await q.query("SELECT 1 FROM prepaid_ledger_txns WHERE meter_id = $1 AND kind = 'arrears' LIMIT 1", [meterId]);
  if (!any.rows.length) return 0;
  return accountBalance(q, meterId, ACCOUNTS.arrears);
}

export interface VendMeta {
  tariffId: string;
  month: string;
  blockStartTenths: number;
  unitsTenths: number;
  energyNet: number;
  fixedNet: number;
  debt: number;
  tid: number;
}

/** Units vended to a meter in a tariff month, from the ledger's vend transactions. */
export async function monthUnits(q: Queryable, meterId: string, month: string): Promise<{ tenths: number; fixedPaid: boolean }> {
  const r = await q.query<{ tenths: number | string | null; fixed: number | string | null }>(
    `SELECT sum((meta->>'unitsTenths')::bigint) AS tenths, sum((meta->>'fixedNet')::bigint) AS fixed
     FROM prepaid_ledger_txns WHERE meter_id = $1 AND kind = 'vend' AND meta->>'month' = $2`,
    [meterId, month],
  );
  return { tenths: Number(r.rows[0]?.tenths ?? 0), fixedPaid: Number(r.rows[0]?.fixed ?? 0) > 0 };
}

/**
 * SQL select-list columns giving what a breakdown needs of the ledger for `meterExpr` in `monthExpr` (SQL
 * expressions, e.g. columns of the top-up row being vended): tenths, fixed (fixed charge net paid) and
 * arrears, in one statement with whatever else is selected. Arrears are summed only when any were assigned.
 */
export function vendInputsSql(meterExpr: string, monthExpr: string): string {
  return `(SELECT sum((meta->>'unitsTenths')::bigint) FROM prepaid_ledger_txns WHERE meter_id = ${meterExpr} AND kind = 'vend' AND meta->>'month' = ${monthExpr}) AS mtd_tenths,
    (SELECT sum((meta->>'fixedNet')::bigint) FROM prepaid_ledger_txns WHERE meter_id = ${meterExpr} AND kind = 'vend' AND meta->>'month' = ${monthExpr}) AS mtd_fixed,
    CASE WHEN EXISTS (SELECT 1 FROM prepaid_ledger_txns WHERE meter_id = ${meterExpr} AND kind = 'arrears')
      THEN (SELECT sum(e.amount) FROM prepaid_ledger_entries e JOIN prepaid_ledger_txns lt ON lt.id = e.txn_id WHERE lt.meter_id = ${meterExpr} AND e.account = '${ACCOUNTS.arrears}')
      ELSE 0 END AS arrears_balance`;
}

/** Reads the columns of vendInputsSql. */
export function vendInputsOf(r: Record<string, unknown>): { tenths: number; fixedPaid: boolean; arrears: number } {
  return { tenths: Number(r.mtd_tenths ?? 0), fixedPaid: Number(r.mtd_fixed ?? 0) > 0, arrears: Number(r.arrears_balance ?? 0) };
}

/** All vend transactions in ledger order (for reproducing units from the ledger alone). */
export async function vendTxns(q: Queryable, meterId?: string): Promise<{ id: number; reference: string; meterId: string; meta: VendMeta; entries: Entry[] }[]> {
  const r = await q.query<{ id: number; reference: string; meter_id: string; meta: unknown; account: string; amount: number | string }>(
    `SELECT t.id, t.reference, t.meter_id, t.meta, e.account, e.amount FROM prepaid_ledger_txns t JOIN prepaid_ledger_entries e ON e.txn_id = t.id
     WHERE t.kind = 'vend' ${meterId ? 'AND t.meter_id = $1' : ''} ORDER BY t.id, e.id`,
    meterId ? [meterId] : [],
  );
  const out = new Map<number, { id: number; reference: string; meterId: string; meta: VendMeta; entries: Entry[] }>();
  for (const row of r.rows) {
    const id = Number(row.id);
    let t = out.get(id);
    if (!t) {
      t = { id, reference: row.reference, meterId: row.meter_id, meta: (typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta) as VendMeta, entries: [] };
      out.set(id, t);
    }
    t.entries.push({ account: row.account, amount: Number(row.amount) });
  }
  return [...out.values()];
}

export interface ReconciliationRow {
  day: string;
  meterId: string | null;
  /** Money received. */
  payments: number;
  /** Value of tokens issued, VAT included. */
  tokens: number;
  /** Fixed charges, VAT included. */
  fees: number;
  debtRecovered: number;
  /** Paid but no token yet (should be zero once every top-up has finished). */
  inFlight: number;
  /** Paid, failed before a token existed: owed back to the subscriber. */
  refundsOwed: number;
  /** Refunds paid out. */
  refundsPaid: number;
  vat: number;
  /** Sum of the top-up records' amounts for the same day and meter (cross-check against the ledger). */
  topupAmounts: number;
  topupCount: number;
  /** payments = tokens + fees + debt recovered + in flight + refunds owed, and payments = top-up records. */
  balanced: boolean;
}

export interface Reconciliation {
  currency: Currency;
  from: string;
  to: string;
  byDay: ReconciliationRow[];
  byMeter: ReconciliationRow[];
  total: ReconciliationRow;
  /** Every ledger transaction sums to zero. */
  allTxnsBalance: boolean;
  balanced: boolean;
}

function emptyRow(day: string, meterId: string | null): ReconciliationRow {
  return { day, meterId, payments: 0, tokens: 0, fees: 0, debtRecovered: 0, inFlight: 0, refundsOwed: 0, refundsPaid: 0, vat: 0, topupAmounts: 0, topupCount: 0, balanced: true };
}

function finish(r: ReconciliationRow): ReconciliationRow {
  r.balanced = r.payments === r.tokens + r.fees + r.debtRecovered + r.inFlight + r.refundsOwed && r.payments === r.topupAmounts;
  return r;
}

/** Reconciliation per day and per meter, from the ledger, cross-checked against the top-up records. Days are "YYYY-MM-DD", inclusive. */
export async function reconcile(q: Queryable, currency: Currency, from: string, to: string): Promise<Reconciliation> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new PrepaidError('bad_date', 'from and to must be dates YYYY-MM-DD');
  const r = await q.query<{ day: string | Date; meter_id: string | null; kind: TxnKind; account: string; s: number | string }>(
    `SELECT t.day, t.meter_id, t.kind, e.account, sum(e.amount) AS s
     FROM prepaid_ledger_txns t JOIN prepaid_ledger_entries e ON e.txn_id = t.id
     WHERE t.day BETWEEN $1 AND $2 AND t.currency = $3 AND t.kind IN ('payment', 'vend', 'failure', 'refund')
     GROUP BY t.day, t.meter_id, t.kind, e.account`,
    [from, to, currency],
  );
  const tops = await q.query<{ day: string | Date; meter_id: string; s: number | string; n: number | string }>(
    `SELECT day, meter_id, sum(amount) AS s, count(*) AS n FROM prepaid_topups WHERE day BETWEEN $1 AND $2 AND currency = $3 GROUP BY day, meter_id`,
    [from, to, currency],
  );
  const unbalanced = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM (SELECT t.id FROM prepaid_ledger_txns t JOIN prepaid_ledger_entries e ON e.txn_id = t.id WHERE t.day BETWEEN $1 AND $2 GROUP BY t.id HAVING sum(e.amount) <> 0) x`,
    [from, to],
  );
  const dayStr = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
  const byDay = new Map<string, ReconciliationRow>();
  const byMeter = new Map<string, ReconciliationRow>();
  const total = emptyRow(`${from}..${to}`, null);
  const rowsFor = (day: string, meter: string | null) => {
    let d = byDay.get(day);
    if (!d) byDay.set(day, (d = emptyRow(day, null)));
    const mk = meter ?? '-';
    let m = byMeter.get(mk);
    if (!m) byMeter.set(mk, (m = emptyRow(`${from}..${to}`, meter)));
    return [d, m, total];
  };
  for (const row of r.rows) {
    const s = Number(row.s);
    for (const x of rowsFor(dayStr(row.day), row.meter_id)) {
      if (row.kind === 'payment' && row.account === ACCOUNTS.cash) x.payments += s;
      if (row.kind === 'refund' && row.account === ACCOUNTS.cash) x.refundsPaid -= s;
      if (row.account === ACCOUNTS.energy || row.account === ACCOUNTS.energyVat) x.tokens -= s;
      if (row.account === ACCOUNTS.fixed || row.account === ACCOUNTS.fixedVat) x.fees -= s;
      if (row.account === ACCOUNTS.energyVat || row.account === ACCOUNTS.fixedVat) x.vat -= s;
      if (row.account === ACCOUNTS.arrears && row.kind === 'vend') x.debtRecovered -= s;
      if (row.account === ACCOUNTS.inFlight) x.inFlight -= s;
      if (row.account === ACCOUNTS.refunds && row.kind === 'failure') x.refundsOwed -= s;
    }
  }
  for (const t of tops.rows) {
    for (const x of rowsFor(dayStr(t.day), t.meter_id)) {
      x.topupAmounts += Number(t.s);
      x.topupCount += Number(t.n);
    }
  }
  const days = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)).map(finish);
  const meters = [...byMeter.values()].sort((a, b) => String(a.meterId).localeCompare(String(b.meterId))).map(finish);
  finish(total);
  const allTxnsBalance = Number(unbalanced.rows[0]?.n ?? 0) === 0;
  return { currency, from, to, byDay: days, byMeter: meters, total, allTxnsBalance, balanced: allTxnsBalance && total.balanced && days.every((d) => d.balanced) && meters.every((m) => m.balanced) };
}
