// The desk as a module: the case service and its routes, ONE periodic job (deadline clocks, then the
// meter sweeps: silent meters, top-ups not accepted within an hour), and the listeners that open
// automatic cases from meter events (tamper, a token rejected twice) and command outcomes (relay stuck).
// Other modules reach it through its api (DeskApi): notifications subscribe to onReply/onClose.
import { join } from 'node:path';
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import type { CommandRecord } from '../../gateway/index.ts';
import { createTelemetryReader } from '../../gateway/index.ts';
import type { MeterEvent } from '../../protocols/index.ts';
import { periodic } from '../../platform/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import type { PrepaidApi } from '../prepaid/index.ts';
import { DeskService, type AutoCause, type CaseRecord, type ReplyNotice } from './service.ts';
import { AttachmentStore, DEFAULT_MAX_ATTACHMENT_BYTES } from './attachments.ts';
import type { WorkingWeek } from './deadline.ts';
import { deskRoutes } from './routes.ts';

export interface DeskModuleOptions {
  /** The desk's clock (tests fix it). */
  now?: () => number;
  /** How often the one desk job runs (default 30 s). */
  schedulerMs?: number;
  /** A meter not heard from for this long gets a case (default 24 h). */
  silentAfterMs?: number;
  /** A top-up token sent to a meter and not accepted within this gets a case (default 1 h). */
  topupAcceptMs?: number;
  /** Two rejected tokens within this window open a case (default 24 h). */
  tokenRejectWindowMs?: number;
  /** The meter sweeps run at most this often (default 5 min); the clock sweep runs every time. */
  meterSweepMs?: number;
  maxAttachmentBytes?: number;
  workingWeek?: WorkingWeek;
}

/** What the desk offers other modules and tests (ctx.modules.get<DeskApi>('desk')). */
export interface DeskApi {
  service: DeskService;
  attachments: AttachmentStore;
  /** The reply reached the subscriber's case: send it on (SMS, e-mail) in their language. */
  onReply(listener: (n: ReplyNotice) => void | Promise<void>): () => void;
  /** The case closed: send the satisfaction poll. */
  onClose(listener: (n: ReplyNotice) => void | Promise<void>): () => void;
  onChange(listener: (c: CaseRecord, action: string) => void | Promise<void>): () => void;
  /** Runs the desk job now (clocks; meter sweeps when `meters`), as the scheduler does. */
  sweep(o?: { meters?: boolean }): Promise<void>;
  /** Feeds one meter event as the ingest would (tests, other transports). */
  onMeterEvent(meterId: string, e: MeterEvent): Promise<void>;
}

const DAY = 86_400_000;

export function createDeskModule(o: DeskModuleOptions = {}): RaseedModule {
  return {
    name: 'desk',
    migrations: new URL('./migrations/', import.meta.url),
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const logger = ctx.logger.child({ part: 'desk' });
      const now = o.now ?? (() => Date.now());
      const service = new DeskService({ db: ctx.db, audit: auditWriterOf(ctx), logger, timeZone: ctx.config.TIME_ZONE, now, ...(o.workingWeek ? { workingWeek: o.workingWeek } : {}) });
      const attachments = new AttachmentStore(service, ctx.dataDir ? join(ctx.dataDir, 'desk', 'attachments') : null, o.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES);
      const reader = createTelemetryReader(ctx.config, ctx.db);
      const silentAfter = o.silentAfterMs ?? DAY;
      const topupAccept = o.topupAcceptMs ?? 3_600_000;
      const rejectWindow = o.tokenRejectWindowMs ?? DAY;
      const meterSweepEvery = o.meterSweepMs ?? 5 * 60_000;
      let stopped = false;
      let lastMeterSweep = -Infinity;

      const auto = async (meterId: string, cause: AutoCause, detail: string) => {
        const r = await service.openAuto(meterId, cause, detail);
        if (r?.opened) logger.info({ meter: meterId, cause, ref: r.case.reference }, 'automatic case opened');
      };

      const onMeterEvent = async (meterId: string, e: MeterEvent): Promise<void> => {
        if (e.type === 'tamper' && !e.cleared) await auto(meterId, 'tamper', `tamper reported by the meter: ${e.kind}`);
        else if (e.type === 'token') {
          if (e.result === 'accept') {
            await service.clearSignal(meterId, 'token_rejected');
            if (e.credited && e.credited > 0) await service.clearSignal(meterId, 'topup_pending');
          } else {
            const n = await service.signal(meterId, 'token_rejected', rejectWindow);
            if (n >= 2) await auto(meterId, 'token_rejected', `the meter rejected ${n} tokens in a row (last: ${e.result}, via ${e.via})`);
          }
        }
      };

      const onSent = (rec: CommandRecord) => {
        if (stopped || rec.type !== 'token') return;
        // The first unanswered top-up token starts the one-hour watch (a later one does not move it).
        void service.db.query(
          `INSERT INTO desk_meter_signals (meter_id, cause, count, first_ms, last_ms) VALUES ($1, 'topup_pending', 1, $2, $2)
           ON CONFLICT (meter_id, cause) DO UPDATE SET count = desk_meter_signals.count + 1, last_ms = $2`, [rec.meterId, now()],
        ).catch((err) => logger.error({ err, meter: rec.meterId }, 'top-up watch failed'));
      };
      const onFinished = (rec: CommandRecord) => {
        if (stopped) return;
        if (rec.type === 'relay' && (rec.status === 'rejected' || rec.status === 'failed' || rec.status === 'expired')) {
          void auto(rec.meterId, 'relay_stuck', `relay ${rec.action ?? ''} command ${rec.reference} ${rec.status}${rec.result ? ` (${rec.result})` : ''}`.replace('  ', ' '))
            .catch((err) => logger.error({ err, meter: rec.meterId }, 'relay case failed'));
        }
        if (rec.type === 'token' && rec.status === 'acknowledged' && rec.result === 'accept') {
          void service.clearSignal(rec.meterId, 'topup_pending').catch((err) => logger.error({ err }, 'top-up watch clear failed'));
        }
      };

      const sweepMeters = async () => {
        const t = now();
        for (const m of await reader.silentMeters(silentAfter, t)) {
          if (m.lastSeen === null) continue; // never installed or never connected: not a fault of a working meter
          await auto(m.meterId, 'silent_meter', `no message from the meter since ${service.local(m.lastSeen)}`);
        }
        const prepaid = ctx.modules.get<PrepaidApi>('prepaid');
        for (const meterId of await service.signalsOlderThan('topup_pending', t - topupAccept)) {
          let late: string[] = [];
          if (prepaid) {
            const recent = await prepaid.topups.list(meterId, 20);
            late = recent.filter((x) => (x.state === 'pending' || x.state === 'delivered') && x.createdAt <= t - topupAccept).map((x) => x.reference);
            if (late.length === 0 && !recent.some((x) => x.state === 'pending' || x.state === 'delivered')) {
              await service.clearSignal(meterId, 'topup_pending');
              continue;
            }
            if (late.length === 0) continue;
          }
          await auto(meterId, 'topup_not_accepted', `top-up not accepted by the meter within ${Math.round(topupAccept / 60_000)} minutes${late.length ? `: ${late.join(', ')}` : ''}`);
          await service.clearSignal(meterId, 'topup_pending');
        }
      };

      const sweep = async (s: { meters?: boolean } = {}) => {
        await service.sweepClocks();
        const t = now();
        if (s.meters ?? t - lastMeterSweep >= meterSweepEvery) {
          lastMeterSweep = t;
          await sweepMeters();
        }
      };
      const job = periodic('desk clocks', o.schedulerMs ?? 30_000, () => sweep(), logger);

      ctx.ingest?.listen({
        onEvent: async (meterId, e) => {
          if (stopped) return;
          try {
            await onMeterEvent(meterId, e);
          } catch (err) {
            logger.error({ err, meter: meterId }, 'desk meter event failed');
          }
        },
      });
      ctx.commands.on('sent', onSent);
      ctx.commands.on('finished', onFinished);
      job.start();
      void job.run();

      const api: DeskApi = {
        service, attachments,
        onReply: (l) => service.onReply(l),
        onClose: (l) => service.onClose(l),
        onChange: (l) => service.onChange(l),
        sweep: (s) => sweep({ meters: s?.meters ?? true }),
        onMeterEvent,
      };
      return {
        api,
        plugins: [deskRoutes({ service, attachments, commands: ctx.commands, reader, prepaid: () => ctx.modules.get<PrepaidApi>('prepaid') })],
        async stop() {
          stopped = true;
          ctx.commands.off('sent', onSent);
          ctx.commands.off('finished', onFinished);
          await job.stop();
        },
      };
    },
  };
}

/** The desk `raseed start` runs: real clock, default sweeps. */
export const deskModule: RaseedModule = createDeskModule();
