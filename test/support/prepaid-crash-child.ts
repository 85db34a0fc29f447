// A Raseed process for the crash test (test/prepaid-crash.test.ts): the whole stack with one simulated
// meter and the prepaid module, against DATA_DIR (embedded store) or DATABASE_URL.
//   CHILD_MODE=init     creates the store, keys and the meter, then stops
//   CHILD_MODE=topup    pays 5.000 OMR with CHILD_KEY; RASEED_PREPAID_CRASH_AT makes the process SIGKILL itself at that point
//   CHILD_MODE=recover  starts again (the module's recovery pass runs), waits for the top-up to finish, reports
// The last line on stdout is a JSON report.
import { loadConfig, silentLogger } from '../../platform/index.ts';
import { startStack } from '../../app/index.ts';
import { createPrepaidModule, FINAL_STATES, type PrepaidApi } from '../../modules/prepaid/index.ts';

const startedAt = Date.now();
const mode = process.env.CHILD_MODE ?? 'topup';
const key = process.env.CHILD_KEY ?? 'crash-test';
const config = loadConfig({
  HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '1', SIM_INTERVAL: '1',
  RASEED_ADMIN_PASSWORD: 'crash-admin-pass', DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'silent',
}, {});
const resumeWindow = process.env.RASEED_PREPAID_RESUME_WINDOW_MS;
const stack = await startStack({
  config, logger: silentLogger,
  modules: [createPrepaidModule(resumeWindow ? { resumeWindowMs: Number(resumeWindow) } : {})],
});
if (mode === 'init') {
  await stack.stop();
  process.stdout.write(JSON.stringify({ mode }) + '\n');
  process.exit(0);
}
const api = stack.modules.prepaid!.api as PrepaidApi;
const meterId = stack.plan[0]!.id;
const sim = stack.fleet!.byId.get(meterId)!.meter;
const startCredit = sim.state.credit + sim.state.register;
const deadline = Date.now() + 20_000;
while (!stack.online.has(meterId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

let reference: string | null = null;
if (mode === 'topup') {
  const r = await api.topups.topUp({ meterId, amount: '5.000', idempotencyKey: key, actor: { kind: 'system', name: 'crash-test' } });
  reference = r.record.reference;
} else {
  const row = await stack.db.query<{ reference: string }>('SELECT reference FROM prepaid_topups WHERE idem_key = $1', [key]);
  reference = row.rows[0]?.reference ?? null;
}
const final = reference ? await api.topups.waitFinal(reference, 15_000) : null;
// Give the meter a moment to apply what it acknowledged.
await new Promise((r) => setTimeout(r, 200));
sim.tick(Date.now());
const rec = await api.topups.reconcile('2000-01-01', '2100-12-31');
const count = async (sql: string) => Number((await stack.db.query<{ n: number | string }>(sql, [reference])).rows[0]!.n);
const cmd = reference ? await stack.commands.get(reference) : null;
const report = {
  /** The meter acknowledged the token before the previous process died (its credit went with that process's simulated meter). */
  ackedBeforeRestart: Boolean(cmd?.acknowledgedAt && cmd.acknowledgedAt < startedAt),
  mode,
  recovered: api.recovered,
  reference,
  state: final?.state ?? null,
  reason: final?.reason ?? null,
  final: final ? FINAL_STATES.includes(final.state) : false,
  unitsTenths: final?.unitsTenths ?? null,
  creditAdded: sim.state.credit + sim.state.register - startCredit,
  vends: await count(`SELECT count(*) AS n FROM prepaid_ledger_txns WHERE reference = $1 AND kind = 'vend'`),
  payments: await count(`SELECT count(*) AS n FROM prepaid_ledger_txns WHERE reference = $1 AND kind = 'payment'`),
  failures: await count(`SELECT count(*) AS n FROM prepaid_ledger_txns WHERE reference = $1 AND kind = 'failure'`),
  commands: await count('SELECT count(*) AS n FROM commands WHERE reference = $1'),
  topups: await count('SELECT count(*) AS n FROM prepaid_topups WHERE reference = $1 OR $1 IS NULL'),
  balanced: rec.balanced,
  total: rec.total,
};
await stack.stop();
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
