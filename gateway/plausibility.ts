// Is a reading believable? Meter clocks drift or jump, firmware sends garbage, and one bad value must not
// poison what the gateway keeps. Pure rules, shared by the ingest and the latest-state writer:
//
// - From the future: a reading dated more than maxSkewMs (TELEMETRY_MAX_SKEW_S, default 5 min) after the
//   gateway's clock is rejected by the ingest: acknowledged (so the meter does not resend it for ever), counted
//   (raseed_telemetry_implausible_total{check="future_ts"}), logged, never stored.
// - Latest state (supersedes): decided by the meter's sequence number and timestamp together. A newer meter time
//   wins (a counter restart keeps a newer time); at the same time the higher seq wins; when the stored time is ahead
//   of the gateway's clock (a meter clock that ran fast and was corrected) the higher seq wins; a stored time more
//   than the skew in the future (rows written before this rule, or a skew lowered since) blocks nothing. So an old
//   or replayed reading never moves the state backwards, and a meter with a sane clock always moves it forward.
//   store/meters.ts `applyLatestReading` applies the same rule in SQL (a test checks they agree).
// - Physical limits per meter class: power far above what a meter can carry, credit beyond what STS tokens can
//   express. Flagged and counted (raseed_telemetry_implausible_total{check}), stored as sent: billing data is
//   kept, an operator decides.
import { Counter } from 'prom-client';
import { sts, type ServiceType, type TelemetryReading } from '../protocols/index.ts';
import { metricsRegistry } from './metrics.ts';

export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

export const implausibleReadings = (metricsRegistry.getSingleMetric('raseed_telemetry_implausible_total') as Counter<'check'> | undefined) ?? new Counter({
  name: 'raseed_telemetry_implausible_total',
  help: 'Implausible readings by check: future_ts (rejected), power, voltage, current, flow, credit (flagged, stored)',
  labelNames: ['check'] as const,
  registers: [metricsRegistry],
});

/** True when the reading is dated more than maxSkewMs after `nowMs` (the gateway's clock). */
export function isFromFuture(ts: number, nowMs: number, maxSkewMs = DEFAULT_MAX_SKEW_MS): boolean {
  return ts > nowMs + maxSkewMs;
}

export interface SeqTs {
  seq: number;
  ts: number;
}

/** Does `incoming` replace `stored` as the meter's latest state? (See the header; mirrored in SQL.) */
export function supersedes(stored: SeqTs | null, incoming: SeqTs, nowMs: number, maxSkewMs = DEFAULT_MAX_SKEW_MS): boolean {
  if (isFromFuture(incoming.ts, nowMs, maxSkewMs)) return false;
  if (!stored) return true;
  if (isFromFuture(stored.ts, nowMs, maxSkewMs)) return true;
  if (incoming.ts > stored.ts) return true;
  if (incoming.ts === stored.ts) return incoming.seq > stored.seq;
  return stored.ts > nowMs && incoming.seq > stored.seq;
}

/** What a meter of a class can physically do; far beyond it is a broken meter or a broken message. */
export interface PhysicalLimits {
  powerW: number;
  voltageV: number;
  currentA: number;
  flowLph: number;
  /** |credit| in register units (Wh or L). */
  credit: number;
}

/**
 * STS: one token carries at most MAX_TRANSFER_AMOUNT tenths of a unit (0.1 kWh = 100 Wh, 0.1 m³ = 100 L);
 * a credit register beyond that is not something any top-up produced.
 */
export const STS_MAX_CREDIT = Number(sts.MAX_TRANSFER_AMOUNT) * 100;

export const PHYSICAL_LIMITS: Record<ServiceType, PhysicalLimits> = {
  // Direct-connected meters: 3 × 230 V × 100 A ≈ 69 kW; 100 kW, 500 V, 200 A are far above any rating.
  electricity: { powerW: 100_000, voltageV: 500, currentA: 200, flowLph: 0, credit: STS_MAX_CREDIT },
  // A DN50 bulk water meter tops out near 50 m³/h (Q4); 100 m³/h is far above.
  water: { powerW: 0, voltageV: 0, currentA: 0, flowLph: 100_000, credit: STS_MAX_CREDIT },
};

export interface LimitViolation {
  check: 'power' | 'voltage' | 'current' | 'flow' | 'credit';
  value: number;
  limit: number;
}

/** Values beyond the physical limits of the meter's class; [] when all is plausible. A limit of 0: not measured by this class (not checked). */
export function physicalViolations(r: TelemetryReading, service: ServiceType | null, limits: Record<ServiceType, PhysicalLimits> = PHYSICAL_LIMITS): LimitViolation[] {
  const l = limits[service ?? 'electricity'];
  const out: LimitViolation[] = [];
  const check = (name: LimitViolation['check'], value: number | undefined, limit: number) => {
    if (value !== undefined && limit > 0 && Math.abs(value) > limit) out.push({ check: name, value, limit });
  };
  check('power', r.powerW, l.powerW);
  check('voltage', r.voltageV, l.voltageV);
  check('current', r.currentA, l.currentA);
  check('flow', r.flowLph, l.flowLph);
  check('credit', r.credit, l.credit);
  return out;
}
