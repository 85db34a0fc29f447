// A Raseed process for the crash test (modules/notifications/crash.test.ts): the stack with one simulated meter, the prepaid and
// notifications modules, against DATABASE_URL, sending to SMPP_URL and SMTP_URL.
//   CHILD_MODE=topup    gives the subscriber a phone and an e-mail and pays 5.000 OMR; then
//                       CHILD_CRASH=before: SIGKILL once the top-up is accepted, before any send;
//                       CHILD_CRASH=after:  the worker SIGKILLs the process after the first send, before marking it
//   CHILD_MODE=recover  starts again and waits until the receipt's messages are no longer queued or sending
// The last line on stdout is a JSON report. Test-only.
import { loadConfig, silentLogger } from '../../platform/index.ts';
import { startStack } from '../../app/index.ts';
import { createPrepaidModule, type PrepaidApi } from '../../modules/prepaid/index.ts';
import { createNotificationsModule } from '../../modules/notifications/index.ts';

const mode = process.env.CHILD_MODE ?? 'topup';
const crash = process.env.CHILD_CRASH ?? 'before';
const config = loadConfig({
  HTTP_PORT: '0', MQTT_PORT: '0', HTTP_HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', SIM_METERS: '1', SIM_INTERVAL: '1',
  RASEED_ADMIN_PASSWORD: 'crash-admin-pass', DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR, LOG_LEVEL: 'silent', RASEED_DATA_KEY: process.env.RASEED_DATA_KEY,
  VENDING_KEY: '0123456789abcdef0123456789abcdef01234567', SMPP_URL: process.env.SMPP_URL, SMTP_URL: process.env.SMTP_URL,
}, {});
const topupMode = mode === 'topup';
const stack = await startStack({
  config, logger: silentLogger,
  modules: [createPrepaidModule(), createNotificationsModule({
    leaseMs: 1500, leakEveryMs: 0,
    everyMs: topupMode && crash === 'before' ? 3600_000 : 200,
    crashAfterSend: topupMode && crash === 'after',
  })],
});
const meterId = stack.plan[0]!.id;
const until = async (fn: () => Promise<boolean> | boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!(await fn()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};
let reference: string | null = null;
if (topupMode) {
  await until(() => stack.online.has(meterId), 20_000);
  await stack.db.query(`UPDATE subscribers SET phone = '+96890000001', email = 'salim@example.om', language = 'ar'`);
  const api = stack.modules.prepaid!.api as PrepaidApi;
  reference = (await api.topups.topUp({ meterId, amount: '5.000', idempotencyKey: 'notify-crash', actor: { kind: 'system', name: 'crash-test' } })).record.reference;
  const fin = await api.topups.waitFinal(reference, 20_000);
  if (crash === 'before' && fin?.state === 'accepted') process.kill(process.pid, 'SIGKILL');
  // crash === 'after': the worker kills the process after its first send
  await new Promise((r) => setTimeout(r, 20_000));
} else {
  const rows = async () => (await stack.db.query<{ channel: string; state: string; attempts: number }>(`SELECT channel, state, attempts FROM notification_outbox WHERE kind = 'topup_receipt' ORDER BY channel`)).rows;
  await until(async () => {
    const r = await rows();
    return r.length > 0 && r.every((x) => x.state === 'delivered');
  }, 20_000);
  reference = (await stack.db.query<{ reference: string }>(`SELECT reference FROM prepaid_topups WHERE idem_key = 'notify-crash'`)).rows[0]?.reference ?? null;
  const report = { reference, rows: await rows() };
  await stack.stop();
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exit(0);
}
await stack.stop();
process.stdout.write(JSON.stringify({ reference, error: 'did not crash' }) + '\n');
process.exit(3);
