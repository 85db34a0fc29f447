// Alert rules, pure: leak (DEWA's high-water-usage rule — daily use above the 3-month daily average by a
// factor for 48 hours or more — and water flowing every hour of the night) and low credit (days left at the
// recent rate of use).
export interface LeakRule {
  /** Recent daily use at least this many times the baseline daily average (default 2). */
  factor: number;
  /** How long it must last (default 48 h: each of the last two full days). */
  hours: number;
  /** Baseline days before the recent window (default 90; at least minBaselineDays with readings). */
  baselineDays: number;
  minBaselineDays: number;
  /** Night-flow rule: every hour of [from, to) local has use of at least minLitresPerHour (default 01–05, 5 L/h). null: off. */
  night: { from: number; to: number; minLitresPerHour: number } | null;
}

export const DEFAULT_LEAK_RULE: LeakRule = { factor: 2, hours: 48, baselineDays: 90, minBaselineDays: 14, night: { from: 1, to: 5, minLitresPerHour: 5 } };

export interface DayUse {
  used: number;
  readings: number;
}

export interface LeakVerdict {
  leak: boolean;
  why: 'high_use' | 'night_flow' | null;
  averageLitresPerDay: number;
  recentLitresPerDay: number;
}

/**
 * days: daily use, oldest first, the last `hours/24` of them the recent window; nightHours: hourly use of
 * the last night's window (local hours from..to), or null when unknown.
 */
export function leakVerdict(rule: LeakRule, days: DayUse[], nightHours: DayUse[] | null): LeakVerdict {
  const recentN = Math.max(1, Math.ceil(rule.hours / 24));
  const recent = days.slice(-recentN);
  const base = days.slice(0, -recentN).filter((d) => d.readings > 0);
  const avg = base.length ? base.reduce((n, d) => n + d.used, 0) / base.length : 0;
  const recentAvg = recent.length ? recent.reduce((n, d) => n + d.used, 0) / recent.length : 0;
  const out = { averageLitresPerDay: avg, recentLitresPerDay: recentAvg };
  if (rule.night && nightHours && nightHours.length >= rule.night.to - rule.night.from && nightHours.every((h) => h.readings > 0 && h.used >= rule.night!.minLitresPerHour)) {
    return { leak: true, why: 'night_flow', ...out };
  }
  const high = base.length >= rule.minBaselineDays && avg > 0 && recent.length === recentN && recent.every((d) => d.readings > 0 && d.used >= rule.factor * avg);
  return { leak: high, why: high ? 'high_use' : null, ...out };
}

/** Days of credit left at the recent average daily use (null: no use to go by). */
export function daysLeft(credit: number, averagePerDay: number): number | null {
  if (!(averagePerDay > 0)) return null;
  return Math.max(0, Math.floor(credit / averagePerDay));
}

export interface LowCreditRule {
  /** Low at or below this credit, in register units (Wh / L). */
  electricityWh: number;
  waterLitres: number;
  /** Cleared again above threshold × this (hysteresis: one alert per episode, not one per reading). */
  clearFactor: number;
}

export const DEFAULT_LOW_CREDIT: LowCreditRule = { electricityWh: 20_000, waterLitres: 2_000, clearFactor: 2 };

/** 'low' when the credit crosses the threshold, 'clear' when back above the clear level, else null (no change). */
export function lowCreditTransition(rule: LowCreditRule, service: 'electricity' | 'water', credit: number, active: boolean): 'low' | 'clear' | null {
  const t = service === 'water' ? rule.waterLitres : rule.electricityWh;
  if (!active && credit <= t) return 'low';
  if (active && credit > t * rule.clearFactor) return 'clear';
  return null;
}
