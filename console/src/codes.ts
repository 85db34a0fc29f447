// Codes the server stores (audit actions and outcomes, command issuers and reasons, meter events, policy verdicts)
// as words a person reads, in Arabic and English. A code we do not know is shown as itself, marked as a code
// (left-to-right, monospace) so it never passes for a sentence.
import { prefs } from './prefs.ts';

type Dict = Record<string, { ar: string; en: string }>;

const ACTIONS: Dict = {
  'relay.disconnect': { ar: 'قطع الإمداد', en: 'Supply cut' },
  'relay.reconnect': { ar: 'إعادة الإمداد', en: 'Supply restored' },
  'relay.cancel': { ar: 'إلغاء قطع مجدول', en: 'Scheduled cut cancelled' },
  'relay.reschedule': { ar: 'تغيير موعد قطع مجدول', en: 'Scheduled cut moved' },
  'relay.denied': { ar: 'محاولة قطع/إعادة مرفوضة', en: 'Cut/restore refused (role)' },
  'bulk.disconnect': { ar: 'قطع جماعي', en: 'Bulk cut' },
  'bulk.reconnect': { ar: 'إعادة جماعية', en: 'Bulk restore' },
  'bulk.approve': { ar: 'موافقة على قطع جماعي', en: 'Bulk cut approved' },
  'bulk.reject': { ar: 'رفض قطع جماعي', en: 'Bulk cut rejected' },
  'notice.final': { ar: 'إشعار نهائي قبل القطع', en: 'Final notice before a cut' },
  'policy.install': { ar: 'تثبيت إصدار من سياسة القطع', en: 'Disconnection policy installed' },
  'policy.heat_override': { ar: 'إعلان موجة حر', en: 'Heat override' },
  'session.create': { ar: 'تسجيل دخول', en: 'Sign-in' },
  'topup.create': { ar: 'شحن رصيد', en: 'Top-up' },
  'topup.refund': { ar: 'استرداد شحنة', en: 'Top-up refunded' },
  'arrears.add': { ar: 'إضافة متأخرات', en: 'Arrears added' },
  'command.acknowledged': { ar: 'أكّد العداد الأمر', en: 'Meter acknowledged the command' },
  'command.sent': { ar: 'أُرسل الأمر إلى العداد', en: 'Command sent to the meter' },
  'command.failed': { ar: 'فشل الأمر', en: 'Command failed' },
  'command.rejected': { ar: 'رفض العداد الأمر', en: 'Meter rejected the command' },
  'command.expired': { ar: 'انتهت صلاحية الأمر', en: 'Command expired' },
  'command.pending': { ar: 'أمر في الانتظار', en: 'Command queued' },
  'water.flow_limit': { ar: 'تحديد تدفق المياه', en: 'Water flow limited' },
  'water.flow_restore': { ar: 'رفع تحديد تدفق المياه', en: 'Water flow limit lifted' },
  'water.reminder': { ar: 'تذكير بالسداد', en: 'Payment reminder' },
  disconnect: { ar: 'قطع الإمداد', en: 'Supply cut' },
  reconnect: { ar: 'إعادة الإمداد', en: 'Supply restored' },
};

const OUTCOMES: Dict = {
  allow: { ar: 'مسموح', en: 'Allowed' },
  approval_required: { ar: 'يحتاج موافقة', en: 'Needs approval' },
  approved: { ar: 'تمت الموافقة', en: 'Approved' },
  cancelled: { ar: 'أُلغي', en: 'Cancelled' },
  defer: { ar: 'مؤجل', en: 'Deferred' },
  deferred: { ar: 'مؤجل', en: 'Deferred' },
  denied: { ar: 'مرفوض (صلاحية)', en: 'Denied (role)' },
  executed: { ar: 'نُفّذ', en: 'Carried out' },
  failed: { ar: 'فشل', en: 'Failed' },
  granted: { ar: 'مسموح', en: 'Granted' },
  installed: { ar: 'ثُبّت', en: 'Installed' },
  pending_approval: { ar: 'بانتظار الموافقة', en: 'Awaiting approval' },
  queued: { ar: 'في قائمة الإرسال', en: 'Queued' },
  limited: { ar: 'التدفق محدود', en: 'Flow limited' },
  unlimited: { ar: 'تدفق كامل', en: 'Full flow' },
  unsupported: { ar: 'لا يدعمه العداد', en: 'Not supported by the meter' },
  recorded: { ar: 'سُجّل', en: 'Recorded' },
  refuse: { ar: 'مرفوض', en: 'Refused' },
  refused: { ar: 'مرفوض', en: 'Refused' },
  rejected: { ar: 'رُفض', en: 'Rejected' },
  rescheduled: { ar: 'أُعيدت جدولته', en: 'Rescheduled' },
  scheduled: { ar: 'مجدول', en: 'Scheduled' },
  accepted: { ar: 'قبله العداد', en: 'Accepted by meter' },
  acknowledged: { ar: 'أكده العداد', en: 'Acknowledged by meter' },
  pending: { ar: 'في الانتظار', en: 'Queued' },
  sent: { ar: 'أُرسل', en: 'Sent' },
  expired: { ar: 'انتهت صلاحيته', en: 'Expired' },
  refunded: { ar: 'مسترد', en: 'Refunded' },
  delivered: { ar: 'سُلِّم للعداد', en: 'Delivered to meter' },
  open: { ar: 'مقطوعة', en: 'Supply off' },
  closed: { ar: 'موصولة', en: 'Supply on' },
  armed: { ar: 'جاهزة للتوصيل (زر العداد)', en: 'Ready (meter button)' },
  preview: { ar: 'معاينة', en: 'Preview' },
};

const REASONS: Dict = {
  'top-up': { ar: 'شحن رصيد', en: 'Top-up' },
  topup: { ar: 'شحن رصيد', en: 'Top-up' },
  'wrong username or password': { ar: 'اسم مستخدم أو كلمة مرور خاطئة', en: 'Wrong username or password' },
};

const EVENTS: Dict = {
  token: { ar: 'رمز شحن', en: 'Token' },
  flow_limit: { ar: 'تحديد التدفق', en: 'Flow limit' },
  limit: { ar: 'تحديد التدفق', en: 'Flow limited' },
  restore: { ar: 'رفع تحديد التدفق', en: 'Flow limit lifted' },
  'token.accepted': { ar: 'قبل العداد الرمز', en: 'Token accepted' },
  'token.rejected': { ar: 'رفض العداد الرمز', en: 'Token rejected' },
  tamper: { ar: 'عبث', en: 'Tamper' },
  relay: { ar: 'المرحّل', en: 'Relay' },
  online: { ar: 'متصل', en: 'Online' },
  offline: { ar: 'غير متصل', en: 'Offline' },
  emergency_credit: { ar: 'رصيد طوارئ', en: 'Emergency credit' },
  low_credit: { ar: 'رصيد منخفض', en: 'Low credit' },
};

const CHANNELS: Dict = {
  admin: { ar: 'مدير النظام', en: 'Administrator' },
  supervisor: { ar: 'مشرف', en: 'Supervisor' },
  operator: { ar: 'مشغل', en: 'Operator' },
  call_centre: { ar: 'مركز الاتصال', en: 'Call centre' },
  cashier: { ar: 'أمين صندوق', en: 'Cashier' },
  field_technician: { ar: 'فني ميداني', en: 'Field technician' },
  viewer: { ar: 'اطلاع فقط', en: 'Viewer' },
  subscriber: { ar: 'المشترك', en: 'Subscriber' },
  system: { ar: 'النظام', en: 'system' },
  scheduler: { ar: 'المجدول', en: 'scheduler' },
  payment: { ar: 'نظام الدفع', en: 'payment system' },
  portal: { ar: 'البوابة', en: 'portal' },
  console: { ar: 'لوحة التحكم', en: 'console' },
};

/** The parts of a meter's own events (GET /api/v1/meters/:id/events): token results, relay causes, tamper kinds, alarms. */
const METER_EVENT: Dict = {
  'token.accept': { ar: 'قبل العداد رمز الشحن', en: 'Token accepted' },
  'token.old': { ar: 'رفض العداد رمزًا قديمًا', en: 'Token refused: older than the last one' },
  'token.used': { ar: 'رفض العداد رمزًا مستعملًا', en: 'Token refused: already used' },
  'token.key_expired': { ar: 'رفض العداد الرمز: انتهت صلاحية المفتاح', en: 'Token refused: key expired' },
  'token.crc': { ar: 'رمز خاطئ (خطأ في الإدخال)', en: 'Token refused: mistyped' },
  'token.lockout': { ar: 'قفل لوحة المفاتيح بعد محاولات خاطئة', en: 'Keypad locked after wrong tokens' },
  'token.other': { ar: 'رفض العداد الرمز', en: 'Token refused' },
  'via.keypad': { ar: 'من لوحة المفاتيح', en: 'on the keypad' },
  'via.remote': { ar: 'عن بعد', en: 'remotely' },
  'via.serial': { ar: 'عبر المنفذ التسلسلي', en: 'over the serial port' },
  'relay.open': { ar: 'انقطع الإمداد', en: 'Supply off' },
  'relay.closed': { ar: 'عاد الإمداد', en: 'Supply on' },
  'relay.armed': { ar: 'جاهز لإعادة الإمداد بالزر', en: 'Ready: press the button to restore supply' },
  'cause.command': { ar: 'بأمر من المرفق', en: 'by the utility\'s command' },
  'cause.credit_exhausted': { ar: 'نفد الرصيد', en: 'credit ran out' },
  'cause.credit_restored': { ar: 'أضيف رصيد', en: 'credit added' },
  'cause.button': { ar: 'بزر العداد', en: 'with the meter\'s button' },
  'cause.tamper': { ar: 'بسبب العبث', en: 'because of tampering' },
  'cause.power_limit': { ar: 'تجاوز حد القدرة', en: 'power limit exceeded' },
  'cause.manual': { ar: 'يدويًا', en: 'by hand' },
  'tamper.cover_open': { ar: 'فُتح غطاء العداد', en: 'Meter cover opened' },
  'tamper.magnetic': { ar: 'مجال مغناطيسي', en: 'Magnetic field' },
  'tamper.reverse_flow': { ar: 'تدفق عكسي', en: 'Reverse flow' },
  'tamper.bypass': { ar: 'تجاوز العداد', en: 'Meter bypassed' },
  'alarm.low_credit': { ar: 'رصيد منخفض', en: 'Low credit' },
  'alarm.emergency_credit': { ar: 'رصيد طوارئ', en: 'Emergency credit' },
  'alarm.power_limit': { ar: 'حد القدرة', en: 'Power limit' },
  'alarm.clock': { ar: 'ساعة العداد', en: 'Meter clock' },
  'alarm.battery': { ar: 'البطارية', en: 'Battery' },
  'alarm.leak': { ar: 'تسرب محتمل', en: 'Possible leak' },
  cleared: { ar: 'انتهى', en: 'cleared' },
  active: { ar: 'نشط', en: 'active' },
};

/** A meter event in words: a title, details, and whether it is bad news. */
export function meterEventText(e: Record<string, unknown>): { title: string; detail: string; bad: boolean } {
  const w = (k: string) => look(METER_EVENT, k) ?? k;
  switch (e.type) {
    case 'token': {
      const ok = e.result === 'accept';
      const key = `token.${String(e.result)}`;
      return { title: look(METER_EVENT, key) ?? w('token.other'), detail: [w(`via.${String(e.via)}`), typeof e.tid === 'number' ? `TID ${e.tid}` : ''].filter(Boolean).join(' · '), bad: !ok };
    }
    case 'relay':
      return { title: w(`relay.${String(e.state)}`), detail: w(`cause.${String(e.cause)}`), bad: e.state === 'open' };
    case 'tamper':
      return { title: w(`tamper.${String(e.kind)}`), detail: e.cleared ? w('cleared') : '', bad: !e.cleared };
    case 'alarm':
      return { title: w(`alarm.${String(e.code)}`), detail: w(e.active ? 'active' : 'cleared'), bad: Boolean(e.active) };
    default:
      return { title: String(e.type ?? ''), detail: '', bad: false };
  }
}

function look(d: Dict, code: string): string | null {
  const e = d[code];
  return e ? e[prefs.locale] : null;
}

/** An audit action ("relay.disconnect" → "قطع الإمداد"); unknown codes as they are. */
export function actionLabel(code: string | null | undefined): string {
  if (!code) return '';
  return look(ACTIONS, code) ?? look(EVENTS, code) ?? code;
}
export function knownAction(code: string): boolean {
  return code in ACTIONS || code in EVENTS;
}
export const AUDIT_ACTIONS = Object.keys(ACTIONS).filter((k) => k.includes('.'));
export const AUDIT_OUTCOMES = ['granted', 'refused', 'denied', 'executed', 'scheduled', 'deferred', 'pending_approval', 'approved', 'rejected', 'cancelled', 'failed', 'recorded', 'installed'];

/** An outcome or status ("pending_approval" → "بانتظار الموافقة"). */
export function outcomeLabel(code: string | null | undefined): string {
  if (!code) return '';
  return look(OUTCOMES, code) ?? code;
}

/** A free reason code the server set itself ("top-up"), or a sentence it wrote that we know. */
export function reasonLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return look(REASONS, code);
}

/** Who issued a command: "prepaid:admin" → "شحن رصيد · admin", "policy:scheduler" → "المجدول". */
export function issuerLabel(issuer: string | null | undefined): { text: string; who: string } {
  if (!issuer) return { text: '', who: '' };
  const [kind, ...rest] = issuer.split(':');
  const who = rest.join(':');
  if (kind === 'prepaid') return { text: look(REASONS, 'top-up')!, who };
  if (!who) return { text: look(CHANNELS, kind!) ?? '', who: look(CHANNELS, kind!) ? '' : issuer };
  return { text: look(CHANNELS, kind!) ?? '', who };
}

/** A meter event type ("tamper", "token.accepted"). */
export function eventLabel(code: string | null | undefined): string {
  if (!code) return '';
  return look(EVENTS, code) ?? look(ACTIONS, code) ?? code;
}

/** Who did it: "meter:40000000014" → "العداد", "system:scheduler" → "المجدول"; people's usernames as they are. */
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return '';
  const [kind, rest] = actor.split(':', 2);
  if (rest !== undefined && kind === 'meter') return prefs.locale === 'ar' ? 'العداد' : 'Meter';
  if (rest !== undefined && kind === 'system') return look(CHANNELS, rest) ?? look(CHANNELS, 'system')!;
  return actor;
}

/** A role or channel name. */
export function roleLabel(code: string | null | undefined): string {
  if (!code) return '';
  return look(CHANNELS, code) ?? code;
}
