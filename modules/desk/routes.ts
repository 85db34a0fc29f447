// The desk's API: cases (intake, routing, replies, closing, reopening), visits, attachments, the poll,
// categories, statistics, and the links between a case and its meter. Who may do what:
//   intake (record a case): call_centre, operator, supervisor, admin; a subscriber for themself (portal)
//   dispatch (assign):     supervisor, admin
//   department (start, reply, visits done): operator, field_technician, supervisor, admin
//   front line (close, reopen): call_centre, operator, supervisor, admin (a subscriber may reopen their own)
//   read: every operator role; a subscriber only their own cases (others are 404, not 403)
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiPlugin, Principal, Role } from '../../dashboard-api/index.ts';
import { OPERATOR_ROLES, notFound, problemResponses, requireRole, unauthorized, forbidden } from '../../dashboard-api/index.ts';
import type { TelemetryReader } from '../../gateway/index.ts';
import { DomainError } from '../../platform/index.ts';
import { requestActor } from '../audit/index.ts';
import { CommandView, commandView, type CommandReader } from '../commands/index.ts';
import type { PrepaidApi } from '../prepaid/index.ts';
import { CASE_KINDS, CASE_STATES, CHANNELS, CLOCK_RUNNING, type CaseRecord, type DeskService, type Visit } from './service.ts';
import { ATTACHMENT_TYPES, contentDisposition, type Attachment, type AttachmentStore } from './attachments.ts';

const INTAKE: Role[] = ['admin', 'supervisor', 'operator', 'call_centre'];
const DISPATCH: Role[] = ['admin', 'supervisor'];
const DEPARTMENT: Role[] = ['admin', 'supervisor', 'operator', 'field_technician'];
const FRONT: Role[] = ['admin', 'supervisor', 'operator', 'call_centre'];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const Ref = z.object({ reference: z.string().min(3).max(32) });
const Text = (min: number, max: number) => z.string().max(max).refine((s) => s.trim().length >= min, `at least ${min} characters`);

export const CaseView = z.object({
  reference: z.string().describe('CS-XXXX-XXXX-C: read out on the phone; the last character is a check character'),
  kind: z.enum(CASE_KINDS),
  category: z.string(),
  categoryName: z.object({ en: z.string(), ar: z.string() }),
  channel: z.enum(CHANNELS),
  state: z.enum(CASE_STATES),
  subscriberId: z.number().int().nullable(),
  meterId: z.string().nullable(),
  area: z.string().nullable(),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  description: z.string(),
  department: z.string(),
  assignee: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  dueAtLocal: z.string().describe("the deadline in the utility's time zone"),
  warnAt: z.string(),
  clock: z.enum(['running', 'stopped']).describe('running while the case waits for an answer'),
  timeLeftSeconds: z.number().int().nullable().describe('negative when overdue; null once answered'),
  usedPercent: z.number().nullable(),
  escalatedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  compensationMinor: z.number().int().nullable().describe('owed to the subscriber when a guaranteed standard was missed (minor units)'),
  answeredAt: z.string().nullable(),
  reply: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  autoCause: z.string().nullable(),
  autoCount: z.number().int().describe('how many times the meter reported the cause while this case was open'),
});
export type CaseView = z.infer<typeof CaseView>;

const VisitView = z.object({ id: z.number().int(), slotStart: z.string(), slotEnd: z.string(), technician: z.string(), state: z.enum(['scheduled', 'done', 'failed', 'cancelled']), result: z.string().nullable(), createdBy: z.string(), finishedAt: z.string().nullable() });
const AttachmentView = z.object({ id: z.number().int(), visitId: z.number().int().nullable(), filename: z.string(), contentType: z.enum(ATTACHMENT_TYPES), size: z.number().int(), sha256: z.string(), uploadedBy: z.string(), createdAt: z.string(), href: z.string() });
const EventView = z.object({ at: z.string(), actor: z.string(), action: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable() });
const SurveyView = z.object({ score: z.number().int(), comment: z.string().nullable(), language: z.string(), at: z.string() });
const CaseDetail = z.object({ case: CaseView, timeline: z.array(EventView), visits: z.array(VisitView), attachments: z.array(AttachmentView), survey: SurveyView.nullable(), surveyOpen: z.boolean() });
const CategoryView = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), kind: z.enum(CASE_KINDS), nameEn: z.string().min(1).max(120), nameAr: z.string().min(1).max(120), department: z.string().min(1).max(80),
  deadlineMinutes: z.number().int().min(1).max(365 * 24 * 60), clock: z.enum(['clock', 'working']), fieldVisit: z.boolean(), compensationMinor: z.number().int().min(0).nullable(), active: z.boolean(), sort: z.number().int(),
});
const Count = z.object({ key: z.string(), count: z.number().int() });
const Repeated = z.object({ key: z.string(), category: z.string(), count: z.number().int() });
const StatsView = z.object({
  from: z.string(), to: z.string(), timeZone: z.string(), total: z.number().int(), open: z.number().int(), answered: z.number().int(), answeredWithinDeadline: z.number().int(),
  withinDeadlineShare: z.number().nullable(), escalated: z.number().int(), breached: z.number().int(), compensationMinor: z.number().int(),
  byCategory: z.array(Count), byArea: z.array(Count), byChannel: z.array(Count), byState: z.array(Count),
  satisfaction: z.object({ answers: z.number().int(), average: z.number().nullable(), satisfiedShare: z.number().nullable().describe('share of answers scoring 4 or 5'), byScore: z.array(z.object({ score: z.number().int(), count: z.number().int() })) }),
  repeatedByArea: z.array(Repeated), repeatedByMeter: z.array(Repeated), perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
});

export interface DeskRoutesOptions {
  service: DeskService;
  attachments: AttachmentStore;
  commands: CommandReader;
  reader: TelemetryReader;
  prepaid: () => PrepaidApi | undefined;
}

export function deskRoutes(o: DeskRoutesOptions): ApiPlugin {
  const { service, attachments } = o;
  const names = new Map<string, { en: string; ar: string }>();
  const nameOf = async (code: string) => {
    if (!names.has(code)) for (const c of await service.categories(true)) names.set(c.code, { en: c.nameEn, ar: c.nameAr });
    return names.get(code) ?? { en: code, ar: code };
  };
  const view = async (c: CaseRecord, forSubscriber = false): Promise<CaseView> => {
    const running = CLOCK_RUNNING.includes(c.state);
    const now = service.now();
    const span = c.dueAt - c.clockStart;
    return {
      reference: c.reference, kind: c.kind, category: c.category, categoryName: await nameOf(c.category), channel: c.channel, state: c.state,
      subscriberId: c.subscriberId, meterId: c.meterId, area: c.area,
      caller: c.callerName || c.callerPhone ? { name: c.callerName, phone: c.callerPhone } : null,
      description: c.description, department: c.department, assignee: forSubscriber ? null : c.assignee, createdBy: forSubscriber ? '' : c.createdBy,
      createdAt: iso(c.createdAt)!, dueAt: iso(c.dueAt)!, dueAtLocal: service.local(c.dueAt), warnAt: iso(c.warnAt)!,
      clock: running ? 'running' : 'stopped', timeLeftSeconds: running ? Math.round((c.dueAt - now) / 1000) : null,
      usedPercent: running && span > 0 ? Math.round(((now - c.clockStart) / span) * 1000) / 10 : null,
      escalatedAt: iso(c.escalatedAt), breachedAt: iso(c.breachedAt), compensationMinor: c.compensationMinor, answeredAt: iso(c.answeredAt), reply: c.reply,
      closedAt: iso(c.closedAt), reopenCount: c.reopenCount, autoCause: c.autoCause, autoCount: c.autoCount,
    };
  };
  const visitView = (v: Visit) => ({ id: v.id, slotStart: iso(v.slotStart)!, slotEnd: iso(v.slotEnd)!, technician: v.technician, state: v.state, result: v.result, createdBy: v.createdBy, finishedAt: iso(v.finishedAt) });
  const attView = (a: Attachment) => ({ id: a.id, visitId: a.visitId, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256, uploadedBy: a.uploadedBy, createdAt: iso(a.createdAt)!, href: `/api/v1/cases/${encodeURIComponent(a.reference)}/attachments/${a.id}` });

  const isStaff = (u: Principal) => OPERATOR_ROLES.includes(u.role);
  /** The case, if this person may see it (a subscriber only their own; otherwise 404 as if it did not exist). */
  const visible = async (req: FastifyRequest, reference: string): Promise<CaseRecord> => {
    const u = req.user;
    if (!u) throw unauthorized();
    const c = await service.mustGet(reference);
    if (isStaff(u)) return c;
    if (u.role === 'subscriber' && u.subscriberId !== null && c.subscriberId === u.subscriberId) return c;
    throw notFound(`no case ${reference}`);
  };
  const signedIn = async (req: FastifyRequest) => {
    if (!req.user) throw unauthorized();
  };
  const sec = [{ bearer: [] }];

  return async (app) => {
    await app.register(multipart, { limits: { fileSize: attachments.maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 1024 } });

    app.get('/api/v1/desk/categories', {
      preHandler: signedIn,
      schema: { summary: 'Case categories with their department and deadline', tags: ['desk'], security: sec, querystring: z.object({ all: z.enum(['true', 'false']).optional().describe('staff: include retired categories') }), response: { 200: z.array(CategoryView), ...problemResponses(401) } },
    }, async (req) => service.categories(req.query.all === 'true' && isStaff(req.user!)));

    app.put('/api/v1/desk/categories/:code', {
      preHandler: requireRole(...DISPATCH),
      schema: { summary: "Create or change a category (the utility's own deadlines and departments; applies to new cases)", tags: ['desk'], security: sec, params: z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) }), body: CategoryView.omit({ code: true }), response: { 200: CategoryView, ...problemResponses(400, 401, 403) } },
    }, async (req) => {
      names.clear();
      return service.putCategory({ ...req.body, code: req.params.code }, requestActor(req));
    });

    app.post('/api/v1/cases', {
      preHandler: requireRole(...INTAKE, 'subscriber'),
      schema: {
        summary: 'Record a case (a call, a walk-in, a portal request): answers with its reference and deadline', tags: ['desk'], security: sec,
        body: z.object({
          kind: z.enum(CASE_KINDS), category: z.string().min(1).max(40), channel: z.enum(CHANNELS).optional().describe('default: call_centre for staff, portal for a subscriber'),
          subscriberId: z.number().int().positive().optional(), meterId: z.string().min(1).max(32).optional(),
          caller: z.object({ name: Text(1, 120), phone: z.string().regex(/^\+?[0-9 ()-]{5,20}$/, 'a phone number') }).optional(),
          description: Text(3, 4000),
        }).strict(),
        response: { 201: CaseView, ...problemResponses(400, 401, 403) },
      },
    }, async (req, reply) => {
      const u = req.user!;
      const b = req.body;
      if (b.channel === 'meter_event') throw new DomainError('invalid', 'channel_reserved', 'meter_event cases are opened by the meters themselves');
      let c: CaseRecord;
      if (u.role === 'subscriber') {
        if (u.subscriberId === null) throw forbidden('this account is not linked to a subscriber');
        if (b.subscriberId !== undefined && b.subscriberId !== u.subscriberId) throw forbidden('a subscriber records cases for themself only');
        c = await service.create({ kind: b.kind, category: b.category, channel: b.channel === 'app' ? 'app' : 'portal', subscriberId: u.subscriberId, meterId: b.meterId ?? null, description: b.description }, requestActor(req));
      } else {
        c = await service.create({ kind: b.kind, category: b.category, channel: b.channel ?? 'call_centre', subscriberId: b.subscriberId ?? null, meterId: b.meterId ?? null, caller: b.caller ?? null, description: b.description }, requestActor(req));
      }
      return reply.code(201).send(await view(c, u.role === 'subscriber'));
    });

    app.get('/api/v1/cases', {
      preHandler: requireRole(...OPERATOR_ROLES, 'subscriber'),
      schema: {
        summary: 'Cases, open ones first by deadline; a subscriber sees their own', tags: ['desk'], security: sec,
        querystring: z.object({
          state: z.string().max(100).optional().describe('comma-separated states'), category: z.string().max(40).optional(), department: z.string().max(80).optional(),
          assignee: z.string().max(64).optional(), meterId: z.string().max(32).optional(), subscriberId: z.coerce.number().int().positive().optional(), channel: z.enum(CHANNELS).optional(),
          late: z.enum(['true', 'false']).optional().describe('only open cases past 80 % of their deadline'), from: z.string().datetime({ offset: true }).optional(), to: z.string().datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(2000).optional(),
        }),
        response: { 200: z.array(CaseView), ...problemResponses(400, 401, 403) },
      },
    }, async (req) => {
      const q = req.query;
      const u = req.user!;
      const states = q.state ? q.state.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const bad = states?.find((s) => !(CASE_STATES as readonly string[]).includes(s));
      if (bad) throw new DomainError('invalid', 'unknown_state', `unknown state ${bad}`);
      const subscriberOnly = u.role === 'subscriber';
      if (subscriberOnly && u.subscriberId === null) return [];
      const list = await service.list({
        state: states as CaseRecord['state'][] | undefined, category: q.category, department: q.department, assignee: q.assignee, meterId: q.meterId, channel: q.channel,
        subscriberId: subscriberOnly ? u.subscriberId! : q.subscriberId, late: q.late === 'true', from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, limit: q.limit,
      });
      return Promise.all(list.map((c) => view(c, subscriberOnly)));
    });

    app.get('/api/v1/cases/:reference', {
      preHandler: signedIn,
      schema: { summary: 'One case with its timeline, visits, attachments and poll', tags: ['desk'], security: sec, params: Ref, response: { 200: CaseDetail, ...problemResponses(401, 404) } },
    }, async (req) => {
      const c = await visible(req, req.params.reference);
      const sub = req.user!.role === 'subscriber';
      const [timeline, visits, atts, survey] = await Promise.all([service.timeline(c.reference), service.visits(c.reference), attachments.list(c.reference), service.surveyOf(c.reference)]);
      return {
        case: await view(c, sub),
        // A subscriber sees what happened, not who inside the utility did it.
        timeline: timeline.map((e) => ({ at: iso(e.at)!, actor: sub ? (e.actor.startsWith('meter:') || e.actor === req.user!.username ? e.actor : '') : e.actor, action: e.action, fromState: e.fromState, toState: e.toState, note: sub && e.action === 'reopen' ? e.note : sub ? null : e.note })),
        visits: visits.map(visitView).map((v) => (sub ? { ...v, technician: '', createdBy: '' } : v)),
        attachments: atts.map(attView),
        survey: survey ? { score: survey.score, comment: survey.comment, language: survey.language, at: iso(survey.at)! } : null,
        surveyOpen: c.state === 'closed' && !survey,
      };
    });

    const step = (path: string, roles: Role[], summary: string, body: z.ZodTypeAny | null, run: (ref: string, b: any, req: FastifyRequest) => Promise<CaseRecord>) => {
      app.post(`/api/v1/cases/:reference/${path}`, {
        preHandler: requireRole(...roles),
        schema: { summary, tags: ['desk'], security: sec, params: Ref, ...(body ? { body } : {}), response: { 200: CaseView, ...problemResponses(400, 401, 403, 404, 409) } },
      }, async (req) => {
        const c = await run((req.params as { reference: string }).reference, req.body, req);
        return view(c);
      });
    };
    step('assign', DISPATCH, 'The dispatcher routes the case to a department (directorate/section) and a person', z.object({ department: Text(1, 80), assignee: Text(1, 64), note: z.string().max(1000).optional() }).strict(),
      async (ref, b, req) => {
        const r = await service.db.query<{ role: string }>('SELECT role FROM users WHERE username = $1', [b.assignee.trim()]);
        if (!r.rows[0] || r.rows[0].role === 'subscriber' || r.rows[0].role === 'viewer') throw new DomainError('invalid', 'unknown_assignee', `no staff member ${b.assignee} who can work a case`);
        return service.assign(ref, { department: b.department.trim(), assignee: b.assignee.trim(), note: b.note }, requestActor(req));
      });
    step('start', DEPARTMENT, 'The department starts work on an assigned case', z.object({ note: z.string().max(1000).optional() }).strict().nullish(),
      (ref, b, req) => service.start(ref, requestActor(req), b?.note));
    step('reply', DEPARTMENT, "The department's written answer: stops the clock and goes back to the subscriber", z.object({ text: Text(3, 4000) }).strict(),
      (ref, b, req) => service.reply(ref, b.text, requestActor(req)));
    step('close', FRONT, 'Close an answered case (without a written reply: 409); the satisfaction poll opens', z.object({ note: z.string().max(1000).optional() }).strict().nullish(),
      (ref, b, req) => service.close(ref, requestActor(req), b?.note));

    app.post('/api/v1/cases/:reference/reopen', {
      preHandler: requireRole(...FRONT, 'subscriber'),
      schema: { summary: 'Reopen an answered or closed case: a new answer is needed and the clock restarts', tags: ['desk'], security: sec, params: Ref, body: z.object({ reason: Text(3, 1000) }).strict(), response: { 200: CaseView, ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (req) => {
      const c = await visible(req, req.params.reference);
      return view(await service.reopen(c.reference, req.body.reason, requestActor(req)), req.user!.role === 'subscriber');
    });

    app.post('/api/v1/cases/:reference/survey', {
      preHandler: requireRole('subscriber', ...FRONT),
      schema: {
        summary: 'Satisfaction poll of a closed case (1–5 and a comment), answered once: a second answer is 409', tags: ['desk'], security: sec, params: Ref,
        body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }).strict(),
        response: { 201: SurveyView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req, reply) => {
      const c = await visible(req, req.params.reference);
      const s = await service.survey(c.reference, req.body, requestActor(req));
      return reply.code(201).send({ score: s.score, comment: s.comment, language: s.language, at: iso(s.at)! });
    });

    app.post('/api/v1/cases/:reference/visits', {
      preHandler: requireRole(...DISPATCH, 'operator'),
      schema: {
        summary: 'Book a field visit (appointment slot and technician)', tags: ['desk'], security: sec, params: Ref,
        body: z.object({ slotStart: z.string().datetime({ offset: true }), slotEnd: z.string().datetime({ offset: true }), technician: Text(1, 64) }).strict(),
        response: { 201: VisitView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req, reply) => {
      const v = await service.addVisit(req.params.reference, { slotStart: Date.parse(req.body.slotStart), slotEnd: Date.parse(req.body.slotEnd), technician: req.body.technician.trim() }, requestActor(req));
      return reply.code(201).send(visitView(v));
    });

    app.post('/api/v1/cases/:reference/visits/:id/finish', {
      preHandler: requireRole(...DEPARTMENT),
      schema: {
        summary: "Record a visit's result (the technician on the visit, or a supervisor)", tags: ['desk'], security: sec, params: Ref.extend({ id: z.coerce.number().int().positive() }),
        body: z.object({ outcome: z.enum(['done', 'failed', 'cancelled']), result: Text(3, 2000) }).strict(),
        response: { 200: VisitView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const u = req.user!;
      if (u.role === 'field_technician') {
        const v = await service.visit(req.params.id);
        if (v && v.technician !== u.username) throw forbidden('a technician records the result of their own visits');
      }
      return visitView(await service.finishVisit(req.params.reference, req.params.id, req.body, requestActor(req)));
    });

    app.get('/api/v1/desk/visits', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: "Visits booked for a technician (default: me) in a period (default: today and the next 7 days)", tags: ['desk'], security: sec,
        querystring: z.object({ technician: z.string().max(64).optional(), from: z.string().datetime({ offset: true }).optional(), to: z.string().datetime({ offset: true }).optional() }),
        response: { 200: z.array(VisitView.extend({ reference: z.string() })), ...problemResponses(400, 401, 403) },
      },
    }, async (req) => {
      const now = service.now();
      const from = req.query.from ? Date.parse(req.query.from) : now - 86_400_000;
      const to = req.query.to ? Date.parse(req.query.to) : now + 7 * 86_400_000;
      const list = await service.visitsOf(req.query.technician ?? req.user!.username, from, to);
      return list.map((v) => ({ ...visitView(v), reference: v.reference }));
    });

    app.post('/api/v1/cases/:reference/attachments', {
      preHandler: requireRole(...OPERATOR_ROLES.filter((r) => r !== 'viewer'), 'subscriber'),
      schema: {
        summary: `Attach a file (multipart/form-data, one part named file; ${ATTACHMENT_TYPES.join(', ')}; type checked by content; size-limited)`, tags: ['desk'], security: sec, params: Ref,
        consumes: ['multipart/form-data'],
        querystring: z.object({ visitId: z.coerce.number().int().positive().optional() }),
        response: { 201: AttachmentView, ...problemResponses(400, 401, 403, 404, 406, 409, 413) },
      },
    }, async (req, reply) => {
      const c = await visible(req, req.params.reference);
      if (!req.isMultipart()) throw new DomainError('invalid', 'multipart_required', 'send the file as multipart/form-data with a part named file');
      const part = await req.file();
      if (!part) throw new DomainError('invalid', 'file_required', 'no file part in the request');
      if (part.fieldname !== 'file') throw new DomainError('invalid', 'file_required', 'the file part must be named file');
      const data = await part.toBuffer(); // over the limit: 413 from @fastify/multipart, nothing stored
      const a = await attachments.add(c.reference, { filename: part.filename, declaredType: part.mimetype, data, visitId: req.query.visitId ?? null }, requestActor(req));
      return reply.code(201).send(attView(a));
    });

    app.get('/api/v1/cases/:reference/attachments/:id', {
      preHandler: signedIn,
      schema: { summary: 'Download an attachment (always as a download: Content-Disposition attachment, nosniff)', tags: ['desk'], security: sec, params: Ref.extend({ id: z.coerce.number().int().positive() }) },
    }, async (req, reply) => {
      const c = await visible(req, req.params.reference);
      const f = await attachments.read(c.reference, req.params.id);
      if (!f) throw notFound(`no attachment ${req.params.id} on ${c.reference}`);
      return reply
        .header('content-type', f.meta.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : f.meta.contentType)
        .header('content-disposition', contentDisposition(f.meta.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(f.data);
    });

    app.get('/api/v1/cases/:reference/context', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: "The case's meter: its consumption over the last 24 h, recent top-ups and commands, its audit trail and its other cases", tags: ['desk'], security: sec, params: Ref,
        response: {
          200: z.object({
            meterId: z.string().nullable(),
            consumption: z.object({ every: z.number(), total: z.number(), buckets: z.array(z.object({ start: z.string(), used: z.number().nullable() })) }).nullable(),
            topups: z.array(z.object({ reference: z.string(), amount: z.number().int(), currency: z.string(), state: z.string(), createdAt: z.string() })),
            commands: z.array(CommandView),
            audit: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), outcome: z.string().nullable(), note: z.string().nullable() })),
            otherCases: z.array(CaseView),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    }, async (req) => {
      const c = await service.mustGet(req.params.reference);
      if (!c.meterId) return { meterId: null, consumption: null, topups: [], commands: [], audit: [], otherCases: [] };
      const now = service.now();
      const [series, cmds, audit, others] = await Promise.all([
        o.reader.consumption(c.meterId, now - 86_400_000, now, 3_600_000).catch(() => null),
        o.commands.history(c.meterId, 10),
        service.audit.list({ meterId: c.meterId, limit: 20 }),
        service.list({ meterId: c.meterId, limit: 20 }),
      ]);
      const topups = (await o.prepaid()?.topups.list(c.meterId, 10)) ?? [];
      return {
        meterId: c.meterId,
        consumption: series ? { every: series.every, total: series.total, buckets: series.buckets.map((b) => ({ start: iso(b.start)!, used: b.used })) } : null,
        topups: topups.map((t) => ({ reference: t.reference, amount: t.amount, currency: t.currency, state: t.state, createdAt: iso(t.createdAt)! })),
        commands: cmds.map(commandView),
        audit: audit.map((a) => ({ at: iso(a.at)!, actor: a.actor, action: a.action, outcome: a.outcome, note: a.note })),
        otherCases: await Promise.all(others.filter((x) => x.reference !== c.reference).map((x) => view(x))),
      };
    });

    app.get('/api/v1/meters/:id/cases', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: { summary: "A meter's cases (newest open first)", tags: ['desk'], security: sec, params: z.object({ id: z.string().max(32) }), response: { 200: z.array(CaseView), ...problemResponses(401, 403) } },
    }, async (req) => Promise.all((await service.list({ meterId: req.params.id, limit: 100 })).map((c) => view(c))));

    app.get('/api/v1/desk/stats', {
      preHandler: requireRole(...OPERATOR_ROLES),
      schema: {
        summary: 'Desk statistics: cases by category, area, channel and state; share answered within the deadline; satisfaction; repeated causes per area and per meter',
        tags: ['desk'], security: sec,
        querystring: z.object({ from: z.string().datetime({ offset: true }).optional().describe('default: 30 days ago'), to: z.string().datetime({ offset: true }).optional().describe('default: now') }),
        response: { 200: StatsView, ...problemResponses(400, 401, 403) },
      },
    }, async (req) => {
      const to = req.query.to ? Date.parse(req.query.to) : service.now() + 1;
      const from = req.query.from ? Date.parse(req.query.from) : to - 30 * 86_400_000;
      if (!(from < to)) throw new DomainError('invalid', 'bad_range', 'from must be before to');
      if (to - from > 3 * 366 * 86_400_000) throw new DomainError('invalid', 'range_too_long', 'at most three years at a time');
      const s = await service.stats(from, to);
      return { ...s, from: iso(s.from)!, to: iso(s.to)! };
    });
  };
}
