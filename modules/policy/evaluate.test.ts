// Each rule of the disconnection policy with a fixed clock and the shipped 2026–2027 calendar.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_RULE_SET, DEFAULT_RULE_SET_INPUT, PolicyError, Reason, RuleSet, decisionView, evaluate, parseRuleSet,
  type EvaluationInput, type RuleSet as RuleSetT,
} from './index.ts';
import { defaultRuleSetFor } from './module.ts';

/** Muscat is UTC+4 all year. */
const muscat = (local: string) => Date.parse(`${local}+04:00`);
const DAY = 86_400_000;

function input(o: Partial<EvaluationInput> & { at: number }): EvaluationInput {
  return {
    action: 'disconnect',
    reason: 'non_payment',
    meter: { id: '40000000017', service: 'electricity', area: 'Seeb', protectedCategory: null },
    account: { debtMinor: 42_500, unpaidInvoices: 2, finalNoticeAt: o.at - 11 * DAY },
    temperatureC: 38,
    heatOverride: null,
    recentCutsInArea: [],
    bulk: null,
    ...o,
  };
}

const verdictOf = (d: ReturnType<typeof evaluate>, rule: string) => d.verdicts.find((v) => v.rule === rule)!;

describe('disconnection policy (default Oman-like profile)', () => {
  const rs = DEFAULT_RULE_SET;
  const tuesday10 = muscat('2026-11-24T10:00:00');

  it('allows an electricity cut for non-payment on a Tuesday morning after notice', () => {
    const d = evaluate(rs, input({ at: tuesday10 }));
    expect(d.outcome).toBe('allow');
    expect(d.decidingRule).toBeNull();
    expect(d.verdicts.map((v) => v.rule)).toEqual(['serviceType', 'protectedSubscribers', 'notice', 'quietHours', 'weekend', 'holidays', 'lastWorkingDay', 'calendarPeriods', 'heat', 'rateLimit', 'bulkApproval']);
    expect(d.verdicts.every((v) => ['pass', 'not_applicable', 'disabled'].includes(v.verdict))).toBe(true);
    expect(d.policy).toEqual({ utility: 'oman-default', version: 1 });
  });

  it('never cuts a water meter at zero credit for non-payment, and says what to do instead', () => {
    const d = evaluate(rs, input({ at: tuesday10, meter: { id: '70000000054', service: 'water', area: 'Seeb', protectedCategory: null }, account: { debtMinor: 9_999_999, unpaidInvoices: 40, finalNoticeAt: tuesday10 - 400 * DAY } }));
    expect(d.outcome).toBe('refuse');
    expect(d.decidingRule).toBe('serviceType');
    expect(d.detail).toContain('water is never cut for non_payment');
    expect(d.alternatives).toEqual(['flow_limit', 'reminder']);
  });

  it('a water meter may still be cut for safety', () => {
    const d = evaluate(rs, input({ at: tuesday10, reason: 'safety', meter: { id: '70000000054', service: 'water', area: 'Seeb', protectedCategory: null } }));
    expect(d.outcome).toBe('allow');
  });

  it('defers a cut requested at 23:00 to 07:00 the next working morning', () => {
    const d = evaluate(rs, input({ at: muscat('2026-11-24T23:00:00') }));
    expect(d.outcome).toBe('defer');
    expect(d.decidingRule).toBe('quietHours');
    expect(d.until).toBe(muscat('2026-11-25T07:00:00'));
    expect(d.untilLocal).toBe('2026-11-25 07:00 (Asia/Muscat)');
    expect(decisionView(d).until).toBe('2026-11-25T03:00:00.000Z');
  });

  it('defers a cut at 16:59 → 07:00 tomorrow is wrong: 16:59 is allowed, 17:00 is not', () => {
    expect(evaluate(rs, input({ at: muscat('2026-11-24T16:59:00') })).outcome).toBe('allow');
    expect(evaluate(rs, input({ at: muscat('2026-11-24T17:00:00') })).outcome).toBe('defer');
    expect(evaluate(rs, input({ at: muscat('2026-11-24T06:59:00') })).until).toBe(muscat('2026-11-24T07:00:00'));
  });

  it('no cuts at the weekend (Friday/Saturday) nor on Thursday, the last working day before it', () => {
    const fri = evaluate(rs, input({ at: muscat('2026-11-27T10:00:00') }));
    expect(fri.outcome).toBe('defer');
    expect(fri.decidingRule).toBe('weekend');
    expect(fri.until).toBe(muscat('2026-11-29T07:00:00'));
    const thu = evaluate(rs, input({ at: muscat('2026-11-26T10:00:00') }));
    expect(thu.decidingRule).toBe('lastWorkingDay');
    expect(thu.until).toBe(muscat('2026-11-29T07:00:00'));
  });

  it('no cuts on a public holiday, nor on the working day before it', () => {
    const hol = evaluate(rs, input({ at: muscat('2026-06-16T10:00:00') }));
    expect(hol.outcome).toBe('defer');
    expect(hol.decidingRule).toBe('holidays');
    expect(hol.detail).toContain('Islamic New Year');
    expect(hol.until).toBe(muscat('2026-06-17T07:00:00'));
    const eve = evaluate(rs, input({ at: muscat('2026-06-15T09:00:00') }));
    expect(eve.decidingRule).toBe('lastWorkingDay');
    expect(eve.until).toBe(muscat('2026-06-17T07:00:00'));
  });

  it('no cuts during Ramadan: deferred past Ramadan, the Eid holidays and the weekend', () => {
    const d = evaluate(rs, input({ at: muscat('2026-03-01T10:00:00') }));
    expect(d.decidingRule).toBe('calendarPeriods');
    expect(d.detail).toContain('Ramadan 1447');
    // Ramadan ends 19 March; 19–22 March are Eid holidays; Monday 23 March 07:00.
    expect(d.until).toBe(muscat('2026-03-23T07:00:00'));
  });

  it('no cuts during national exams or a declared summer (calendar is data)', () => {
    const custom = parseRuleSet({
      ...DEFAULT_RULE_SET_INPUT, version: 2,
      calendar: { holidays: [], periods: [{ kind: 'summer', from: '2027-06-01', to: '2027-08-31', name: 'Summer 2027 suspension' }] },
    });
    const d = evaluate(custom, input({ at: muscat('2027-07-06T10:00:00') }));
    expect(d.decidingRule).toBe('calendarPeriods');
    expect(d.until).toBe(muscat('2027-09-01T07:00:00'));
    expect(evaluate(rs, input({ at: muscat('2026-01-06T10:00:00') })).detail).toContain('General Education Diploma');
  });

  it('protects a protected subscriber within the debt ceiling, not above it', () => {
    const meter = { id: '40000000017', service: 'electricity' as const, area: 'Seeb', protectedCategory: 'medical' };
    const within = evaluate(rs, input({ at: tuesday10, meter, account: { debtMinor: 120_000, unpaidInvoices: 3, finalNoticeAt: tuesday10 - 20 * DAY } }));
    expect(within.outcome).toBe('refuse');
    expect(within.decidingRule).toBe('protectedSubscribers');
    expect(within.detail).toContain('medical');
    const unknown = evaluate(rs, input({ at: tuesday10, meter, account: null }));
    expect(unknown.decidingRule).toBe('protectedSubscribers');
    const above = evaluate(rs, input({ at: tuesday10, meter, account: { debtMinor: 650_000, unpaidInvoices: 2, finalNoticeAt: tuesday10 - 20 * DAY } }));
    expect(above.outcome).toBe('allow');
    expect(verdictOf(above, 'protectedSubscribers').detail).toContain('above the ceiling');
    const invoices = evaluate(rs, input({ at: tuesday10, meter, account: { debtMinor: 10_000, unpaidInvoices: 4, finalNoticeAt: tuesday10 - 20 * DAY } }));
    expect(invoices.outcome).toBe('allow');
  });

  it('defers in extreme heat, and a manual heat-wave override wins over the source', () => {
    const hot = evaluate(rs, input({ at: tuesday10, temperatureC: 47.5 }));
    expect(hot.outcome).toBe('defer');
    expect(hot.decidingRule).toBe('heat');
    expect(hot.until).toBe(tuesday10 + 60 * 60_000);
    const declared = evaluate(rs, input({ at: tuesday10, temperatureC: 31, heatOverride: 'hot' }));
    expect(declared.decidingRule).toBe('heat');
    expect(declared.detail).toContain('override');
    const lifted = evaluate(rs, input({ at: tuesday10, temperatureC: 49, heatOverride: 'normal' }));
    expect(lifted.outcome).toBe('allow');
    // Heat at 16:30: re-checked at 17:30, which is in quiet hours, so the next chance is 07:00.
    const late = evaluate(rs, input({ at: muscat('2026-11-24T16:30:00'), temperatureC: 46 }));
    expect(late.until).toBe(muscat('2026-11-25T07:00:00'));
  });

  it('needs a final notice N days before the cut', () => {
    const none = evaluate(rs, input({ at: tuesday10, account: { debtMinor: 1, unpaidInvoices: 1, finalNoticeAt: null } }));
    expect(none.outcome).toBe('refuse');
    expect(none.decidingRule).toBe('notice');
    const recent = evaluate(rs, input({ at: tuesday10, account: { debtMinor: 1, unpaidInvoices: 1, finalNoticeAt: muscat('2026-11-22T12:00:00') } }));
    expect(recent.outcome).toBe('defer');
    expect(recent.decidingRule).toBe('notice');
    // 10 days after Sunday 22 Nov 12:00 is Wednesday 2 Dec 12:00.
    expect(recent.until).toBe(muscat('2026-12-02T12:00:00'));
  });

  it('limits cuts per hour per area', () => {
    const recent = Array.from({ length: 50 }, (_, i) => tuesday10 - 59 * 60_000 + i * 60_000);
    const d = evaluate(rs, input({ at: tuesday10, recentCutsInArea: recent }));
    expect(d.decidingRule).toBe('rateLimit');
    expect(d.until).toBe(recent[0]! + 3_600_000);
    expect(evaluate(rs, input({ at: tuesday10, recentCutsInArea: recent.slice(1) })).outcome).toBe('allow');
  });

  it('asks for a second operator for bulk cuts above the threshold', () => {
    expect(evaluate(rs, input({ at: tuesday10, bulk: { size: 10, approved: false } })).outcome).toBe('allow');
    const d = evaluate(rs, input({ at: tuesday10, bulk: { size: 11, approved: false } }));
    expect(d.outcome).toBe('approval_required');
    expect(d.decidingRule).toBe('bulkApproval');
    expect(evaluate(rs, input({ at: tuesday10, bulk: { size: 11, approved: true } })).outcome).toBe('allow');
  });

  it('never blocks a reconnect: night, holiday, heat, protected water meter', () => {
    for (const reason of ['payment_received', 'wrongful_cut_correction'] as const) {
      const d = evaluate(rs, input({
        at: muscat('2026-06-16T23:30:00'), action: 'reconnect', reason, temperatureC: 50, heatOverride: 'hot',
        meter: { id: '70000000054', service: 'water', area: 'Seeb', protectedCategory: 'elderly' }, recentCutsInArea: Array(500).fill(muscat('2026-06-16T23:00:00')),
      }));
      expect(d.outcome).toBe('allow');
      expect(d.decidingRule).toBe('reconnectNeverBlocked');
    }
  });

  it('a safety cut is not held back by quiet hours or the weekend', () => {
    expect(evaluate(rs, input({ at: muscat('2026-11-27T23:00:00'), reason: 'safety' })).outcome).toBe('allow');
  });

  it('the rule set is JSON data, validated; one that would cut water for non-payment is refused', () => {
    const json = JSON.parse(JSON.stringify(rs));
    expect(parseRuleSet(json)).toEqual(rs);
    const bad = JSON.parse(JSON.stringify(rs));
    bad.rules.serviceType.neverCut = [{ service: 'electricity', reasons: ['fraud'] }];
    expect(() => parseRuleSet(bad)).toThrow(PolicyError);
    const bad2 = JSON.parse(JSON.stringify(rs));
    bad2.rules.quietHours.from = '25:00';
    bad2.timeZone = 'Mars/Olympus';
    try {
      parseRuleSet(bad2);
      expect.unreachable();
    } catch (e) {
      expect((e as PolicyError).issues.join('\n')).toMatch(/quietHours\.from[\s\S]*timeZone|timeZone[\s\S]*quietHours\.from/);
    }
  });

  it('property: no combination of inputs cuts a water meter for non-payment', () => {
    const ruleToggles = fc.record({
      protectedSubscribers: fc.boolean(), quietHours: fc.boolean(), weekend: fc.boolean(), holidays: fc.boolean(), lastWorkingDay: fc.boolean(),
      calendarPeriods: fc.boolean(), heat: fc.boolean(), notice: fc.boolean(), rateLimit: fc.boolean(), bulkApproval: fc.boolean(),
    });
    fc.assert(fc.property(
      ruleToggles,
      fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-12-31') }),
      fc.option(fc.constantFrom('medical', 'elderly', 'determination', 'social_welfare', 'other'), { nil: null }),
      fc.option(fc.record({
        debtMinor: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
        unpaidInvoices: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        finalNoticeAt: fc.option(fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2028-12-31') }), { nil: null }),
      }), { nil: null }),
      fc.option(fc.double({ min: -10, max: 60, noNaN: true }), { nil: null }),
      fc.constantFrom(null, 'hot', 'normal'),
      fc.array(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-12-31') }), { maxLength: 5 }),
      fc.option(fc.record({ size: fc.integer({ min: 1, max: 5000 }), approved: fc.boolean() }), { nil: null }),
      (toggles, at, cat, account, temperatureC, heatOverride, recent, bulk) => {
        const json = JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as RuleSetT;
        for (const [k, on] of Object.entries(toggles)) (json.rules as Record<string, { enabled: boolean }>)[k]!.enabled = on;
        const rs2 = RuleSet.parse(json);
        const d = evaluate(rs2, {
          action: 'disconnect', reason: 'non_payment', at, meter: { id: '70000000054', service: 'water', area: 'Muttrah', protectedCategory: cat },
          account, temperatureC, heatOverride: heatOverride as 'hot' | 'normal' | null, recentCutsInArea: recent, bulk,
        });
        expect(d.outcome).toBe('refuse');
        expect(d.decidingRule).toBe('serviceType');
      },
    ), { numRuns: 300 });
  });

  it('the default profile follows the utility\'s currency and time zone', () => {
    expect(defaultRuleSetFor('OMR', 'Asia/Muscat')).toBe(DEFAULT_RULE_SET);
    const uae = defaultRuleSetFor('AED', 'Asia/Dubai');
    expect(uae).toMatchObject({ utility: 'default-aed', currency: 'AED', currencyExponent: 2, timeZone: 'Asia/Dubai' });
    // 23:00 in Dubai is deferred to 07:00 Dubai time.
    const d = evaluate(uae, input({ at: Date.parse('2026-11-24T23:00:00+04:00') }));
    expect(d.untilLocal).toBe('2026-11-25 07:00 (Asia/Dubai)');
    const riyadh = defaultRuleSetFor('SAR', 'Asia/Riyadh');
    expect(evaluate(riyadh, input({ at: Date.parse('2026-11-24T16:30:00+03:00') })).outcome).toBe('allow');
    expect(evaluate(riyadh, input({ at: Date.parse('2026-11-24T17:30:00+03:00') })).until).toBe(Date.parse('2026-11-25T07:00:00+03:00'));
  });

  it('every reason the API accepts evaluates without throwing', () => {
    for (const reason of Reason.options) expect(() => evaluate(rs, input({ at: tuesday10, reason }))).not.toThrow();
  });
});

describe('a flow limit (the water alternative to a cut)', () => {
  const rs = DEFAULT_RULE_SET;
  const water = { id: '40000000021', service: 'water' as const, area: 'Seeb', protectedCategory: null };
  const tuesday10 = muscat('2026-11-24T10:00:00');

  it('is allowed for water and non-payment where a cut is refused; no notice needed', () => {
    const cut = evaluate(rs, input({ at: tuesday10, meter: water, account: null }));
    expect(cut.outcome).toBe('refuse');
    const d = evaluate(rs, input({ at: tuesday10, meter: water, account: null, measure: 'flow_limit' }));
    expect(d.outcome).toBe('allow');
    for (const rule of ['serviceType', 'notice', 'rateLimit', 'bulkApproval']) expect(verdictOf(d, rule).verdict).toBe('not_applicable');
    expect(rs.rules.serviceType.lifelineLitresPerHour).toBe(30);
  });

  it('protected subscribers are refused; quiet hours hold it back until morning', () => {
    const p = evaluate(rs, input({ at: tuesday10, meter: { ...water, protectedCategory: 'medical' }, account: { debtMinor: 1000, unpaidInvoices: 1, finalNoticeAt: null }, measure: 'flow_limit' }));
    expect(p).toMatchObject({ outcome: 'refuse', decidingRule: 'protectedSubscribers' });
    const night = evaluate(rs, input({ at: muscat('2026-11-24T21:00:00'), meter: water, measure: 'flow_limit' }));
    expect(night).toMatchObject({ outcome: 'defer', decidingRule: 'quietHours', untilLocal: '2026-11-25 07:00 (Asia/Muscat)' });
  });

  it('a rule set cannot make the lifeline 0', () => {
    expect(() => parseRuleSet({ ...DEFAULT_RULE_SET_INPUT, rules: { ...DEFAULT_RULE_SET_INPUT.rules, serviceType: { ...DEFAULT_RULE_SET_INPUT.rules.serviceType, lifelineLitresPerHour: 0 } } })).toThrow(PolicyError);
  });
});
