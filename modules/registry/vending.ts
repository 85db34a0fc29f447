// What other modules read of a meter to vend for it, and the STS parameters the registry keeps for it
// (never keys: decoder keys are derived from the vending key by the prepaid module). Light queries: one
// row, no joined state, usable inside the caller's transaction.
import type { Queryable } from '../../platform/index.ts';
import type { ServiceType } from '../../protocols/index.ts';
import type { StsParams } from './meters.ts';

export interface VendingView {
  id: string;
  service: ServiceType;
  tariffClass: string;
  sts: Partial<StsParams>;
  /** Whose meter it is and where (for the caller's access check). */
  subscriberId: number | null;
  area: string;
}

const COLUMNS = 'id, service, tariff_class, sts, subscriber_id, area';

/** A vending view from its row (or its JSON, as vendingViewSql gives it); null for none. */
export function vendingViewOf(row: unknown): VendingView | null {
  const r = (typeof row === 'string' ? JSON.parse(row) : row) as { id: string; service: ServiceType; tariff_class: string; sts: unknown; subscriber_id: number | string | null; area: string } | null;
  if (!r) return null;
  return { id: r.id, service: r.service, tariffClass: r.tariff_class, sts: parse(r.sts), subscriberId: r.subscriber_id == null ? null : Number(r.subscriber_id), area: r.area };
}

/**
 * A select-list item (`vending_view`, JSON) with the vending view of the meter `idExpr` (an SQL expression), so
 * that a caller reads the meter in the same statement as what it needs beside it; vendingViewOf() parses it.
 */
export function vendingViewSql(idExpr: string): string {
  return `(SELECT row_to_json(v) FROM (SELECT ${COLUMNS} FROM meters WHERE id = ${idExpr}) v) AS vending_view`;
}

const parse = (v: unknown): Partial<StsParams> => (typeof v === 'string' ? JSON.parse(v) : v ?? {}) as Partial<StsParams>;

/** The meter as vending needs it, or null for an unknown meter. */
export async function vendingView(q: Queryable, meterId: string): Promise<VendingView | null> {
  const r = await q.query(`SELECT ${COLUMNS} FROM meters WHERE id = $1`, [meterId]);
  return vendingViewOf(r.rows[0] ?? null);
}

/** Gives meters that have no STS parameters yet these defaults; returns every listed meter's parameters. */
export async function fillStsDefaults(q: Queryable, meterIds: readonly string[], defaults: Partial<StsParams>): Promise<Map<string, Partial<StsParams>>> {
  await q.query(`UPDATE meters SET sts = $1 WHERE sts = '{}'::jsonb AND id = ANY($2::text[])`, [JSON.stringify(defaults), meterIds]);
  const r = await q.query<{ id: string; sts: unknown }>('SELECT id, sts FROM meters WHERE id = ANY($1::text[])', [meterIds]);
  return new Map(r.rows.map((row) => [row.id, parse(row.sts)]));
}
