// The desk pages' own strings (Arabic and English) and helpers shared by the desk views: case states,
// the deadline clock as people read it ("3 h 12 min left", "overdue by 5 min"), loading per URL.
import { html, type TemplateResult } from 'lit-html';
import { ApiError, type ApiResponse } from '../api.ts';
import { pageStrings, prefs } from '../prefs.ts';

export type CaseView = ApiResponse<'/api/v1/cases/{reference}', 'get'>['case'];
export type CaseDetail = ApiResponse<'/api/v1/cases/{reference}', 'get'>;
export type Category = ApiResponse<'/api/v1/desk/categories', 'get'>[number];
export type DeskStats = ApiResponse<'/api/v1/desk/stats', 'get'>;

const STRINGS = {
  en: {
    navDesk: 'Desk', navMyCases: 'My requests', queueTitle: 'Cases', newCase: 'Record a call', statsTitle: 'Desk statistics', intakeTitle: 'Record a call as a case',
    kind: 'Kind', k_complaint: 'Complaint', k_request: 'Request', k_enquiry: 'Enquiry', category: 'Category', channel: 'Channel',
    c_call_centre: 'Call centre', c_portal: 'Portal', c_walk_in: 'Walk-in', c_app: 'App', c_meter_event: 'Meter (automatic)',
    meter: 'Meter', subscriberId: 'Subscriber number', callerName: 'Caller name', callerPhone: 'Caller phone', description: 'What the caller says',
    save: 'Save case', saved: 'Case {ref} recorded. Read the reference to the caller.', reference: 'Reference', state: 'State', due: 'Due', timeLeft: 'Time left',
    s_new: 'New', s_assigned: 'Assigned', s_in_progress: 'In progress', s_answered: 'Answered', s_closed: 'Closed', s_reopened: 'Reopened',
    left: '{t} left', overdue: 'overdue by {t}', stopped: 'clock stopped', escalated: 'escalated', breached: 'deadline missed', hours: '{h} h {m} min', minutes: '{m} min', days: '{d} d {h} h',
    department: 'Department', assignee: 'Assignee', assign: 'Assign', start: 'Start work', reply: 'Reply to the subscriber', replyText: 'Written reply', close: 'Close case', reopen: 'Reopen',
    reason: 'Reason', timeline: 'Timeline', attachments: 'Attachments', upload: 'Attach a file', visits: 'Field visits', survey: 'Satisfaction poll', noCases: 'No cases.',
    onlyLate: 'Only cases past 80 % of their deadline', all: 'All', open: 'Open', filter: 'Filter', from: 'From', to: 'To', total: 'Cases', withinDeadline: 'Answered within deadline',
    satisfaction: 'Satisfied (4–5)', average: 'Average score', byCategory: 'By category', byArea: 'By area', byChannel: 'By channel', perDay: 'Cases per day',
    repeatedArea: 'Repeated causes per area', repeatedMeter: 'Repeated causes per meter', breaches: 'Deadlines missed', compensation: 'Compensation owed',
    myCases: 'My requests and complaints', newRequest: 'New request or complaint', send: 'Send', pollQuestion: 'How satisfied are you with how we handled it?', pollThanks: 'Thank you for your answer.',
    pollComment: 'Comment (optional)', answer: 'Our answer', noAnswerYet: 'We are working on it.', score: '{n} of 5', caller: 'Caller', meterLinks: 'Meter', recentTopups: 'Recent top-ups', recentCommands: 'Recent commands', used24h: 'Used in the last 24 h (Wh or L)', meterAudit: 'Audit trail of the meter',
    createdAt: 'Recorded', autoCount: 'reported {n} times', loading: 'Loading…',
  },
  ar: {
    navDesk: 'خدمة المشتركين', navMyCases: 'طلباتي', queueTitle: 'الحالات', newCase: 'تسجيل مكالمة', statsTitle: 'إحصاءات خدمة المشتركين', intakeTitle: 'تسجيل مكالمة كحالة',
    kind: 'النوع', k_complaint: 'شكوى', k_request: 'طلب', k_enquiry: 'استفسار', category: 'التصنيف', channel: 'القناة',
    c_call_centre: 'مركز الاتصال', c_portal: 'البوابة', c_walk_in: 'حضور شخصي', c_app: 'التطبيق', c_meter_event: 'العداد (تلقائي)',
    meter: 'العداد', subscriberId: 'رقم المشترك', callerName: 'اسم المتصل', callerPhone: 'هاتف المتصل', description: 'ما يقوله المتصل',
    save: 'حفظ الحالة', saved: 'سُجّلت الحالة {ref}. اقرأ الرقم المرجعي للمتصل.', reference: 'الرقم المرجعي', state: 'الحالة', due: 'الموعد النهائي', timeLeft: 'الوقت المتبقي',
    s_new: 'جديدة', s_assigned: 'مُسندة', s_in_progress: 'قيد المعالجة', s_answered: 'تم الرد', s_closed: 'مغلقة', s_reopened: 'أُعيد فتحها',
    left: 'متبقٍ {t}', overdue: 'متأخرة {t}', stopped: 'توقّف العدّاد', escalated: 'مُصعّدة', breached: 'تجاوزت المهلة', hours: '{h} س {m} د', minutes: '{m} د', days: '{d} يوم {h} س',
    department: 'الإدارة / القسم', assignee: 'المكلّف', assign: 'إسناد', start: 'بدء العمل', reply: 'الرد على المشترك', replyText: 'الرد المكتوب', close: 'إغلاق الحالة', reopen: 'إعادة الفتح',
    reason: 'السبب', timeline: 'سجل الحالة', attachments: 'المرفقات', upload: 'إرفاق ملف', visits: 'الزيارات الميدانية', survey: 'استبيان الرضا', noCases: 'لا توجد حالات.',
    onlyLate: 'الحالات التي تجاوزت 80 % من مهلتها فقط', all: 'الكل', open: 'المفتوحة', filter: 'تصفية', from: 'من', to: 'إلى', total: 'الحالات', withinDeadline: 'نسبة الرد ضمن المهلة',
    satisfaction: 'نسبة الرضا (4–5)', average: 'متوسط التقييم', byCategory: 'حسب التصنيف', byArea: 'حسب المنطقة', byChannel: 'حسب القناة', perDay: 'الحالات يومياً',
    repeatedArea: 'الأسباب المتكررة حسب المنطقة', repeatedMeter: 'الأسباب المتكررة حسب العداد', breaches: 'مهل متجاوزة', compensation: 'تعويضات مستحقة',
    myCases: 'طلباتي وشكاواي', newRequest: 'طلب أو شكوى جديدة', send: 'إرسال', pollQuestion: 'ما مدى رضاك عن معالجة طلبك؟', pollThanks: 'شكراً لإجابتك.',
    pollComment: 'تعليق (اختياري)', answer: 'ردّنا', noAnswerYet: 'نعمل على طلبك.', score: '{n} من 5', caller: 'المتصل', meterLinks: 'العداد', recentTopups: 'آخر عمليات الشحن', recentCommands: 'آخر الأوامر', used24h: 'الاستهلاك خلال آخر 24 ساعة (واط ساعة أو لتر)', meterAudit: 'سجل تدقيق العداد',
    createdAt: 'تاريخ التسجيل', autoCount: 'أُبلغ {n} مرات', loading: 'جارٍ التحميل…',
  },
} as const;
export type DeskKey = keyof (typeof STRINGS)['en'];

const strings = pageStrings(STRINGS);
/** A desk string in the chosen language, with {vars} filled in (numbers in the chosen digits). */
export const d = (key: DeskKey, vars?: Record<string, string | number>): string => strings.s(key, vars);
/** A string by a dynamic key, or the raw value. */
export const dk = (prefix: string, value: string): string => strings.sk(prefix, value);

export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  const days = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (days > 0) return d('days', { d: days, h });
  if (h > 0) return d('hours', { h, m });
  return d('minutes', { m: Math.max(m, s > 0 ? 1 : 0) });
}

/** The deadline clock as a badge: time left (green, amber past 80 %), overdue (red), or stopped. */
export function clockBadge(c: CaseView): TemplateResult {
  if (c.clock === 'stopped' || c.timeLeftSeconds === null) return html`<span class="badge muted" data-clock="stopped">${d('stopped')}</span>`;
  const left = c.timeLeftSeconds;
  if (left <= 0) return html`<span class="badge bad" data-clock="breached">${d('overdue', { t: duration(left) })}</span>`;
  return html`<span class="badge ${c.escalatedAt ? 'warn' : 'ok'}" data-clock=${c.escalatedAt ? 'escalated' : 'running'}>${d('left', { t: duration(left) })}</span>`;
}

export function stateBadge(state: string): TemplateResult {
  const cls = state === 'closed' ? 'muted' : state === 'answered' ? 'ok' : state === 'new' || state === 'reopened' ? 'info' : 'warn';
  return html`<span class="badge ${cls}" data-state=${state}>${dk('s_', state)}</span>`;
}

export function categoryName(c: { categoryName: { en: string; ar: string } }): string {
  return prefs.locale === 'ar' ? c.categoryName.ar : c.categoryName.en;
}

export { load, invalidate } from './loads.ts';

/** Uploads one file as multipart/form-data (the JSON client does not do forms). */
export async function uploadFile(reference: string, file: File, token: string | null): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/v1/cases/${encodeURIComponent(reference)}/attachments`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  if (!res.ok) {
    let problem: Record<string, unknown> = { status: res.status };
    try {
      problem = { ...problem, ...(await res.json()) };
    } catch {}
    throw new ApiError(res.status, problem as never);
  }
}
