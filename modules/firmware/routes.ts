// Firmware packages and campaigns (admin writes; admin, operator and viewer read), the meters' reported firmware,
// and the edge registry: operators register edges and assign meters; an edge reads its own configuration and the
// head end's clock with its own credentials (HTTP Basic, `edge:<id>`). Every write is audited.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ApiPlugin } from '../../dashboard-api/index.ts';
import { badRequest, notFound, problemResponses, requireRole, unauthorized } from '../../dashboard-api/index.ts';
import { FirmwareModel, FirmwareVersion } from '../../protocols/index.ts';
import { requestActor, type AuditWriter } from '../audit/index.ts';
import { CampaignInput, DEVICE_STATES, type CampaignView, type FirmwareService } from './service.ts';
import { EdgeRemoteConfig, type EdgeRegistry, type EdgeView } from './edges.ts';

const MAX_UPLOAD = 40 * 1024 * 1024;

const PackageView = z.object({
  id: z.number().int(), model: z.string(), version: z.string(), minVersion: z.string().nullable(), sha256: z.string(), size: z.number().int(),
  chunkSize: z.number().int(), keyId: z.string(), createdAt: z.string(),
});
const Counts = z.object(Object.fromEntries(DEVICE_STATES.map((s) => [s, z.number().int()])) as Record<(typeof DEVICE_STATES)[number], z.ZodNumber>);
const CampaignViewSchema = z.object({
  id: z.number().int(), firmwareId: z.number().int(), model: z.string(), version: z.string(),
  status: z.enum(['running', 'paused', 'cancelled', 'completed']), pauseReason: z.string().nullable(),
  pauseCode: z.enum(['failure_threshold', 'operator']).nullable().describe('why it is paused: its failure threshold was crossed, or an operator paused it'),
  currentWave: z.number().int().describe('0-based'),
  waves: z.array(z.object({ percent: z.number(), meters: z.number().int(), counts: Counts })),
  maxFailurePercent: z.number(), minCredit: z.number().int(), total: z.number().int(), counts: Counts,
  failures: z.array(z.object({
    meterId: z.string(), state: z.enum(DEVICE_STATES),
    code: z.string().describe('reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ...'),
    reason: z.string().nullable(),
  })).describe('the first 200 failed or rolled-back meters'),
  waiting: z.array(z.object({ meterId: z.string(), reason: z.string() })).describe('meters held back: protected hours, supply cut, credit below the margin'),
  createdBy: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
const campaignView = (c: CampaignView): z.infer<typeof CampaignViewSchema> => ({ ...c, createdAt: new Date(c.createdAt).toISOString(), updatedAt: new Date(c.updatedAt).toISOString() });
const CampaignPreviewSchema = z.object({
  firmwareId: z.number().int(), model: z.string(), version: z.string(), meters: z.number().int().describe('meters the campaign would update'),
  alreadyCurrent: z.number().int().describe('meters of the target already on this version or newer (left out)'),
  waves: z.array(z.object({ percent: z.number(), meters: z.number().int() })),
});
const Id = z.object({ id: z.coerce.number().int().positive() });

/** The `file` field of a multipart/form-data body (a small parser: one file field is all this route takes). */
export function multipartFile(body: Buffer, contentType: string, field = 'file'): Buffer | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return null;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const part = body.subarray(start, next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd >= 0) {
      const head = part.subarray(0, headEnd).toString('utf8');
      if (new RegExp(`name="${field}"`, 'i').test(head)) {
        let data = part.subarray(headEnd + 4);
        if (data.subarray(-2).toString('latin1') === '\r\n') data = data.subarray(0, -2);
        return Buffer.from(data);
      }
    }
    pos = next;
  }
  return null;
}

export function firmwareRoutes(fw: FirmwareService): ApiPlugin {
  const admin = requireRole('admin');
  const readers = requireRole('admin', 'operator', 'viewer');
  return async (app) => {
    app.addContentTypeParser(['application/octet-stream', 'multipart/form-data'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req, body, done) => done(null, body));

    app.post('/api/v1/firmware', {
      preHandler: admin,
      bodyLimit: MAX_UPLOAD,
      schema: {
        summary: 'Upload a signed firmware package (multipart field `file`, or the package as application/octet-stream); verified against FIRMWARE_PUBLIC_KEYS',
        tags: ['firmware'],
        security: [{ bearer: [] }],
        response: { 201: PackageView, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
    }, async (req, reply) => {
      const raw = req.body;
      if (!Buffer.isBuffer(raw)) throw badRequest('send the package as multipart/form-data (field `file`) or application/octet-stream');
      const ct = String(req.headers['content-type'] ?? '');
      const file = ct.startsWith('multipart/') ? multipartFile(raw, ct) : raw;
      if (!file) throw badRequest('no `file` field in the multipart body');
      const s = await fw.upload(file, requestActor(req));
      return reply.code(201).send({ ...s, createdAt: new Date(s.createdAt).toISOString() });
    });

    app.get('/api/v1/firmware', {
      preHandler: readers,
      schema: { summary: 'Stored firmware packages, newest first', tags: ['firmware'], security: [{ bearer: [] }], response: { 200: z.object({ packages: z.array(PackageView) }), ...problemResponses(401, 403) } },
    }, async () => ({ packages: (await fw.packages()).map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString() })) }));

    app.post('/api/v1/firmware/campaigns', {
      preHandler: admin,
      schema: {
        summary: 'Start a staged firmware campaign: waves by cumulative percent, paused by itself when failures exceed maxFailurePercent',
        tags: ['firmware'],
        security: [{ bearer: [] }],
        body: CampaignInput,
        response: { 201: CampaignViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req, reply) => reply.code(201).send(campaignView(await fw.createCampaign(req.body, requestActor(req)))));

    app.post('/api/v1/firmware/campaigns/preview', {
      preHandler: admin,
      schema: {
        summary: 'What a campaign would do (meters per wave) without starting it: nothing is stored',
        tags: ['firmware'],
        security: [{ bearer: [] }],
        body: CampaignInput,
        response: { 200: CampaignPreviewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => fw.preview(req.body));

    app.get('/api/v1/firmware/campaigns', {
      preHandler: readers,
      schema: { summary: 'Firmware campaigns, newest first', tags: ['firmware'], security: [{ bearer: [] }], response: { 200: z.object({ campaigns: z.array(CampaignViewSchema) }), ...problemResponses(401, 403) } },
    }, async () => ({ campaigns: (await fw.campaigns()).map(campaignView) }));

    app.get('/api/v1/firmware/campaigns/:id', {
      preHandler: readers,
      schema: { summary: 'A campaign: state, counts per meter state and per wave, failures with reasons', tags: ['firmware'], security: [{ bearer: [] }], params: Id, response: { 200: CampaignViewSchema, ...problemResponses(401, 403, 404) } },
    }, async (req) => {
      const v = await fw.view(req.params.id);
      if (!v) throw notFound(`no firmware campaign ${req.params.id}`);
      return campaignView(v);
    });

    for (const action of ['pause', 'resume', 'cancel'] as const) {
      app.post(`/api/v1/firmware/campaigns/:id/${action}`, {
        preHandler: admin,
        schema: { summary: `${action[0]!.toUpperCase()}${action.slice(1)} a campaign`, tags: ['firmware'], security: [{ bearer: [] }], params: Id, response: { 200: CampaignViewSchema, ...problemResponses(401, 403, 404, 409) } },
      }, async (req) => {
        const actor = requestActor(req);
        const v = action === 'pause' ? await fw.pause(req.params.id, actor) : action === 'resume' ? await fw.resume(req.params.id, actor) : await fw.cancel(req.params.id, actor);
        return campaignView(v);
      });
    }

    const MeterFirmware = z.object({ meterId: z.string(), model: z.string(), version: z.string(), reportedAt: z.string() });
    app.get('/api/v1/meters/:id/firmware', {
      preHandler: readers,
      schema: { summary: "The meter's model and firmware version as last reported", tags: ['firmware'], security: [{ bearer: [] }], params: z.object({ id: z.string().max(32) }), response: { 200: MeterFirmware, ...problemResponses(401, 403, 404) } },
    }, async (req) => {
      const f = await fw.inventory(req.params.id);
      if (!f) throw notFound(`no firmware reported for meter ${req.params.id}`);
      return { meterId: req.params.id, model: f.model, version: f.version, reportedAt: new Date(f.reportedAt).toISOString() };
    });

    app.put('/api/v1/meters/:id/firmware', {
      preHandler: admin,
      schema: {
        summary: "Record a meter's model and firmware version (import from asset records; devices also report it when offered an update)",
        tags: ['firmware'], security: [{ bearer: [] }], params: z.object({ id: z.string().max(32) }),
        body: z.object({ model: FirmwareModel, version: FirmwareVersion }).strict(),
        response: { 200: MeterFirmware, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      await fw.recordInventory(req.params.id, req.body.model, req.body.version, requestActor(req));
      const f = (await fw.inventory(req.params.id))!;
      return { meterId: req.params.id, model: f.model, version: f.version, reportedAt: new Date(f.reportedAt).toISOString() };
    });
  };
}

const EdgeViewSchema = z.object({
  id: z.string(), name: z.string().nullable(), meters: z.array(z.string()), config: EdgeRemoteConfig, configVersion: z.number().int(), lastSeen: z.string().nullable(),
});
const edgeView = (e: EdgeView): z.infer<typeof EdgeViewSchema> => ({ ...e, lastSeen: e.lastSeen === null ? null : new Date(e.lastSeen).toISOString() });

/** An edge's own login on the HTTP API: Basic `edge:<id>` and its password. */
async function edgeOf(req: FastifyRequest, edges: EdgeRegistry): Promise<string> {
  const h = String(req.headers.authorization ?? '');
  if (!h.startsWith('Basic ')) throw unauthorized();
  const text = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = text.lastIndexOf(':');
  const id = i > 0 ? await edges.verify(text.slice(0, i), text.slice(i + 1)) : null;
  if (!id) throw unauthorized();
  return id;
}

export function edgeRoutes(edges: EdgeRegistry, audit: AuditWriter, now: () => number = Date.now): ApiPlugin {
  const admin = requireRole('admin');
  const readers = requireRole('admin', 'operator', 'viewer');
  const EdgeId = z.object({ id: z.string().max(32) });
  return async (app) => {
    app.post('/api/v1/edges', {
      preHandler: admin,
      schema: {
        summary: 'Register an edge agent (data concentrator) with its meters; answers its MQTT password once (username edge:<id>)',
        tags: ['edge'],
        security: [{ bearer: [] }],
        body: z.object({ id: z.string().max(32), name: z.string().max(128).optional(), meters: z.array(z.string().max(32)).max(4096).optional(), config: EdgeRemoteConfig.optional() }).strict(),
        response: { 201: z.object({ edge: EdgeViewSchema, username: z.string(), password: z.string() }), ...problemResponses(400, 401, 403, 409) },
      },
    }, async (req, reply) => {
      const out = await edges.create(req.body);
      await audit.write({ ...requestActor(req), action: 'edge.create', targetType: 'edge', target: out.edge.id, outcome: 'created', details: { meters: out.edge.meters.length } });
      return reply.code(201).send({ edge: edgeView(out.edge), username: `edge:${out.edge.id}`, password: out.password });
    });

    app.get('/api/v1/edges', {
      preHandler: readers,
      schema: { summary: 'Edge agents', tags: ['edge'], security: [{ bearer: [] }], response: { 200: z.object({ edges: z.array(EdgeViewSchema) }), ...problemResponses(401, 403) } },
    }, async () => ({ edges: (await edges.list()).map(edgeView) }));

    app.get('/api/v1/edges/:id', {
      preHandler: readers,
      schema: { summary: 'An edge agent: its meters and configuration', tags: ['edge'], security: [{ bearer: [] }], params: EdgeId, response: { 200: EdgeViewSchema, ...problemResponses(401, 403, 404) } },
    }, async (req) => {
      const e = await edges.get(req.params.id);
      if (!e) throw notFound(`no edge ${req.params.id}`);
      return edgeView(e);
    });

    app.put('/api/v1/edges/:id/meters', {
      preHandler: admin,
      schema: {
        summary: 'Assign exactly these meters to the edge (the broker lets it publish and receive commands for them, at once)',
        tags: ['edge'], security: [{ bearer: [] }], params: EdgeId,
        body: z.object({ meters: z.array(z.string().max(32)).max(4096) }).strict(),
        response: { 200: EdgeViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const e = await edges.setMeters(req.params.id, req.body.meters);
      await audit.write({ ...requestActor(req), action: 'edge.meters', targetType: 'edge', target: e.id, outcome: 'assigned', details: { meters: e.meters } });
      return edgeView(e);
    });

    app.put('/api/v1/edges/:id/config', {
      preHandler: admin,
      schema: {
        summary: "Set the edge's remote configuration (poll interval, serial channels, drain rate); the edge picks it up at its next poll",
        tags: ['edge'], security: [{ bearer: [] }], params: EdgeId, body: EdgeRemoteConfig,
        response: { 200: EdgeViewSchema, ...problemResponses(400, 401, 403, 404) },
      },
    }, async (req) => {
      const e = await edges.setConfig(req.params.id, req.body);
      await audit.write({ ...requestActor(req), action: 'edge.config', targetType: 'edge', target: e.id, outcome: 'configured', details: { configVersion: e.configVersion } });
      return edgeView(e);
    });

    app.get('/api/v1/edge/config', {
      schema: {
        summary: "An edge's own configuration and the head end's clock (HTTP Basic with the edge's MQTT credentials)",
        tags: ['edge'],
        response: {
          200: z.object({ edgeId: z.string(), configVersion: z.number().int(), config: EdgeRemoteConfig, meters: z.array(z.string()), serverTime: z.number().int().describe('epoch ms when the answer was made') }),
          ...problemResponses(401),
        },
      },
    }, async (req) => {
      const id = await edgeOf(req, edges);
      const e = (await edges.get(id))!;
      return { edgeId: id, configVersion: e.configVersion, config: e.config, meters: e.meters, serverTime: now() };
    });

  };
}
