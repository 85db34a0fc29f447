// Evaluates one cut (or reconnect) against a rule set: every rule gives its verdict, the answer is
// allow / refuse / defer (until the earliest time every rule allows it) / approval_required, and the
// deciding rule is named. Pure and deterministic: the caller supplies the time and every input.
import type { Decision, EvaluationInput, RuleId, RuleSet, RuleVerdict } from './schema.ts';
import { addDays, formatLocal, localParts, localToInstant, parseHHMM } from './time.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** How far ahead a deferral may look for an allowed time. */
const HORIZON_DAYS = 800;

interface Block {
  detail: string;
  next: number;
}
interface TimeRule {
  id: RuleId;
  check(t: number): Block | null;
}

function timeRules(rs: RuleSet, input: EvaluationInput): TimeRule[] {
  const { rules, calendar, timeZone: tz } = rs;
  const applies = (r: { enabled: boolean; appliesTo: string[] }) => r.enabled && r.appliesTo.includes(input.reason);
  const holidays = new Map(calendar.holidays.map((h) => [h.date, h.name]));
  const isWeekend = (date: string) => rules.weekend.days.includes(localParts(localToInstant(date, 12 * 60, tz), tz).dow);
  const isWorking = (date: string) => !isWeekend(date) && !holidays.has(date);
  const nextMidnight = (date: string) => localToInstant(addDays(date, 1), 0, tz);
  const out: TimeRule[] = [];

  if (applies(rules.quietHours)) {
    const from = parseHHMM(rules.quietHours.from);
    const to = parseHHMM(rules.quietHours.to);
    out.push({
      id: 'quietHours',
      check(t) {
        const p = localParts(t, tz);
        const wraps = from > to;
        const inside = wraps ? p.minutes >= from || p.minutes < to : p.minutes >= from && p.minutes < to;
        if (!inside) return null;
        const day = wraps && p.minutes >= from ? addDays(p.date, 1) : p.date;
        return { detail: `no cuts between ${rules.quietHours.from} and ${rules.quietHours.to} local time (now ${formatLocal(t, tz)})`, next: localToInstant(day, to, tz) };
      },
    });
  }
  if (applies(rules.weekend)) {
    out.push({
      id: 'weekend',
      check(t) {
        const p = localParts(t, tz);
        if (!rules.weekend.days.includes(p.dow)) return null;
        return { detail: `no cuts at the weekend (${WEEKDAYS[p.dow]} ${p.date})`, next: nextMidnight(p.date) };
      },
    });
  }
  if (applies(rules.holidays)) {
    out.push({
      id: 'holidays',
      check(t) {
        const p = localParts(t, tz);
        const name = holidays.get(p.date);
        return name ? { detail: `no cuts on a public holiday (${p.date}: ${name})`, next: nextMidnight(p.date) } : null;
      },
    });
  }
  if (applies(rules.lastWorkingDay)) {
    out.push({
      id: 'lastWorkingDay',
      check(t) {
        const p = localParts(t, tz);
        const tomorrow = addDays(p.date, 1);
        if (!isWorking(p.date) || isWorking(tomorrow)) return null;
        const why = holidays.get(tomorrow) ?? 'the weekend';
        return { detail: `no cuts on the last working day before ${why} (${WEEKDAYS[p.dow]} ${p.date})`, next: nextMidnight(p.date) };
      },
    });
  }
  if (applies(rules.calendarPeriods)) {
    const periods = calendar.periods.filter((x) => rules.calendarPeriods.kinds.includes(x.kind));
    out.push({
      id: 'calendarPeriods',
      check(t) {
        const p = localParts(t, tz);
        const hit = periods.find((x) => x.from <= p.date && p.date <= x.to);
        return hit ? { detail: `no cuts during ${hit.name} (${hit.kind}, ${hit.from} to ${hit.to})`, next: nextMidnight(hit.to) } : null;
      },
    });
  }
  return out;
}

/** The earliest instant ≥ start at which no time rule blocks, or null beyond the horizon. */
function earliestAllowed(start: number, rules: TimeRule[]): number | null {
  let t = start;
  const limit = start + HORIZON_DAYS * DAY;
  while (t <= limit) {
    const blocked = rules.map((r) => r.check(t)).find((b) => b !== null);
    if (!blocked) return t;
    t = Math.max(blocked.next, t + 60_000);
  }
  return null;
}

export function evaluate(rs: RuleSet, input: EvaluationInput): Decision {
  const base = { action: input.action, reason: input.reason, meterId: input.meter.id, policy: { utility: rs.utility, version: rs.version }, evaluatedAt: input.at };
  if (input.action === 'reconnect') {
    return {
      ...base, outcome: 'allow', decidingRule: 'reconnectNeverBlocked', detail: 'reconnects are never blocked by the disconnection policy',
      until: null, untilLocal: null, alternatives: [],
      verdicts: [],
    };
  }
  const { rules } = rs;
  const tz = rs.timeZone;
  const at = input.at;
  const applies = (r: { enabled: boolean; appliesTo: string[] }) => r.enabled && r.appliesTo.includes(input.reason);
  const skipped = (r: { enabled: boolean }): Pick<RuleVerdict, 'verdict' | 'detail'> =>
    r.enabled ? { verdict: 'not_applicable', detail: `does not apply to ${input.reason}` } : { verdict: 'disabled', detail: 'disabled in this rule set' };
  const verdicts: RuleVerdict[] = [];
  const money = (minor: number) => `${(minor / 10 ** rs.currencyExponent).toFixed(rs.currencyExponent)} ${rs.currency}`;

  const limit = input.measure === 'flow_limit';
  const notForLimit = (rule: RuleId): RuleVerdict => ({ rule, verdict: 'not_applicable', detail: 'does not apply to a flow limit (water keeps flowing at the lifeline)' });
  // Service type: a hard floor as well as a rule (the schema refuses rule sets without it).
  const never = limit ? undefined : rules.serviceType.neverCut.find((n) => n.service === input.meter.service && n.reasons.includes(input.reason))
    ?? (input.meter.service === 'water' && input.reason === 'non_payment' ? { service: 'water', reasons: ['non_payment'] } : undefined);
  verdicts.push(limit ? notForLimit('serviceType') : never
    ? { rule: 'serviceType', verdict: 'refuse', detail: `${input.meter.service} is never cut for ${input.reason}; use ${rules.serviceType.alternatives.join(' or ')} instead` }
    : { rule: 'serviceType', verdict: 'pass', detail: `${input.meter.service} may be cut for ${input.reason}` });

  // Protected subscribers, up to a debt ceiling.
  {
    const r = rules.protectedSubscribers;
    const cat = input.meter.protectedCategory;
    if (!applies(r)) verdicts.push({ rule: 'protectedSubscribers', ...skipped(r) });
    else if (!cat || !r.categories.includes(cat)) verdicts.push({ rule: 'protectedSubscribers', verdict: 'pass', detail: cat ? `category ${cat} is not protected by this rule set` : 'not a protected subscriber' });
    else {
      const unpaid = input.account?.unpaidInvoices ?? null;
      const debt = input.account?.debtMinor ?? null;
      const over: string[] = [];
      if (r.maxUnpaidInvoices !== null && unpaid !== null && unpaid > r.maxUnpaidInvoices) over.push(`${unpaid} unpaid invoices > ${r.maxUnpaidInvoices}`);
      if (r.maxDebtMinor !== null && debt !== null && debt > r.maxDebtMinor) over.push(`debt ${money(debt)} > ${money(r.maxDebtMinor)}`);
      const unknown = (r.maxUnpaidInvoices !== null && unpaid === null) || (r.maxDebtMinor !== null && debt === null);
      if (over.length) verdicts.push({ rule: 'protectedSubscribers', verdict: 'pass', detail: `protected (${cat}) but above the ceiling: ${over.join(', ')}` });
      else verdicts.push({
        rule: 'protectedSubscribers', verdict: 'refuse',
        detail: unknown
          ? `protected subscriber (${cat}) and the arrears are not known: protection holds`
          : `protected subscriber (${cat}) within the ceiling (${r.maxUnpaidInvoices ?? '∞'} invoices, ${r.maxDebtMinor === null ? 'no debt limit' : money(r.maxDebtMinor)})`,
      });
    }
  }

  // Notice.
  let noticeUntil: number | null = null;
  {
    const r = rules.notice;
    if (limit) verdicts.push(notForLimit('notice'));
    else if (!applies(r)) verdicts.push({ rule: 'notice', ...skipped(r) });
    else if (!r.services.includes(input.meter.service)) verdicts.push({ rule: 'notice', verdict: 'not_applicable', detail: `no notice rule for ${input.meter.service}` });
    else {
      const sent = input.account?.finalNoticeAt ?? null;
      if (sent === null) verdicts.push({ rule: 'notice', verdict: 'refuse', detail: `no final notice on record: ${r.days} days' notice is required before a cut` });
      else if (at < sent + r.days * DAY) {
        noticeUntil = sent + r.days * DAY;
        verdicts.push({ rule: 'notice', verdict: 'defer', until: noticeUntil, detail: `final notice given ${formatLocal(sent, tz)}; ${r.days} days must pass (until ${formatLocal(noticeUntil, tz)})` });
      } else verdicts.push({ rule: 'notice', verdict: 'pass', detail: `final notice given ${formatLocal(sent, tz)}, more than ${r.days} days ago` });
    }
  }

  // Time of day, week and calendar.
  const trs = timeRules(rs, input);
  for (const id of ['quietHours', 'weekend', 'holidays', 'lastWorkingDay', 'calendarPeriods'] as const) {
    const tr = trs.find((x) => x.id === id);
    if (!tr) {
      verdicts.push({ rule: id, ...skipped(rules[id]) });
      continue;
    }
    const b = tr.check(at);
    verdicts.push(b ? { rule: id, verdict: 'defer', detail: b.detail, until: b.next } : { rule: id, verdict: 'pass', detail: 'allowed now' });
  }

  // Heat.
  let heatUntil: number | null = null;
  {
    const r = rules.heat;
    if (!applies(r)) verdicts.push({ rule: 'heat', ...skipped(r) });
    else {
      const temp = input.temperatureC ?? null;
      const ov = input.heatOverride ?? null;
      let hot: boolean;
      let detail: string;
      if (ov === 'hot') [hot, detail] = [true, `heat-wave override in force for ${input.meter.area}`];
      else if (ov === 'normal') [hot, detail] = [false, `manual override: heat rule lifted for ${input.meter.area}`];
      else if (temp === null) [hot, detail] = [r.whenUnknown === 'defer', `no temperature reading for ${input.meter.area} (${r.whenUnknown === 'defer' ? 'deferred to be safe' : 'allowed'})`];
      else [hot, detail] = [temp > r.thresholdC, `${temp} °C in ${input.meter.area} ${temp > r.thresholdC ? '>' : '≤'} ${r.thresholdC} °C`];
      if (hot) {
        heatUntil = at + r.recheckMinutes * 60_000;
        verdicts.push({ rule: 'heat', verdict: 'defer', until: heatUntil, detail: `${detail}; no cuts in extreme heat, re-checked at ${formatLocal(heatUntil, tz)}` });
      } else verdicts.push({ rule: 'heat', verdict: 'pass', detail });
    }
  }

  // Rate of cuts per area.
  let rateUntil: number | null = null;
  {
    const r = rules.rateLimit;
    if (limit) verdicts.push(notForLimit('rateLimit'));
    else if (!applies(r)) verdicts.push({ rule: 'rateLimit', ...skipped(r) });
    else {
      const win = (input.recentCutsInArea ?? []).filter((t) => t > at - HOUR && t <= at).sort((a, b) => a - b);
      if (win.length >= r.maxPerHourPerArea) {
        rateUntil = win[win.length - r.maxPerHourPerArea]! + HOUR;
        verdicts.push({ rule: 'rateLimit', verdict: 'defer', until: rateUntil, detail: `${win.length} cuts in ${input.meter.area} in the last hour (max ${r.maxPerHourPerArea})` });
      } else verdicts.push({ rule: 'rateLimit', verdict: 'pass', detail: `${win.length} of ${r.maxPerHourPerArea} cuts this hour in ${input.meter.area}` });
    }
  }

  // Second operator for bulk cuts.
  {
    const r = rules.bulkApproval;
    const b = input.bulk ?? null;
    if (limit) verdicts.push(notForLimit('bulkApproval'));
    else if (!r.enabled) verdicts.push({ rule: 'bulkApproval', verdict: 'disabled', detail: 'disabled in this rule set' });
    else if (!b) verdicts.push({ rule: 'bulkApproval', verdict: 'not_applicable', detail: 'not a bulk request' });
    else if (b.size <= r.threshold) verdicts.push({ rule: 'bulkApproval', verdict: 'pass', detail: `bulk of ${b.size} ≤ ${r.threshold} meters` });
    else verdicts.push(b.approved
      ? { rule: 'bulkApproval', verdict: 'pass', detail: `bulk of ${b.size} > ${r.threshold} meters, approved by a second operator` }
      : { rule: 'bulkApproval', verdict: 'approval', detail: `bulk of ${b.size} > ${r.threshold} meters needs a second operator's approval` });
  }

  const first = (v: RuleVerdict['verdict']) => verdicts.find((x) => x.verdict === v);
  const refusal = first('refuse');
  if (refusal) {
    return {
      ...base, outcome: 'refuse', decidingRule: refusal.rule, detail: refusal.detail, until: null, untilLocal: null,
      alternatives: refusal.rule === 'serviceType' ? rules.serviceType.alternatives : [], verdicts,
    };
  }
  const approval = first('approval');
  if (approval) return { ...base, outcome: 'approval_required', decidingRule: 'bulkApproval', detail: approval.detail, until: null, untilLocal: null, alternatives: [], verdicts };
  const deferral = first('defer');
  if (deferral) {
    const start = Math.max(at, noticeUntil ?? 0, heatUntil ?? 0, rateUntil ?? 0);
    const until = earliestAllowed(start, trs);
    if (until === null) {
      return { ...base, outcome: 'refuse', decidingRule: deferral.rule, detail: `${deferral.detail}; no allowed time within ${HORIZON_DAYS} days`, until: null, untilLocal: null, alternatives: [], verdicts };
    }
    return { ...base, outcome: 'defer', decidingRule: deferral.rule, detail: `${deferral.detail}; deferred until ${formatLocal(until, tz)}`, until, untilLocal: formatLocal(until, tz), alternatives: [], verdicts };
  }
  return { ...base, outcome: 'allow', decidingRule: null, detail: limit ? 'every rule allows this flow limit now' : 'every rule allows this cut now', until: null, untilLocal: null, alternatives: [], verdicts };
}
