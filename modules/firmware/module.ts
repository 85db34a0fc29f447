// The firmware module: signed packages, staged campaigns over the command lifecycle (three command kinds),
// the meters' reported firmware, and the edge device registry (edge agents' credentials, meters and remote
// configuration). Campaign steps follow command acks; a periodic sweep picks up meters that were waiting
// (protected hours, supply cut, low credit) and campaigns resumed after a restart. The firmware version each
// meter reports in its telemetry keeps the inventory current (an update or a rollback shows without asking).
import { readFileSync } from 'node:fs';
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { periodic } from '../../platform/index.ts';
import { auditWriterOf } from '../audit/index.ts';
import { evaluate, type PolicyApi, type RuleId } from '../policy/index.ts';
import { EdgeRegistry } from './edges.ts';
import { firmwareCommandKinds, type PackageCache } from './kinds.ts';
import { FirmwareService } from './service.ts';
import { edgeRoutes, firmwareRoutes } from './routes.ts';

export interface FirmwareApi {
  firmware: FirmwareService;
  edges: EdgeRegistry;
}

export interface FirmwareModuleOptions {
  /** Trusted public keys (PEM text); default: the files named in FIRMWARE_PUBLIC_KEYS. */
  publicKeys?: string[];
  now?: () => number;
  /** How often waiting meters and campaigns are looked at again (default 30 s). */
  sweepMs?: number;
  /** Overrides the policy-based hold (tests). */
  holdFor?: (meterId: string, now: number) => Promise<string | null>;
  commandTtlMs?: number;
}

/** Rules of the disconnection policy that protect people by time: no update runs while one of them would defer a cut. */
const TIME_RULES: RuleId[] = ['quietHours', 'weekend', 'holidays', 'lastWorkingDay', 'calendarPeriods', 'heat'];

function keysFrom(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((p) => readFileSync(p, 'utf8'));
}

/** Holds an update while the policy would defer or refuse a cut for a time-based reason (people are protected then). */
function policyHold(ctx: StackContext): (meterId: string, now: number) => Promise<string | null> {
  return async (meterId, now) => {
    const policy = ctx.modules.get<PolicyApi>('policy');
    if (!policy) return null;
    const m = (await ctx.db.query<{ service: 'electricity' | 'water'; area: string }>('SELECT service, area FROM meters WHERE id = $1', [meterId])).rows[0];
    if (!m) return null;
    const d = evaluate(await policy.relay.ruleSet(), { action: 'disconnect', reason: 'maintenance', at: now, meter: { id: meterId, service: m.service, area: m.area, protectedCategory: null } });
    const v = d.verdicts.find((x) => TIME_RULES.includes(x.rule) && (x.verdict === 'defer' || x.verdict === 'refuse'));
    return v ? `protected time (${v.rule}): ${v.detail}` : null;
  };
}

export function createFirmwareModule(o: FirmwareModuleOptions = {}): RaseedModule {
  const cache: PackageCache = new Map();
  return {
    name: 'firmware',
    migrations: new URL('./migrations/', import.meta.url),
    commandKinds: firmwareCommandKinds(cache),
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const audit = auditWriterOf(ctx);
      const publicKeys = o.publicKeys ?? keysFrom(ctx.config.FIRMWARE_PUBLIC_KEYS);
      const firmware = new FirmwareService({
        db: ctx.db, commands: ctx.commands, logger: ctx.logger.child({ part: 'firmware' }), audit, cache, publicKeys,
        holdFor: o.holdFor ?? policyHold(ctx), ...(o.now ? { now: o.now } : {}), ...(o.commandTtlMs ? { commandTtlMs: o.commandTtlMs } : {}),
      });
      const edges = new EdgeRegistry(ctx.db, o.now);
      const onFinished = (rec: Parameters<FirmwareService['onCommandFinished']>[0]) => {
        firmware.onCommandFinished(rec).catch((err: unknown) => ctx.logger.error({ err, ref: rec.reference }, 'firmware campaign step failed'));
      };
      ctx.commands.on('finished', onFinished);
      // Meters report the version they run in their telemetry: the inventory follows (one write per change, and one
      // every 10 min per meter at most otherwise, so a record changed by hand is corrected by the next report).
      const reported = new Map<string, { v: string; at: number }>();
      ctx.ingest?.listen({
        onReading: (meterId, reading) => {
          const v = reading.firmwareVersion;
          const last = reported.get(meterId);
          if (!v || (last?.v === v && Date.now() - last.at < 600_000)) return;
          reported.set(meterId, { v, at: Date.now() });
          firmware.recordReported(meterId, v, reading.ts).catch((err: unknown) => {
            reported.delete(meterId);
            ctx.logger.warn({ err, meter: meterId }, 'recording the reported firmware version failed');
          });
        },
      });
      const sweep = periodic('firmware campaigns', o.sweepMs ?? 30_000, () => firmware.tick(), ctx.logger);
      sweep.start();
      const api: FirmwareApi = { firmware, edges };
      return {
        api,
        plugins: [firmwareRoutes(firmware), edgeRoutes(edges, audit, o.now)],
        async stop() {
          ctx.commands.off('finished', onFinished);
          await sweep.stop();
        },
      };
    },
  };
}

export const firmwareModule: RaseedModule = createFirmwareModule();
