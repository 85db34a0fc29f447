// Onboarding routes: register meters (one, or a CSV delivery), change them through their life cycle, and
// issue, rotate, revoke and batch their MQTT credentials. Every action is audited (FleetService).
import { z } from 'zod';
import type { ApiContext, ApiPlugin, RaseedApp } from '../../dashboard-api/index.ts';
import { inAreas, notFound, problemResponses, requireRole, Problem } from '../../dashboard-api/index.ts';
import { requestActor } from '../audit/index.ts';
import { getMeter } from './meters.ts';
import { toMeterView, MeterView } from './meter-routes.ts';
import { IMPORT_COLUMNS, MeterPatch, NewMeterInput, type FleetService } from './fleet.ts';

/** Who registers and changes meters; field technicians also install them and give them credentials. */
const FLEET_ADMINS = ['admin', 'supervisor'] as const;
const FLEET_WORKERS = ['admin', 'supervisor', 'field_technician'] as const;

const ImportProblem = Problem.extend({
  errors: z.array(z.object({ line: z.number().int(), field: z.string(), detail: z.string() })).optional(),
  errorCount: z.number().int().optional(),
});
const Credentials = z.object({ username: z.string(), password: z.string().describe('shown once; only a hash is kept') , rotated: z.boolean() });
const IdParam = z.object({ id: z.string().min(1).max(32) });

export function fleetRoutes(fleet: FleetService): ApiPlugin {
  return (app, ctx) => routes(app, ctx, fleet);
}

async function routes(app: RaseedApp, ctx: ApiContext, fleet: FleetService): Promise<void> {
  // A vendor's delivery file: up to 20,000 rows of a few dozen bytes each.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 8 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  /** The meter, when it exists and this operator's areas cover it; else 404 (an operator learns nothing about other areas). */
  const visible = async (req: { user: { areas?: string[] } | null }, id: string) => {
    const m = await getMeter(ctx.db, id);
    if (!m || !inAreas(req.user as never, m.area)) throw notFound(`meter ${id}`);
    return m;
  };

  app.post('/api/v1/meters', {
    preHandler: requireRole(...FLEET_ADMINS),
    schema: {
      summary: 'Register a meter (in stock by default); STS parameters are stored, its decoder key is derived in the key store and never returned',
      tags: ['meters'],
      security: [{ bearer: [] }],
      body: NewMeterInput,
      response: { 201: MeterView, ...problemResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => {
    if (!inAreas(req.user!, req.body.area)) throw notFound(`area ${req.body.area}`);
    const m = await fleet.register(req.body, requestActor(req));
    return reply.code(201).send(toMeterView(m));
  });

  app.patch('/api/v1/meters/:id', {
    preHandler: requireRole(...FLEET_WORKERS),
    schema: {
      summary: 'Change a meter: area, model, tariff class, STS parameters, or its life cycle (in_stock → installed → active ⇄ suspended → decommissioned)',
      tags: ['meters'],
      security: [{ bearer: [] }],
      params: IdParam,
      body: MeterPatch,
      response: { 200: MeterView, ...problemResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    await visible(req, req.params.id);
    if (req.body.area !== undefined && !inAreas(req.user!, req.body.area)) throw notFound(`area ${req.body.area}`);
    return toMeterView(await fleet.update(req.params.id, req.body, requestActor(req)));
  });

  app.post('/api/v1/meters/import', {
    preHandler: requireRole(...FLEET_ADMINS),
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      summary: 'Import a vendor\'s delivery (text/csv, header row). All rows are checked first: any bad row → 422 with every {line, field, detail} and nothing imported. Re-importing the same rows changes nothing.',
      description: `Columns: ${IMPORT_COLUMNS.join(', ')} (id, service and area required). At most 20,000 rows per request.`,
      tags: ['meters'],
      security: [{ bearer: [] }],
      querystring: z.object({
        dryRun: z.enum(['true', 'false']).optional().describe('check only, import nothing'),
        firstLine: z.coerce.number().int().min(1).optional().describe('file line of this body\'s header (a client sending a file in parts); error lines count from it'),
      }),
      body: z.string().describe('CSV with a header row'),
      response: { 200: z.object({ rows: z.number().int(), created: z.number().int(), unchanged: z.number().int(), dryRun: z.boolean() }), 422: ImportProblem, ...problemResponses(400, 401, 403) },
    },
  }, async (req) => {
    return fleet.importCsv(req.body, requestActor(req), { dryRun: req.query.dryRun === 'true', ...(req.query.firstLine ? { firstLine: req.query.firstLine } : {}), ...(req.user!.areas?.length ? { areas: req.user!.areas } : {}) });
  });

  app.post('/api/v1/meters/:id/credentials', {
    preHandler: requireRole(...FLEET_WORKERS),
    schema: {
      summary: 'Issue the meter\'s MQTT credentials (username = meter number), shown once. Calling again rotates: the old password stops working and a live session is dropped.',
      tags: ['meters'],
      security: [{ bearer: [] }],
      params: IdParam,
      response: { 201: Credentials, ...problemResponses(401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    await visible(req, req.params.id);
    const c = await fleet.issueCredentials(req.params.id, requestActor(req));
    return reply.code(201).header('cache-control', 'no-store').send(c);
  });

  app.delete('/api/v1/meters/:id/credentials', {
    preHandler: requireRole(...FLEET_WORKERS),
    schema: {
      summary: 'Revoke the meter\'s MQTT credentials: its live session is dropped and reconnects are refused',
      tags: ['meters'],
      security: [{ bearer: [] }],
      params: IdParam,
      response: { 204: z.null().describe('revoked'), ...problemResponses(401, 403, 404) },
    },
  }, async (req, reply) => {
    await visible(req, req.params.id);
    await fleet.revokeCredentials(req.params.id, requestActor(req));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/meters/credentials/batch', {
    preHandler: requireRole(...FLEET_ADMINS),
    schema: {
      summary: 'Factory batch: new credentials for many meters as CSV (id,password) for the meter vendor to program; audited as one batch',
      tags: ['meters'],
      security: [{ bearer: [] }],
      body: z.object({ meterIds: z.array(z.string().min(1).max(32)).min(1).max(20_000) }).strict(),
      produces: ['text/csv'],
    },
  }, async (req, reply) => {
    const areas = await ctx.db.query<{ id: string; area: string }>('SELECT id, area FROM meters WHERE id = ANY($1::text[])', [req.body.meterIds]);
    const outside = areas.rows.find((m) => !inAreas(req.user!, m.area));
    if (outside) throw notFound(`meter ${outside.id}`);
    const { batch, csv } = await fleet.factoryBatch(req.body.meterIds, requestActor(req));
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${batch}.csv"`).serializer((x: unknown) => String(x)).send(csv as never);
  });
}
