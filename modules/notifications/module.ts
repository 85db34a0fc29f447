// The notifications module: channels from the settings (SMPP_URL, SMTP_URL, WEBHOOK_URL), the outbox and
// its delivery worker, and the events that write to it — each in the transaction of the event itself:
// top-up accepted (prepaid's onAccepted), cut scheduled and final notice (policy's onNoticeEvent), low
// credit (meter readings), leak (a periodic look at water meters' use through the telemetry reader).
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { createTelemetryReader, type TelemetryReader } from '../../gateway/index.ts';
import { periodic, type Logger, type PeriodicJob, type Queryable } from '../../platform/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import type { PrepaidApi } from '../prepaid/index.ts';
import { isCurrency } from '../prepaid/index.ts';
import type { PolicyApi } from '../policy/index.ts';
import type { DeskApi, ReplyNotice } from '../desk/index.ts';
import type { MessageData } from './templates.ts';
import { localParts, localToInstant } from '../policy/index.ts';
import type { Channel, ChannelName } from './channel.ts';
import { SmppChannel } from './channel-smpp.ts';
import { SmtpChannel } from './channel-smtp.ts';
import { WebhookChannel } from './channel-webhook.ts';
import { Outbox } from './outbox.ts';
import { notificationRoutes } from './routes.ts';
import { daysLeft, DEFAULT_LEAK_RULE, DEFAULT_LOW_CREDIT, leakVerdict, lowCreditTransition, type LeakRule, type LowCreditRule } from './rules.ts';

export interface NotificationsModuleOptions {
  /** Channels to use instead of the settings' (tests). */
  channels?: Partial<Record<ChannelName, Channel>>;
  now?: () => number;
  /** How often the worker looks for due messages (default 2 s). */
  everyMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: (attempts: number) => number;
  quietHours?: [number, number] | null;
  leakRule?: LeakRule;
  /** How often water meters are checked for leaks (default 1 h; 0: never by timer, api.checkLeaks() only). */
  leakEveryMs?: number;
  lowCredit?: LowCreditRule;
  /** Test hook (also RASEED_NOTIFY_CRASH_AFTER_SEND=1): SIGKILL after the peer took a message, before it is marked. */
  crashAfterSend?: boolean;
}

export interface NotificationsApi {
  outbox: Outbox;
  /** Runs the delivery worker now (or joins the run in progress). */
  deliverNow(): Promise<void>;
  /** Looks at every water meter for a leak now; returns the meters alerted. */
  checkLeaks(): Promise<string[]>;
  /** Applies a credit reading (what the reading listener does). */
  onCredit(meterId: string, credit: number): Promise<void>;
}

function channelsFromConfig(ctx: StackContext, logger: Logger): Partial<Record<ChannelName, Channel>> {
  const c = ctx.config;
  const out: Partial<Record<ChannelName, Channel>> = {};
  if (c.SMPP_URL) out.sms = new SmppChannel({ url: c.SMPP_URL });
  if (c.SMTP_URL) out.email = new SmtpChannel({ url: c.SMTP_URL });
  if (c.WEBHOOK_URL) {
    if (!c.WEBHOOK_SECRET) logger.error('WEBHOOK_URL is set without WEBHOOK_SECRET: webhooks are not sent (they must be signed)');
    else out.webhook = new WebhookChannel({ url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET });
  }
  return out;
}

/** Serialises async work per key (one meter's readings in order). */
function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => {}).then(fn);
    tails.set(key, run);
    void run.finally(() => tails.get(key) === run && tails.delete(key)).catch(() => {});
    return run;
  };
}

export function createNotificationsModule(o: NotificationsModuleOptions = {}): RaseedModule {
  return {
    name: 'notifications',
    migrations: new URL('./migrations/', import.meta.url),
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const logger = ctx.logger.child({ part: 'notifications' });
      const now = o.now ?? Date.now;
      const currency = ctx.config.CURRENCY;
      if (!isCurrency(currency)) throw new Error(`unsupported currency ${String(currency)}`);
      const tz = ctx.config.TIME_ZONE;
      const channels = o.channels ?? channelsFromConfig(ctx, logger);
      const configured = Object.keys(channels);
      if (!configured.length) logger.warn('no SMPP_URL, SMTP_URL or WEBHOOK_URL: messages are kept in the outbox (console: Notifications) until a channel is configured');
      else logger.info({ channels: configured }, 'notification channels');
      const outbox = new Outbox({
        db: ctx.db, box: ctx.box, logger, render: { currency, timeZone: tz }, channels, webhook: Boolean(channels.webhook), now,
        maxAttempts: o.maxAttempts, leaseMs: o.leaseMs, backoffMs: o.backoffMs, quietHours: o.quietHours,
        crashAfterSend: o.crashAfterSend ?? process.env.RASEED_NOTIFY_CRASH_AFTER_SEND === '1',
      });
      const serviceOf = async (q: Queryable, meterId: string): Promise<'electricity' | 'water'> => {
        const r = await q.query<{ service: string }>('SELECT service FROM meters WHERE id = $1', [meterId]);
        return r.rows[0]?.service === 'water' ? 'water' : 'electricity';
      };

      // Top-up accepted: the receipt with the token, in the acceptance's transaction.
      const prepaid = ctx.modules.get<PrepaidApi>('prepaid');
      prepaid?.topups.onAccepted(async (tx, rec) => {
        await outbox.enqueueGuarded(tx, `topup:${rec.reference}`, rec.meterId, {
          kind: 'topup_receipt', reference: rec.reference, meterId: rec.meterId, amountMinor: rec.amount, unitsTenths: rec.unitsTenths,
          service: await serviceOf(tx, rec.meterId), token: prepaid.topups.token(rec), at: rec.finishedAt ?? now(),
        });
      });

      // Cut scheduled / final notice: the notice, in the policy's transaction.
      const policy = ctx.modules.get<PolicyApi>('policy');
      policy?.relay.onNoticeEvent(async (tx, e) => {
        if (e.kind === 'cut_scheduled') await outbox.enqueueGuarded(tx, `cut:${e.id}:${e.at}`, e.meterId, { kind: 'cut_scheduled', meterId: e.meterId, requestId: e.id, at: e.at });
        else if (e.kind === 'reminder') {
          // An operator's payment reminder (policy's water alternatives): one message per request reference.
          await outbox.enqueueGuarded(tx, `reminder:${e.reference}`, e.meterId, {
            kind: 'payment_reminder', meterId: e.meterId, reference: e.reference ?? String(e.id), service: await serviceOf(tx, e.meterId), debtMinor: e.debtMinor ?? null,
          });
        } else {
          const rs = await policy.relay.ruleSet().catch(() => null);
          await outbox.enqueueGuarded(tx, `notice:${e.id}`, e.meterId, { kind: 'final_notice', meterId: e.meterId, noticeId: e.id, at: e.at, noticeDays: rs?.rules.notice.days ?? null });
        }
      });

      // The desk's written answer, and the satisfaction poll once a case closes, reach the subscriber in their language.
      // (The desk calls these after its own commit: a crash in between loses the SMS, never the reply in the portal.)
      const desk = ctx.modules.get<DeskApi>('desk');
      const toCase = (kind: 'case_reply' | 'case_poll') => async (n: ReplyNotice) => {
        const c = n.case;
        if (c.subscriberId === null) return;
        const key = `${kind === 'case_reply' ? 'case-reply' : 'case-poll'}:${c.reference}:${kind === 'case_reply' ? c.answeredAt ?? c.updatedAt : c.updatedAt}`;
        const data: MessageData = kind === 'case_reply' ? { kind, reference: c.reference, text: c.reply ?? '' } : { kind, reference: c.reference };
        await ctx.db.transaction((tx) => outbox.enqueueToSubscriber(tx, key, c.subscriberId!, c.meterId, data));
      };
      desk?.onReply(toCase('case_reply'));
      desk?.onClose(toCase('case_poll'));

      // The policy's notice rule counts a final notice only when one of its messages was delivered, or when
      // none could be sent (no contact, no webhook): then the operator's record is the evidence.
      policy?.relay.onNoticeCheck((_meterId, noticeId) => outbox.noticeDelivered(`notice:${noticeId}`));

      let reader: TelemetryReader | null = null;
      const readerOf = () => (reader ??= createTelemetryReader(ctx.config, ctx.db));

      // Low credit: once per episode (alert state and message in one transaction).
      const lowRule = o.lowCredit ?? DEFAULT_LOW_CREDIT;
      const lowActive = new Map<string, boolean>();
      const perMeter = keyedQueue();
      const onCredit = (meterId: string, credit: number) => perMeter(meterId, async () => {
        let active = lowActive.get(meterId);
        if (active === undefined) {
          const r = await ctx.db.query<{ active: boolean }>(`SELECT active FROM notification_alerts WHERE meter_id = $1 AND rule = 'low_credit'`, [meterId]);
          active = Boolean(r.rows[0]?.active);
          lowActive.set(meterId, active);
        }
        const service = await serviceOf(ctx.db, meterId);
        const t = lowCreditTransition(lowRule, service, credit, active);
        if (!t) return;
        let perDay = 0;
        if (t === 'low') {
          const to = now();
          const s = await readerOf().consumption(meterId, to - 7 * 86_400_000, to, 86_400_000).catch(() => null);
          const days = s?.buckets.filter((b) => b.readings > 0) ?? [];
          perDay = days.length ? days.reduce((n, b) => n + b.used, 0) / days.length : 0;
        }
        await ctx.db.transaction(async (tx) => {
          const r = await tx.query<{ episode: number }>(
            `INSERT INTO notification_alerts (meter_id, rule, active, episode, changed_at_ms) VALUES ($1, 'low_credit', $2, $3, $4)
             ON CONFLICT (meter_id, rule) DO UPDATE SET active = EXCLUDED.active, episode = notification_alerts.episode + EXCLUDED.episode, changed_at_ms = EXCLUDED.changed_at_ms
             RETURNING episode`,
            [meterId, t === 'low', t === 'low' ? 1 : 0, now()],
          );
          if (t === 'low') {
            await outbox.enqueueGuarded(tx, `low_credit:${meterId}:${r.rows[0]!.episode}`, meterId, { kind: 'credit_low', meterId, service, daysLeft: daysLeft(credit, perDay), creditUnits: credit });
          }
        });
        lowActive.set(meterId, t === 'low');
      });
      let stopped = false;
      ctx.ingest?.listen({
        onReading: (meterId, reading) => {
          if (stopped) return;
          void onCredit(meterId, reading.credit).catch((err) => logger.error({ err, meter: meterId }, 'low-credit check failed'));
        },
      });

      // Leak: water meters, their daily use against the 3-month average, and last night's hourly flow.
      const leakRule = o.leakRule ?? DEFAULT_LEAK_RULE;
      const checkLeaks = async (): Promise<string[]> => {
        const alerted: string[] = [];
        const meters = await ctx.db.query<{ id: string }>(`SELECT id FROM meters WHERE service = 'water' ORDER BY id`);
        const at = now();
        const today = localParts(at, tz).date;
        const dayStart = localToInstant(today, 0, tz);
        const recentDays = Math.max(1, Math.ceil(leakRule.hours / 24));
        // the recent window ends now; whole days of 24 h back from now, the baseline before them
        const from = at - (leakRule.baselineDays + recentDays) * 86_400_000;
        for (const { id } of meters.rows) {
          const daily = await readerOf().consumption(id, from, at, 86_400_000);
          let night = null;
          if (leakRule.night) {
            const nFrom = dayStart + leakRule.night.from * 3600_000;
            const nTo = dayStart + leakRule.night.to * 3600_000;
            if (nTo <= at) night = (await readerOf().consumption(id, nFrom, nTo, 3600_000)).buckets;
          }
          const v = leakVerdict(leakRule, daily.buckets, night);
          await ctx.db.transaction(async (tx) => {
            const cur = await tx.query<{ active: boolean; episode: number }>(`SELECT active, episode FROM notification_alerts WHERE meter_id = $1 AND rule = 'leak' FOR UPDATE`, [id]);
            const active = Boolean(cur.rows[0]?.active);
            if (v.leak === active) return;
            const episode = (cur.rows[0]?.episode ?? 0) + (v.leak ? 1 : 0);
            await tx.query(
              `INSERT INTO notification_alerts (meter_id, rule, active, episode, changed_at_ms) VALUES ($1, 'leak', $2, $3, $4)
               ON CONFLICT (meter_id, rule) DO UPDATE SET active = EXCLUDED.active, episode = EXCLUDED.episode, changed_at_ms = EXCLUDED.changed_at_ms`,
              [id, v.leak, episode, at],
            );
            if (v.leak) {
              alerted.push(id);
              await outbox.enqueueGuarded(tx, `leak:${id}:${episode}`, id, {
                kind: 'leak', meterId: id, averageLitresPerDay: v.averageLitresPerDay, recentLitresPerDay: v.recentLitresPerDay,
                hours: v.why === 'night_flow' ? (leakRule.night!.to - leakRule.night!.from) : leakRule.hours, night: v.why === 'night_flow',
              });
            }
          });
        }
        return alerted;
      };

      const worker: PeriodicJob = periodic('notifications delivery', o.everyMs ?? 2_000, async () => {
        while ((await outbox.deliverDue(50)) === 50) { /* a full batch: look again at once */ }
      }, logger);
      const leakJob: PeriodicJob = periodic('leak check', Math.max(1, o.leakEveryMs ?? 3600_000), async () => void (await checkLeaks()), logger);
      worker.start();
      if (o.leakEveryMs !== 0) leakJob.start();

      const api: NotificationsApi = { outbox, deliverNow: () => worker.run(), checkLeaks, onCredit };
      return {
        api,
        plugins: [notificationRoutes(outbox, ctx.db, auditWriterOf(ctx))],
        async stop() {
          stopped = true;
          await leakJob.stop();
          await worker.stop();
          for (const c of Object.values(channels)) await c?.close().catch(() => {});
        },
      };
    },
  };
}

export const notificationsModule: RaseedModule = createNotificationsModule();
