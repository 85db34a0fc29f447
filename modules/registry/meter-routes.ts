import { z } from 'zod';
import { getMeter, listMeters, type MeterWithState } from './meters.ts';
import type { RaseedApp } from '../../dashboard-api/index.ts';
import type { ApiContext } from '../../dashboard-api/index.ts';
import { OPERATOR_ROLES, canSeeMeter, requireRole } from '../../dashboard-api/index.ts';
import { notFound, problemResponses, unauthorized } from '../../dashboard-api/index.ts';

export const MeterView = z.object({
  id: z.string(),
  service: z.enum(['electricity', 'water']),
  area: z.string(),
  tariffClass: z.string(),
  transport: z.enum(['mqtt', 'serial']),
  subscriberId: z.number().int().nullable(),
  subscriberName: z.string().nullable(),
  protectedCategory: z.string().nullable(),
  relayNeedsButton: z.boolean(),
  status: z.enum(['in_stock', 'installed', 'active', 'suspended', 'decommissioned']),
  model: z.string().nullable(),
  hasCredentials: z.boolean().describe('whether the meter has MQTT credentials (never the password)'),
  sts: z.object({
    sgc: z.string().optional(), ti: z.number().int().optional(), krn: z.number().int().optional(), keyType: z.number().int().optional(),
    baseDate: z.number().int().optional(), ea: z.string().optional(), dkga: z.string().optional(),
  }).describe('STS parameters (never keys)'),
  online: z.boolean(),
  lastSeen: z.string().nullable().describe('when the gateway last heard from the meter'),
  relay: z.enum(['closed', 'open', 'armed']).nullable(),
  /** Credit in register units: Wh (electricity) or litres (water). */
  credit: z.number().int().nullable().describe('remaining credit: Wh for electricity, litres for water'),
  unit: z.enum(['Wh', 'L']),
  lowCredit: z.boolean(),
  tamper: z.boolean(),
  emergencyCredit: z.boolean(),
  firmwareVersion: z.string().nullable().describe('the firmware version the meter last reported in its telemetry'),
  latestReading: z.object({
    seq: z.number().int(),
    ts: z.string(),
    register: z.number().int(),
    powerW: z.number().nullable(),
    voltageV: z.number().nullable(),
    currentA: z.number().nullable(),
    flowLph: z.number().nullable(),
  }).nullable(),
});
export type MeterView = z.infer<typeof MeterView>;

export function toMeterView(m: MeterWithState): MeterView {
  const s = m.state;
  return {
    id: m.id,
    service: m.service,
    area: m.area,
    tariffClass: m.tariffClass,
    transport: m.transport,
    subscriberId: m.subscriberId,
    subscriberName: m.subscriberName,
    protectedCategory: m.protectedCategory,
    relayNeedsButton: m.relayNeedsButton,
    status: m.status,
    model: m.model,
    hasCredentials: m.hasCredentials,
    sts: { ...m.sts },
    online: s.online,
    lastSeen: s.lastSeen ? new Date(s.lastSeen).toISOString() : null,
    relay: s.relay,
    credit: s.credit,
    unit: m.service === 'electricity' ? 'Wh' : 'L',
    lowCredit: s.lowCredit,
    tamper: s.tamper,
    emergencyCredit: s.emergencyCredit,
    firmwareVersion: s.firmwareVersion,
    latestReading: s.lastTs != null && s.register != null
      ? { seq: s.lastSeq ?? 0, ts: new Date(s.lastTs).toISOString(), register: s.register, powerW: s.powerW, voltageV: s.voltageV, currentA: s.currentA, flowLph: s.flowLph }
      : null,
  };
}

export async function meterRoutes(app: RaseedApp, ctx: ApiContext): Promise<void> {
  app.get('/api/v1/meters', {
    preHandler: requireRole(...OPERATOR_ROLES, 'subscriber'),
    schema: {
      summary: 'Meters with online state, latest reading, credit and relay (operators: all; subscribers: their own)',
      tags: ['meters'],
      security: [{ bearer: [] }],
      querystring: z.object({
        area: z.string().max(64).optional(),
        service: z.enum(['electricity', 'water']).optional(),
        online: z.enum(['true', 'false']).optional(),
        q: z.string().max(64).optional().describe('search meter number, subscriber name or area'),
        status: z.enum(['in_stock', 'installed', 'active', 'suspended', 'decommissioned']).optional(),
      }),
      response: { 200: z.object({ meters: z.array(MeterView) }), ...problemResponses(401, 403) },
    },
  }, async (req) => {
    const user = req.user!;
    const isOperator = OPERATOR_ROLES.includes(user.role);
    const meters = await listMeters(ctx.db, {
      ...(isOperator ? { areas: user.areas ?? [] } : { subscriberId: user.subscriberId ?? -1 }),
      status: req.query.status,
      area: req.query.area,
      service: req.query.service,
      online: req.query.online === undefined ? undefined : req.query.online === 'true',
      search: req.query.q,
    });
    return { meters: meters.map(toMeterView) };
  });

  app.get('/api/v1/meters/:id', {
    schema: {
      summary: 'One meter',
      tags: ['meters'],
      security: [{ bearer: [] }],
      params: z.object({ id: z.string().max(32) }),
      response: { 200: MeterView, ...problemResponses(401, 404) },
    },
  }, async (req) => {
    if (!req.user) throw unauthorized();
    const m = await getMeter(ctx.db, req.params.id);
    // A subscriber asking for someone else's meter learns nothing about whether it exists.
    if (!m || !canSeeMeter(req.user, m.subscriberId, m.area)) throw notFound(`meter ${req.params.id}`);
    return toMeterView(m);
  });
}
