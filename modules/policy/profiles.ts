// The shipped default profile (Oman-like) and its 2026–2027 calendar. Plain JSON-serialisable data:
// a utility installs its own version through PUT /api/v1/policy. Sources and assumptions: docs/policy.md.
import { parseRuleSet, type Calendar, type Reason, type RuleSet } from './schema.ts';

/** Cut reasons the time-of-day, week and calendar rules protect against. Safety, tamper and customer requests are not held back. */
const SCHEDULED_CUTS: Reason[] = ['non_payment', 'fraud', 'move_out', 'maintenance'];

export const OMAN_CALENDAR_2026_2027: Calendar = {
  holidays: [
    { date: '2026-01-11', name: "Sultan's Accession Day", nameAr: 'ذكرى تولي السلطان مقاليد الحكم' },
    { date: '2026-01-16', name: "Isra' and Mi'raj", nameAr: 'الإسراء والمعراج' },
    { date: '2026-03-19', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2026-03-20', name: 'Eid al-Fitr', nameAr: 'عيد الفطر' },
    { date: '2026-03-21', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2026-03-22', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2026-05-26', name: 'Arafat Day', nameAr: 'يوم عرفة' },
    { date: '2026-05-27', name: 'Eid al-Adha', nameAr: 'عيد الأضحى' },
    { date: '2026-05-28', name: 'Eid al-Adha holiday', nameAr: 'عطلة عيد الأضحى' },
    { date: '2026-05-29', name: 'Eid al-Adha holiday', nameAr: 'عطلة عيد الأضحى' },
    { date: '2026-06-16', name: 'Islamic New Year 1448', nameAr: 'رأس السنة الهجرية' },
    { date: '2026-08-25', name: "Prophet's Birthday", nameAr: 'المولد النبوي الشريف' },
    { date: '2026-11-20', name: 'National Day', nameAr: 'العيد الوطني' },
    { date: '2026-11-21', name: 'National Day holiday', nameAr: 'عطلة العيد الوطني' },
    { date: '2027-01-05', name: "Isra' and Mi'raj", nameAr: 'الإسراء والمعراج' },
    { date: '2027-01-11', name: "Sultan's Accession Day", nameAr: 'ذكرى تولي السلطان مقاليد الحكم' },
    { date: '2027-03-09', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2027-03-10', name: 'Eid al-Fitr', nameAr: 'عيد الفطر' },
    { date: '2027-03-11', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2027-03-12', name: 'Eid al-Fitr holiday', nameAr: 'عطلة عيد الفطر' },
    { date: '2027-05-15', name: 'Arafat Day', nameAr: 'يوم عرفة' },
    { date: '2027-05-16', name: 'Eid al-Adha', nameAr: 'عيد الأضحى' },
    { date: '2027-05-17', name: 'Eid al-Adha holiday', nameAr: 'عطلة عيد الأضحى' },
    { date: '2027-05-18', name: 'Eid al-Adha holiday', nameAr: 'عطلة عيد الأضحى' },
    { date: '2027-06-06', name: 'Islamic New Year 1449', nameAr: 'رأس السنة الهجرية' },
    { date: '2027-08-15', name: "Prophet's Birthday", nameAr: 'المولد النبوي الشريف' },
    { date: '2027-11-20', name: 'National Day', nameAr: 'العيد الوطني' },
    { date: '2027-11-21', name: 'National Day holiday', nameAr: 'عطلة العيد الوطني' },
    { date: '2027-12-26', name: "Isra' and Mi'raj", nameAr: 'الإسراء والمعراج' },
  ],
  periods: [
    { kind: 'exams', from: '2026-01-04', to: '2026-01-15', name: 'General Education Diploma exams, semester 1 (2025/26)', nameAr: 'امتحانات دبلوم التعليم العام - الفصل الأول' },
    { kind: 'ramadan', from: '2026-02-18', to: '2026-03-19', name: 'Ramadan 1447', nameAr: 'رمضان ١٤٤٧' },
    { kind: 'exams', from: '2026-05-31', to: '2026-06-11', name: 'General Education Diploma exams, semester 2 (2025/26)', nameAr: 'امتحانات دبلوم التعليم العام - الفصل الثاني' },
    { kind: 'exams', from: '2027-01-03', to: '2027-01-14', name: 'General Education Diploma exams, semester 1 (2026/27)', nameAr: 'امتحانات دبلوم التعليم العام - الفصل الأول' },
    { kind: 'ramadan', from: '2027-02-08', to: '2027-03-09', name: 'Ramadan 1448', nameAr: 'رمضان ١٤٤٨' },
    { kind: 'exams', from: '2027-05-30', to: '2027-06-10', name: 'General Education Diploma exams, semester 2 (2026/27)', nameAr: 'امتحانات دبلوم التعليم العام - الفصل الثاني' },
  ],
  sources: [
    'Ramadan, Eid and Hijri holidays: astronomical (Umm al-Qura style) estimates; the official dates follow moon sighting and may move by a day — update when announced',
    'Fixed holidays: Sultan\'s Accession Day (11 January) and National Day (20–21 November) as in Royal Decree 88/2022; weekend compensation days are announced yearly',
    'Exam periods: approximate General Education Diploma windows; replace with the Ministry of Education timetable',
    'Summer suspensions are declared year by year (all of summer 2021): none declared in this profile',
  ],
};

export const DEFAULT_RULE_SET_INPUT = {
  utility: 'oman-default',
  version: 1,
  name: 'Oman-like default disconnection policy',
  description: 'Shipped example: Omani regulator rules (no cuts 17:00–07:00, Fri/Sat, the last working day before a weekend or holiday, Ramadan, diploma exams), water never cut for non-payment, 10 days\' notice, protected groups up to 3 unpaid invoices or 500 OMR, heat above 45 °C.',
  timeZone: 'Asia/Muscat',
  currency: 'OMR',
  currencyExponent: 3,
  rules: {
    serviceType: { enabled: true, neverCut: [{ service: 'water', reasons: ['non_payment'] }], alternatives: ['flow_limit', 'reminder'] },
    protectedSubscribers: { enabled: true, appliesTo: ['non_payment'], categories: ['medical', 'elderly', 'determination', 'social_welfare'], maxUnpaidInvoices: 3, maxDebtMinor: 500_000 },
    quietHours: { enabled: true, appliesTo: SCHEDULED_CUTS, from: '17:00', to: '07:00' },
    weekend: { enabled: true, appliesTo: SCHEDULED_CUTS, days: [5, 6] },
    holidays: { enabled: true, appliesTo: SCHEDULED_CUTS },
    lastWorkingDay: { enabled: true, appliesTo: ['non_payment'] },
    calendarPeriods: { enabled: true, appliesTo: ['non_payment'], kinds: ['ramadan', 'exams', 'summer'] },
    heat: { enabled: true, appliesTo: SCHEDULED_CUTS, thresholdC: 45, recheckMinutes: 60, whenUnknown: 'allow' },
    notice: { enabled: true, appliesTo: ['non_payment'], days: 10, services: ['electricity', 'water'] },
    rateLimit: { enabled: true, appliesTo: ['non_payment', 'fraud', 'tamper', 'customer_request', 'move_out', 'maintenance'], maxPerHourPerArea: 50 },
    bulkApproval: { enabled: true, threshold: 10 },
  },
  calendar: OMAN_CALENDAR_2026_2027,
} as const;

export const DEFAULT_RULE_SET: RuleSet = parseRuleSet(DEFAULT_RULE_SET_INPUT);
