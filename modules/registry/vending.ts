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
}

const parse = (v: unknown): Partial<StsParams> => (typeof v === 'string' ? JSON.parse(v) : v ?? {}) as Partial<StsParams>;

/** The meter as vending needs it, or null for an unknown meter. */
export async function vendingView(q: Queryable, meterId: string): Promise<VendingView | null> {
  const r = await q.query<{ id: string; service: ServiceType; tariff_class: string; sts: unknown }>('SELECT id, service, tariff_class, sts FROM meters WHERE id = $1', [meterId]);
  const row = r.rows[0];
  return row ? { id: row.id, service: row.service, tariffClass: row.tariff_class, sts: parse(row.sts) } : null;
}

/** Gives meters that have no STS parameters yet these defaults; returns every listed meter's parameters. */
export async function fillStsDefaults(q: Queryable, meterIds: readonly string[], defaults: Partial<StsParams>): Promise<Map<string, Partial<StsParams>>> {
  await q.query(`UPDATE meters SET sts = $1 WHERE sts = '{}'::jsonb AND id = ANY($2::text[])`, [JSON.stringify(defaults), meterIds]);
  const r = await q.query<{ id: string; sts: unknown }>('SELECT id, sts FROM meters WHERE id = ANY($1::text[])', [meterIds]);
  return new Map(r.rows.map((row) => [row.id, parse(row.sts)]));
}
