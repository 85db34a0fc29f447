// The prepaid loop as a module: vending keys, tariffs, the top-up service with its recovery pass, the
// token command kind, the API routes (every money action audited), and the simulated meters' STS
// decoders (keys derived from the vending key).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RaseedModule, StackContext, ModuleInstance } from '../../core/index.ts';
import type { CommandKind, CommandRecord } from '../../gateway/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import { sts } from '../../protocols/index.ts';
import { revenueRoutes } from './report-routes.ts';
import { topupRoutes } from './routes.ts';
import { fillStsDefaults } from '../registry/index.ts';
import type { PlannedMeter } from '../../meter-sim/index.ts';
import { isCurrency, PrepaidError } from './money.ts';
import { DEFAULT_TARIFFS, TariffSet, type TariffDefinition } from './tariff.ts';
import { loadVendingKeys, simDecoderState, stsParamsOf, type VendingKeys } from './keys.ts';
import { TopUpService } from './topups.ts';
import { assertTimeZone } from './calendar.ts';

export const TARIFFS_FILE = 'tariffs.json';

/** Token delivery: the meter enters a 20-digit STS token and answers with its TokenResult (accept, OLD, USED...). */
export const TOKEN_COMMAND: CommandKind<{ type: 'token'; token: string }> = {
  type: 'token',
  body: z.object({ type: z.literal('token'), token: z.string().regex(/^\d{20}$/) }).strict(),
  wire: (b) => ({ token: b.token }),
};

export interface PrepaidModuleOptions {
  /** Tariffs to use instead of DATA_DIR/tariffs.json or the shipped defaults. */
  tariffs?: TariffDefinition[];
  /** Test hook: the process SIGKILLs itself at this point of the top-up flow (also RASEED_PREPAID_CRASH_AT). */
  crashAt?: string;
  /** A top-up found unfinished before its token on restart is resumed when younger than this (default 24 h), else failed. */
  resumeWindowMs?: number;
  now?: () => number;
}

/** What the module exposes to tests and other modules (ModuleInstance.api). */
export interface PrepaidApi {
  topups: TopUpService;
  keys: VendingKeys;
  tariffs: TariffSet;
  recovered: Awaited<ReturnType<TopUpService['recover']>>;
}

function loadTariffs(ctx: StackContext, given?: TariffDefinition[]): TariffSet {
  if (given) return new TariffSet(given);
  const file = ctx.dataDir ? join(ctx.dataDir, TARIFFS_FILE) : null;
  if (file && existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { active?: TariffDefinition[]; retired?: TariffDefinition[] } | TariffDefinition[];
    return Array.isArray(data) ? new TariffSet(data) : new TariffSet(data.active ?? [], data.retired ?? []);
  }
  return new TariffSet(DEFAULT_TARIFFS);
}

export function createPrepaidModule(opts: PrepaidModuleOptions = {}): RaseedModule {
  return {
    name: 'prepaid',
    migrations: new URL('./migrations/', import.meta.url),
    commandKinds: [TOKEN_COMMAND],
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const logger = ctx.logger.child({ part: 'prepaid' });
      const currency = ctx.config.CURRENCY;
      if (!isCurrency(currency)) throw new PrepaidError('unknown_currency', `unsupported currency ${String(currency)}`);
      assertTimeZone(ctx.config.TIME_ZONE);
      const keys = loadVendingKeys({ vendingKeyHex: ctx.config.VENDING_KEY, dataDir: ctx.dataDir, logger });
      const tariffs = loadTariffs(ctx, opts.tariffs);
      if (!tariffs.list().some((t) => t.currency === currency)) logger.warn({ currency }, 'no tariff in the utility currency: top-ups will be refused until one is configured');
      const crashAt = opts.crashAt ?? process.env.RASEED_PREPAID_CRASH_AT;
      const topups = new TopUpService({
        db: ctx.db, box: ctx.box, commands: ctx.commands, logger, currency, timeZone: ctx.config.TIME_ZONE, tariffs, keys,
        ...(opts.now ? { now: opts.now } : {}), ...(crashAt ? { crashAt } : {}), ...(opts.resumeWindowMs !== undefined ? { resumeWindowMs: opts.resumeWindowMs } : {}),
      });

      const onSent = (rec: CommandRecord) => {
        // A first send from the top-up's own delivery is recorded there (one write, not two).
        if (rec.type === 'token' && !topups.isBeingSent(rec.reference)) void topups.applyCommand(rec).catch((err) => logger.error({ err, ref: rec.reference }, 'top-up state update failed'));
      };
      const onFinished = (rec: CommandRecord) => {
        if (rec.type === 'token') void topups.applyCommand(rec).catch((err) => logger.error({ err, ref: rec.reference }, 'top-up state update failed'));
      };
      ctx.commands.on('sent', onSent);
      ctx.commands.on('finished', onFinished);
      ctx.ingest?.listen({
        onEvent: async (meterId, e) => {
          try {
            await topups.onMeterEvent(meterId, e);
          } catch (err) {
            logger.error({ err, meter: meterId }, 'token event handling failed');
          }
        },
      });

      const recovered = await topups.recover();
      const decoderStates = new Map<string, sts.CreateDecoderStateOptions>();
      const api: PrepaidApi = { topups, keys, tariffs, recovered };

      return {
        api,
        plugins: [topupRoutes(topups, { anonymousVending: ctx.config.ANONYMOUS_VENDING, audit: auditWriterOf(ctx) }), revenueRoutes(ctx.db, topups.currency, () => topups.today())],
        async afterSeed(plan: PlannedMeter[]) {
          // Simulated meters get STS parameters (no keys) in the registry, and their decoder keys here.
          const ids = plan.map((p) => p.id);
          for (let i = 0; i < ids.length; i += 1000) {
            const params = await fillStsDefaults(ctx.db, ids.slice(i, i + 1000), keys.defaults);
            for (const [id, p] of params) {
              try {
                decoderStates.set(id, await simDecoderState(keys, id, stsParamsOf(keys, p)));
              } catch (err) {
                logger.warn({ meter: id, err: (err as Error).message }, 'simulated meter gets no STS decoder');
              }
            }
          }
        },
        simDecoderFor(p: PlannedMeter) {
          const st = decoderStates.get(p.id);
          return st ? new sts.MeterTokenDecoder(st, { service: p.service }) : undefined;
        },
        async stop() {
          ctx.commands.off('sent', onSent);
          ctx.commands.off('finished', onFinished);
        },
      };
    },
  };
}

/** The prepaid module with its defaults (what cli/modules.ts runs). */
export const prepaidModule: RaseedModule = createPrepaidModule();
