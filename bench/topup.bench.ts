// Top-up latency, request → meter acceptance: 100 subscribers each pay at the same moment through the
// HTTP API (POST /api/v1/meters/:id/topups?wait=30000 answers once the meter has accepted the token),
// on the embedded store (PGlite in a data directory) and on PostgreSQL (a throwaway database; skipped
// loudly when none is reachable at RASEED_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres).
//   npm run bench topup        BENCH_SUBSCRIBERS=100 BENCH_ROUNDS=3
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, silentLogger } from '../platform/index.ts';
import { startStack, type RunningStack } from '../app/index.ts';
import { createUser } from '../modules/registry/index.ts';
import { createPrepaidModule } from '../modules/prepaid/index.ts';

const N = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_URL = process.env.RASEED_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

async function api(base: string, path: string, init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(base + path, { method: init.method ?? 'GET', headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function run(label: string, env: Record<string, string>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raseed-bench-'));
  const config = loadConfig({
    HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: String(N), SIM_INTERVAL: '5',
    RASEED_ADMIN_PASSWORD: 'bench-admin-pass', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env,
  }, {});
  let stack: RunningStack | null = null;
  try {
    const t0 = Date.now();
    stack = await startStack({ config, logger: silentLogger, modules: [createPrepaidModule()] });
    const base = stack.urls.http!;
    // One login per subscriber (the seed gives the first five a login; the rest get one here).
    const tokens: string[] = [];
    for (let i = 0; i < stack.plan.length; i++) {
      const p = stack.plan[i]!;
      const username = `bench${i}`;
      const u = await createUser(stack.db, { username, password: 'bench-pass-1', role: 'subscriber' });
      await stack.db.query('UPDATE subscribers SET user_id = $1 WHERE account_no = $2', [u.id, `ACC-${p.id}`]);
      const r = await api(base, '/api/v1/sessions', { method: 'POST', json: { username, password: 'bench-pass-1' } });
      tokens.push(r.body.token as string);
    }
    const deadline = Date.now() + 60_000;
    while (stack.plan.some((p) => !stack!.online.has(p.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    console.log(`${label}: ${stack.db.kind}, ${N} subscribers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const all: number[] = [];
    let failures = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const lat: number[] = [];
      const start = performance.now();
      await Promise.all(stack.plan.map(async (p, i) => {
        const t = performance.now();
        const r = await api(base, `/api/v1/meters/${p.id}/topups?wait=30000`, {
          method: 'POST', token: tokens[i], json: { amount: p.service === 'water' ? '2.000' : '5.000' }, headers: { 'Idempotency-Key': `bench-${round}-${i}` },
        });
        if (r.status !== 201 || r.body.state !== 'accepted') failures++;
        else lat.push(performance.now() - t);
      }));
      const wall = performance.now() - start;
      all.push(...lat);
      console.log(`  round ${round}: ${lat.length}/${N} accepted, p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms, ${(lat.length / (wall / 1000)).toFixed(1)} top-ups/s`);
    }
    const rec = await (stack.modules.prepaid!.api as { topups: { reconcile(a: string, b: string): Promise<{ balanced: boolean }> } }).topups.reconcile('2000-01-01', '2100-12-31');
    console.log(`${label} RESULT: top-up latency request → meter acceptance, ${N} concurrent subscribers × ${ROUNDS} rounds: p50 ${pct(all, 50).toFixed(0)} ms, p99 ${pct(all, 99).toFixed(0)} ms (${all.length} accepted, ${failures} not); books balanced: ${rec.balanced}`);
    if (failures || !rec.balanced) process.exitCode = 1;
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await run('embedded', {});

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
let pgOk = true;
try {
  await admin.connect();
} catch {
  pgOk = false;
}
if (!pgOk) {
  console.log(`\n*** SKIPPED PostgreSQL: none reachable at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (set RASEED_BENCH_PG_URL) ***`);
} else {
  const name = `raseed_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    await run('postgres', { DATABASE_URL: u.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
process.exit(process.exitCode ?? 0);
