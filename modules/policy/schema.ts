// The disconnection policy as data: a versioned rule set per utility (JSON, zod-validated) with its
// calendar, the inputs of one evaluation and the full answer. Pure: no I/O, no clock.
import { z } from 'zod';

export const ServiceType = z.enum(['electricity', 'water']);
export type ServiceType = z.infer<typeof ServiceType>;

export const RelayAction = z.enum(['disconnect', 'reconnect']);
export type RelayAction = z.infer<typeof RelayAction>;

/** Why supply is cut or restored. Every operator action names one. */
export const Reason = z.enum([
  // cuts
  'non_payment', 'safety', 'tamper', 'fraud', 'customer_request', 'move_out', 'maintenance',
  // restores
  'payment_received', 'wrongful_cut_correction', 'safety_cleared', 'tamper_cleared', 'maintenance_done',
  'other',
]);
export type Reason = z.infer<typeof Reason>;
/** Reasons an operator may give for a cut. */
export const CutReason = z.enum(['non_payment', 'safety', 'tamper', 'fraud', 'customer_request', 'move_out', 'maintenance', 'other']);
/** Reasons an operator may give for a reconnect. */
export const ReconnectReason = z.enum(['payment_received', 'wrongful_cut_correction', 'safety_cleared', 'tamper_cleared', 'maintenance_done', 'customer_request', 'other']);

export const ProtectedCategory = z.enum(['medical', 'elderly', 'determination', 'social_welfare']);

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
const appliesTo = z.array(Reason).min(1).describe('cut reasons this rule applies to');
const TimeZone = z.string().min(1).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone, e.g. Asia/Muscat');

export const CalendarPeriodKind = z.enum(['ramadan', 'exams', 'summer', 'other']);
export type CalendarPeriodKind = z.infer<typeof CalendarPeriodKind>;

export const Calendar = z.object({
  /** Public holidays: no cuts on them, nor on the last working day before them. */
  holidays: z.array(z.object({ date: LocalDate, name: z.string().min(1), nameAr: z.string().optional() })),
  /** Inclusive local-date ranges in which cuts are suspended (when their kind is listed in the rule). */
  periods: z.array(z.object({ kind: CalendarPeriodKind, from: LocalDate, to: LocalDate, name: z.string().min(1), nameAr: z.string().optional() })
    .refine((p) => p.from <= p.to, 'a period must not end before it starts')),
  /** Where the dates come from (free text). */
  sources: z.array(z.string()).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

export const Rules = z.object({
  serviceType: z.object({
    enabled: z.literal(true).describe('cannot be switched off: water is never cut for non-payment'),
    /** Service and reasons for which a cut is refused outright. Must contain water / non_payment. */
    neverCut: z.array(z.object({ service: ServiceType, reasons: z.array(Reason).min(1) })).min(1),
    /** What to do instead (shown with the refusal). */
    alternatives: z.array(z.enum(['flow_limit', 'reminder', 'payment_plan', 'court'])).default(['flow_limit', 'reminder']),
    /**
     * The "limit the flow" alternative: the least flow a limited water meter keeps (litres per hour). Never 0:
     * water is never cut, a limit request below this is refused (400). Default 30 L/h (about 720 L a day).
     */
    lifelineLitresPerHour: z.number().int().min(1).max(100_000).default(30),
  }),
  protectedSubscribers: z.object({
    enabled: z.boolean(),
    appliesTo,
    categories: z.array(z.string().min(1)),
    /** Protection lapses above either ceiling; null: no ceiling of that kind. */
    maxUnpaidInvoices: z.number().int().nonnegative().nullable(),
    maxDebtMinor: z.number().int().nonnegative().nullable(),
  }),
  quietHours: z.object({ enabled: z.boolean(), appliesTo, from: HHMM, to: HHMM }),
  weekend: z.object({ enabled: z.boolean(), appliesTo, days: z.array(z.number().int().min(0).max(6)).describe('0 = Sunday … 5 = Friday, 6 = Saturday') }),
  holidays: z.object({ enabled: z.boolean(), appliesTo }),
  lastWorkingDay: z.object({ enabled: z.boolean(), appliesTo }),
  calendarPeriods: z.object({ enabled: z.boolean(), appliesTo, kinds: z.array(CalendarPeriodKind) }),
  heat: z.object({
    enabled: z.boolean(),
    appliesTo,
    thresholdC: z.number().min(20).max(70),
    /** How long a heat deferral lasts before the temperature is read again. */
    recheckMinutes: z.number().int().min(5).max(24 * 60),
    /** No reading for the area and no override. */
    whenUnknown: z.enum(['allow', 'defer']),
  }),
  notice: z.object({
    enabled: z.boolean(),
    appliesTo,
    /** Days that must pass after a final notice before the cut. */
    days: z.number().int().min(0).max(365),
    services: z.array(ServiceType).min(1),
  }),
  rateLimit: z.object({ enabled: z.boolean(), appliesTo, maxPerHourPerArea: z.number().int().positive() }),
  bulkApproval: z.object({ enabled: z.boolean(), threshold: z.number().int().nonnegative().describe('bulk cuts of more meters than this need a second operator') }),
});
export type Rules = z.infer<typeof Rules>;

export const RuleSet = z.object({
  utility: z.string().min(1).max(64),
  version: z.number().int().positive(),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  timeZone: TimeZone,
  currency: z.string().regex(/^[A-Z]{3}$/),
  currencyExponent: z.number().int().min(0).max(3),
  rules: Rules,
  calendar: Calendar,
}).refine(
  (r) => r.rules.serviceType.neverCut.some((n) => n.service === 'water' && n.reasons.includes('non_payment')),
  { message: 'a rule set must keep water never cut for non-payment (rules.serviceType.neverCut water/non_payment)', path: ['rules', 'serviceType', 'neverCut'] },
);
export type RuleSet = z.infer<typeof RuleSet>;
export type RuleSetInput = z.input<typeof RuleSet>;

export const RULE_IDS = [
  'serviceType', 'protectedSubscribers', 'notice', 'quietHours', 'weekend', 'holidays', 'lastWorkingDay', 'calendarPeriods', 'heat', 'rateLimit', 'bulkApproval',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Everything one evaluation needs; the caller gathers it (the evaluator does no I/O). */
export interface EvaluationInput {
  action: RelayAction;
  /**
   * What is asked: a cut (default) or a water flow limit (the alternative to a cut). A flow limit is not a cut:
   * the service-type, notice, rate and bulk rules do not apply to it; protected subscribers, the time-of-day,
   * week, holiday, calendar and heat rules apply as for a cut for the same reason.
   */
  measure?: 'cut' | 'flow_limit';
  reason: Reason;
  /** When the cut would happen (epoch ms). */
  at: number;
  meter: { id: string; service: ServiceType; area: string; protectedCategory: string | null };
  /** Arrears as the utility knows them; null fields: unknown. */
  account?: { debtMinor: number | null; unpaidInvoices: number | null; finalNoticeAt: number | null } | null;
  /** Temperature for the meter's area now (°C), null when the source has none. */
  temperatureC?: number | null;
  /** Manual override of the heat rule for the area: hot (no cuts) or normal (ignore the source). */
  heatOverride?: 'hot' | 'normal' | null;
  /** Times (epoch ms) of cuts already carried out in the meter's area; only the last hour counts. */
  recentCutsInArea?: number[];
  /** Part of a bulk request of `size` meters; approved once a second operator said yes. */
  bulk?: { size: number; approved: boolean } | null;
}

export type Verdict = 'pass' | 'refuse' | 'defer' | 'approval' | 'not_applicable' | 'disabled';
export type Outcome = 'allow' | 'refuse' | 'defer' | 'approval_required';

export interface RuleVerdict {
  rule: RuleId;
  verdict: Verdict;
  detail: string;
  /** For a deferral: the earliest time this rule alone allows (epoch ms). */
  until?: number;
}

export interface Decision {
  outcome: Outcome;
  action: RelayAction;
  reason: Reason;
  meterId: string;
  /** The rule that decided a refusal, a deferral or an approval; null when allowed. */
  decidingRule: RuleId | 'reconnectNeverBlocked' | null;
  detail: string;
  /** Deferral: the earliest time every rule allows the cut (epoch ms); null otherwise. */
  until: number | null;
  /** `until` in the utility's local time, e.g. "2026-11-25 07:00 (Asia/Muscat)". */
  untilLocal: string | null;
  /** What to do instead of a refused cut (water: flow limit, reminder). */
  alternatives: string[];
  verdicts: RuleVerdict[];
  policy: { utility: string; version: number };
  evaluatedAt: number;
}

/** The JSON view of a decision (times as ISO strings). */
export const DecisionView = z.object({
  outcome: z.enum(['allow', 'refuse', 'defer', 'approval_required']),
  action: RelayAction,
  reason: Reason,
  meterId: z.string(),
  decidingRule: z.string().nullable(),
  detail: z.string(),
  until: z.string().nullable(),
  untilLocal: z.string().nullable(),
  alternatives: z.array(z.string()),
  verdicts: z.array(z.object({ rule: z.string(), verdict: z.string(), detail: z.string(), until: z.string().optional() })),
  policy: z.object({ utility: z.string(), version: z.number().int() }),
  evaluatedAt: z.string(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export function decisionView(d: Decision): DecisionView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...d,
    until: d.until === null ? null : iso(d.until),
    verdicts: d.verdicts.map((v) => ({ rule: v.rule, verdict: v.verdict, detail: v.detail, ...(v.until !== undefined ? { until: iso(v.until) } : {}) })),
    evaluatedAt: iso(d.evaluatedAt),
  };
}

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(message: string, readonly issues: string[] = []) {
    super(message);
  }
}

/** Validates a rule set (from JSON); throws PolicyError naming every problem. */
export function parseRuleSet(json: unknown): RuleSet {
  const r = RuleSet.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PolicyError(`invalid rule set: ${issues.join('; ')}`, issues);
}
