// GET /api/v1/reports/revenue: the revenue report (revenue.ts) per day, area and service, with totals, money as
// decimal strings in the utility currency (exact: formatted from the ledger's integer minor units).
import { z } from 'zod';
import type { Db } from '../../platform/index.ts';
import { type ApiPlugin, OPERATOR_ROLES, badRequest, problemResponses, requireRole } from '../../dashboard-api/index.ts';
import { exponentOf, formatMoney, type Currency } from './money.ts';
import { revenueReport, type RevenueRow } from './revenue.ts';

const Money = z.string().describe('decimal in major units of the utility currency, e.g. "5.000"');
const Row = z.object({
  day: z.string().nullable(), area: z.string().nullable(), service: z.enum(['electricity', 'water']).nullable(),
  collected: Money, electricitySales: Money, waterSales: Money, vat: Money, fixedCharges: Money, debtRecovered: Money, pending: Money, refunds: Money, net: Money,
  payments: z.number().int(), balanced: z.boolean(),
});
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export function revenueRoutes(db: Db, currency: Currency, today: () => string): ApiPlugin {
  return async (app) => {
    app.get('/api/v1/reports/revenue', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Revenue per day (utility time zone), area and service: collected, electricity and water sales, VAT, fixed charges, debt recovered, pending, refunds, net — from the ledger; net = collected − refunds = the parts',
        tags: ['reports'],
        security: [{ bearer: [] }],
        querystring: z.object({
          from: Day.optional().describe('first day, YYYY-MM-DD (default 6 days before to)'),
          to: Day.optional().describe('last day, inclusive (default today)'),
        }),
        response: {
          200: z.object({
            currency: z.string(), exponent: z.number().int(), from: z.string(), to: z.string(), balanced: z.boolean(),
            total: Row, byDay: z.array(Row), byArea: z.array(Row), rows: z.array(Row),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    }, async (req) => {
      const to = req.query.to ?? today();
      const from = req.query.from ?? new Date(Date.parse(`${to}T12:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
      if (to < from) throw badRequest('to must not be before from');
      if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) throw badRequest('a revenue report covers at most 366 days');
      const r = await revenueReport(db, currency, from, to);
      const m = (v: number) => formatMoney(v, currency);
      const fmt = (x: RevenueRow) => ({
        ...x, collected: m(x.collected), electricitySales: m(x.electricitySales), waterSales: m(x.waterSales), vat: m(x.vat), fixedCharges: m(x.fixedCharges),
        debtRecovered: m(x.debtRecovered), pending: m(x.pending), refunds: m(x.refunds), net: m(x.net),
      });
      return { currency, exponent: exponentOf(currency), from, to, balanced: r.balanced, total: fmt(r.total), byDay: r.byDay.map(fmt), byArea: r.byArea.map(fmt), rows: r.rows.map(fmt) };
    });
  };
}
