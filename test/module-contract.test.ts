// The module contract end to end, with the worked example of docs/ARCHITECTURE.md: a module brings its own
// migration, command kind and route; the command service, its store, the topics and the command views handle
// the new kind with no change anywhere else; bad input is refused before anything is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RaseedModule } from '../core/index.ts';
import type { CommandKind } from '../gateway/index.ts';
import { requireRole, type ApiPlugin } from '../dashboard-api/index.ts';
import { auditWriterOf, requestActor } from '../modules/audit/index.ts';
import { FEATURE_MODULES } from '../app/index.ts';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';

// The module's migrations folder (a real folder, as a module keeps next to its code).
const dir = mkdtempSync(join(tmpdir(), 'raseed-display-'));
mkdirSync(join(dir, 'migrations'));
writeFileSync(join(dir, 'migrations', '065_display.sql'), 'CREATE TABLE display_messages (meter_id text PRIMARY KEY REFERENCES meters(id), text text NOT NULL, at_ms bigint NOT NULL);\n');

const DISPLAY: CommandKind<{ type: 'display'; text: string }> = {
  type: 'display',
  body: z.object({ type: z.literal('display'), text: z.string().min(1).max(32) }).strict(),
  wire: (b) => ({ text: b.text }),
};

const displayModule: RaseedModule = {
  name: 'display',
  migrations: pathToFileURL(join(dir, 'migrations') + '/'),
  commandKinds: [DISPLAY],
  async start(ctx) {
    const audit = auditWriterOf(ctx);
    const routes: ApiPlugin = (app) => {
      app.post('/api/v1/meters/:id/display', {
        preHandler: requireRole('admin', 'operator'),
        schema: { params: z.object({ id: z.string().max(32) }), body: z.object({ text: z.string().min(1).max(32) }).strict() },
      }, async (req, reply) => {
        const rec = await ctx.commands.issue(req.params.id, { type: 'display', text: req.body.text }, { issuer: req.user!.username });
        await ctx.db.query('INSERT INTO display_messages (meter_id, text, at_ms) VALUES ($1, $2, $3) ON CONFLICT (meter_id) DO UPDATE SET text = $2, at_ms = $3', [req.params.id, req.body.text, Date.now()]);
        await audit.write({ ...requestActor(req), action: 'display.set', meterId: req.params.id, commandReference: rec.reference });
        return reply.code(202).send({ reference: rec.reference });
      });
    };
    return { plugins: [routes] };
  },
};

let s: TestStack;
let admin = '';
const counts = async () => Number((await s.db.query<{ n: string }>('SELECT count(*)::text AS n FROM commands')).rows[0]!.n);

beforeAll(async () => {
  s = await startTestStack({ SIM_METERS: '1' }, { modules: [...FEATURE_MODULES, displayModule] });
  admin = await s.adminToken();
  await eventually(() => s.plan.every((p) => s.online.has(p.id)));
});
afterAll(async () => {
  await s?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a module added as one folder', () => {
  it('its migration ran, its route answers, its command kind travels the one lifecycle to the meter and back', async () => {
    const id = s.plan[0]!.id;
    const r = await s.api(`/api/v1/meters/${id}/display`, { method: 'POST', token: admin, json: { text: 'رصيد منخفض' } });
    expect(r.status).toBe(202);
    expect((await s.db.query('SELECT text FROM display_messages WHERE meter_id = $1', [id])).rows[0]).toEqual({ text: 'رصيد منخفض' });
    // The simulated meter does not know this kind: it answers "rejected / unsupported", as a real meter would,
    // and the command service closes the record with the meter's own result.
    await eventually(async () => (await s.api(`/api/v1/commands/${r.body.reference}`, { token: admin })).body.status === 'rejected');
    const view = (await s.api(`/api/v1/commands/${r.body.reference}`, { token: admin })).body;
    expect(view).toMatchObject({ type: 'display', result: 'unsupported', issuer: 'admin' });
    const history = (await s.api(`/api/v1/meters/${id}/commands?type=display`, { token: admin })).body;
    expect(history.commands.map((c: { reference: string }) => c.reference)).toEqual([r.body.reference]);
    const audited = await s.db.query('SELECT actor FROM audit_log WHERE action = $1 AND command_reference = $2', ['display.set', r.body.reference]);
    expect(audited.rows).toEqual([{ actor: 'admin' }]);
  });

  it('an unknown meter is a 404 and a kind no module registered is refused, with nothing stored', async () => {
    const before = await counts();
    const unknown = await s.api('/api/v1/meters/99999999999/display', { method: 'POST', token: admin, json: { text: 'hello' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    await expect(s.commands.issue(s.plan[0]!.id, { type: 'firmwareX' }, { issuer: 'test' })).rejects.toMatchObject({ kind: 'invalid', code: 'unknown_command_kind' });
    await expect(s.commands.issue(s.plan[0]!.id, { type: 'display', text: '' }, { issuer: 'test' })).rejects.toMatchObject({ kind: 'invalid', code: 'bad_command' });
    expect(await counts()).toBe(before);
  });
});

// The worked example in the document is the code above (kept in step by hand): fail loudly if the doc loses it.
it('docs/ARCHITECTURE.md still shows the worked example', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(fileURLToPath(new URL('../docs/ARCHITECTURE.md', import.meta.url)), 'utf8');
  for (const line of ["type: 'display'", 'commandKinds: [DISPLAY]', 'ctx.commands.issue(req.params.id', 'auditWriterOf(ctx)']) expect(doc).toContain(line);
});
