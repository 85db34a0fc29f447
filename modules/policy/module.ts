// The disconnection-policy module: relay cut/reconnect API under the policy, the relay command kind,
// the scheduler that carries out deferred cuts, and the automatic reconnect of meters cut by command for
// non-payment once a payment lands (a credit token accepted by the meter, or the prepaid module calling
// reconnectAfterPayment through this module's api). The water alternatives to a cut (water.ts): the
// `flow_limit` command kind, lifted by the same payment signals, and payment reminders. Every step is
// written to the audit module's log.
import { z } from 'zod';
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import type { MeterEvent } from '../../protocols/index.ts';
import type { CommandKind, CommandRecord } from '../../gateway/index.ts';
import { auditWriterOf, type AuditWriter } from '../audit/index.ts';
import { parseRuleSet, type RuleSet } from './schema.ts';
import { DEFAULT_RULE_SET } from './profiles.ts';
import { RelayService, type AccountSource, type TemperatureSource } from './service.ts';
import { relayRoutes } from './routes.ts';
import { FLOW_LIMIT_COMMAND, WaterService } from './water.ts';
import { waterRoutes } from './water-routes.ts';

/** Relay (or valve) switching: the meter opens or closes its supply and answers with its relay state. */
export const RELAY_COMMAND: CommandKind<{ type: 'relay'; action: 'disconnect' | 'reconnect' }> = {
  type: 'relay',
  body: z.object({ type: z.literal('relay'), action: z.enum(['disconnect', 'reconnect']) }).strict(),
  action: (b) => b.action,
  wire: (b) => ({ action: b.action }),
};

export interface PolicyModuleOptions {
  /** The policy's clock (tests fix it). Command delivery keeps real time. */
  now?: () => number;
  /** Rule set used while none is installed (PUT /api/v1/policy); default: the shipped Oman-like profile. */
  ruleSet?: unknown;
  /** Temperature per area for the heat rule (default: none; manual overrides still work). */
  temperature?: TemperatureSource;
  /** Arrears per meter from a ledger (default: the latest final notice's figures). */
  accounts?: AccountSource;
  /** How often deferred cuts are looked at (default 5 s). */
  schedulerMs?: number;
  /** Default time the head end keeps trying to reach an offline meter (default 24 h). */
  defaultTtlMs?: number;
}

/** What the module exposes (ModuleInstance.api) to other modules and tests. */
export interface PolicyApi {
  relay: RelayService;
  /** The audit writer every module uses for operator actions (see docs/policy.md). */
  audit: AuditWriter;
  /** The water alternatives to a cut: flow limits (and their lifting) and payment reminders. */
  water: WaterService;
  /** Call when a payment (top-up) lands for a meter: a meter cut by command for non-payment is reconnected at once (and a water meter's flow limit lifted). */
  reconnectAfterPayment(meterId: string, paymentRef: string): ReturnType<RelayService['reconnectAfterPayment']>;
}

const EXPONENT: Record<string, number> = { OMR: 3, BHD: 3, KWD: 3, AED: 2, SAR: 2, QAR: 2 };

/**
 * The shipped profile in the utility's own currency and time zone (CURRENCY, TIME_ZONE). The debt ceiling
 * stays 500,000 minor units: 500 OMR/BHD/KWD or 5,000 AED/SAR/QAR, close to the UAE's AED 5,000.
 * The calendar stays Oman's: another country installs its own version (PUT /api/v1/policy).
 */
export function defaultRuleSetFor(currency: string, timeZone: string): RuleSet {
  if (currency === DEFAULT_RULE_SET.currency && timeZone === DEFAULT_RULE_SET.timeZone) return DEFAULT_RULE_SET;
  return parseRuleSet({
    ...DEFAULT_RULE_SET, utility: `default-${currency.toLowerCase()}`, currency, currencyExponent: EXPONENT[currency] ?? 2, timeZone,
    description: `${DEFAULT_RULE_SET.description ?? ''} Adapted to ${currency} and ${timeZone}; the calendar is still Oman's.`,
  });
}

export function createPolicyModule(o: PolicyModuleOptions = {}): RaseedModule {
  const defaultRuleSet: RuleSet | undefined = o.ruleSet === undefined ? undefined : parseRuleSet(o.ruleSet);
  return {
    name: 'policy',
    migrations: new URL('./migrations/', import.meta.url),
    commandKinds: [RELAY_COMMAND, FLOW_LIMIT_COMMAND],
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const logger = ctx.logger.child({ part: 'policy' });
      const relay = new RelayService({
        db: ctx.db, commands: ctx.commands, logger, audit: auditWriterOf(ctx), now: o.now, defaultRuleSet: defaultRuleSet ?? defaultRuleSetFor(ctx.config.CURRENCY, ctx.config.TIME_ZONE), temperature: o.temperature, accounts: o.accounts,
        schedulerMs: o.schedulerMs, defaultTtlMs: o.defaultTtlMs,
      });
      const water = new WaterService({ db: ctx.db, commands: ctx.commands, relay, audit: relay.audit, logger, defaultTtlMs: o.defaultTtlMs });
      const rs = await relay.ruleSet();
      logger.info({ utility: rs.utility, version: rs.version }, 'disconnection policy in force');

      // A credit token accepted by the meter is a payment: reconnect a meter cut by command for non-payment.
      let stopped = false;
      ctx.ingest?.listen({
        onEvent: (meterId: string, e: MeterEvent) => {
          if (stopped || e.type !== 'token' || e.result !== 'accept' || !(e.credited && e.credited > 0)) return;
          const ref = e.ref ?? `token:${e.tid ?? `seq-${e.seq}`}`;
          void relay.reconnectAfterPayment(meterId, ref, `meter accepted a credit token (${e.via})`)
            .catch((err) => logger.error({ err, meter: meterId }, 'automatic reconnect after payment failed'));
          // Credit arrived: a water meter's flow limit is lifted at once.
          void water.liftAfterPayment(meterId, ref, `meter accepted a credit token (${e.via})`)
            .catch((err) => logger.error({ err, meter: meterId }, 'automatic flow-limit lift after payment failed'));
        },
      });

      // The meter's answer to every relay and flow-limit command goes into the audit log too.
      const onFinished = (rec: CommandRecord) => {
        if (stopped || (rec.type !== 'relay' && rec.type !== 'flow_limit')) return;
        void relay.audit.write({
          actor: `meter:${rec.meterId}`, action: `command.${rec.status}`, meterId: rec.meterId, reason: rec.reason, outcome: rec.status,
          commandReference: rec.reference, details: { action: rec.action, result: rec.result, detail: rec.detail, issuer: rec.issuer, attempts: rec.attempts },
        }).catch((err) => logger.error({ err, ref: rec.reference }, 'audit of a finished command failed'));
      };
      ctx.commands.on('finished', onFinished);
      relay.start();

      const api: PolicyApi = {
        relay,
        audit: relay.audit,
        water,
        reconnectAfterPayment: async (meterId, paymentRef) => {
          const r = await relay.reconnectAfterPayment(meterId, paymentRef, 'prepaid');
          await water.liftAfterPayment(meterId, paymentRef, 'prepaid').catch((err) => logger.error({ err, meter: meterId }, 'flow-limit lift after payment failed'));
          return r;
        },
      };
      return {
        plugins: [relayRoutes(relay), waterRoutes(water)],
        api,
        async stop() {
          stopped = true;
          ctx.commands.off('finished', onFinished);
          await relay.stop();
        },
      };
    },
  };
}

/** The module `raseed start` runs: shipped default policy, real clock. */
export const policyModule: RaseedModule = createPolicyModule();
