// Message templates in Arabic and English, chosen by the subscriber's language. Money in the utility's
// currency with its own decimals (3 for OMR/BHD/KWD), times in the utility's TIME_ZONE, a top-up token in
// groups of four. Every rendering also gives a preview with the token masked: what the console and the
// logs may show.
import { formatMoney, formatTenths, type Currency } from '../prepaid/index.ts';
import { localParts } from '../policy/index.ts';

export type Language = 'ar' | 'en';
export const LANGUAGES: readonly Language[] = ['ar', 'en'];
export const KINDS = ['topup_receipt', 'credit_low', 'cut_scheduled', 'final_notice', 'leak', 'case_reply', 'case_poll', 'payment_reminder'] as const;
export type NotificationKind = (typeof KINDS)[number];
/** Kinds a subscriber may opt out of; receipts (the token), final notices and cut notices always go. */
export const OPTIONAL_KINDS: readonly NotificationKind[] = ['credit_low', 'leak'];
/** Kinds sent at any hour; the rest wait for the end of quiet hours. (A desk answer is awaited: it goes at once; the poll waits.) */
export const URGENT_KINDS: readonly NotificationKind[] = ['topup_receipt', 'leak', 'cut_scheduled', 'case_reply'];

export type MessageData =
  | { kind: 'topup_receipt'; reference: string; meterId: string; amountMinor: number; unitsTenths: number | null; service: 'electricity' | 'water'; token: string | null; at: number }
  | { kind: 'credit_low'; meterId: string; service: 'electricity' | 'water'; daysLeft: number | null; creditUnits: number }
  | { kind: 'cut_scheduled'; meterId: string; requestId: number; at: number }
  | { kind: 'final_notice'; meterId: string; noticeId: number; at: number; noticeDays: number | null }
  | { kind: 'leak'; meterId: string; averageLitresPerDay: number; recentLitresPerDay: number; hours: number; night: boolean }
  /** The desk's written answer to a subscriber's request or complaint. */
  | { kind: 'case_reply'; reference: string; text: string }
  /** After a case closed: the satisfaction poll (answered once, in the portal). */
  | { kind: 'case_poll'; reference: string }
  /** An operator's payment reminder (the policy's alternative to a cut of water); debt when the utility knows it. */
  | { kind: 'payment_reminder'; meterId: string; reference: string; service: 'electricity' | 'water'; debtMinor: number | null };

export interface RenderOptions {
  currency: Currency;
  timeZone: string;
  /** Arabic texts with Arabic-Indic digits (٠١٢٣); default false: most Gulf utilities send Western digits. */
  arabicDigits?: boolean;
}

export interface Rendered {
  subject: string;
  text: string;
  /** The text with the token masked. */
  preview: string;
}

const CURRENCY_AR: Record<Currency, string> = { OMR: 'ر.ع.', BHD: 'د.ب.', KWD: 'د.ك.', AED: 'د.إ.', SAR: 'ر.س.', QAR: 'ر.ق.' };

export function money(minor: number, currency: Currency, lang: Language): string {
  return lang === 'ar' ? `${formatMoney(minor, currency)} ${CURRENCY_AR[currency]}` : `${currency} ${formatMoney(minor, currency)}`;
}

export function localTime(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A 20-digit STS token as the keypad is typed: 1234 5678 9012 3456 7890. */
export function tokenGroups(token: string): string {
  return token.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function maskToken(token: string): string {
  return ('•'.repeat(Math.max(0, token.length - 4)) + token.slice(-4)).replace(/(.{4})(?=.)/gu, '$1 ');
}

const toArabicDigits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

function unitsText(tenths: number, service: 'electricity' | 'water', lang: Language): string {
  const v = formatTenths(tenths);
  if (service === 'water') return lang === 'ar' ? `${v} م³` : `${v} m³`;
  return lang === 'ar' ? `${v} ك.و.س` : `${v} kWh`;
}

function creditText(units: number, service: 'electricity' | 'water', lang: Language): string {
  // register unit: Wh or litres
  const tenths = Math.round(units / 100);
  return unitsText(tenths, service, lang);
}

function build(d: MessageData, lang: Language, o: RenderOptions, token: (t: string) => string): { subject: string; text: string } {
  const tz = o.timeZone;
  const ar = lang === 'ar';
  switch (d.kind) {
    case 'topup_receipt': {
      const units = d.unitsTenths === null ? null : unitsText(d.unitsTenths, d.service, lang);
      const amount = money(d.amountMinor, o.currency, lang);
      const tok = d.token ? token(d.token) : null;
      return ar
        ? { subject: `إيصال شحن ${d.reference}`, text: `تم شحن العداد ${d.meterId} بمبلغ ${amount}${units ? ` (${units})` : ''}.${tok ? ` الرمز: ${tok}` : ''} المرجع ${d.reference}، ${localTime(d.at, tz)}` }
        : { subject: `Top-up receipt ${d.reference}`, text: `Meter ${d.meterId} topped up with ${amount}${units ? ` (${units})` : ''}.${tok ? ` Token: ${tok}` : ''} Ref ${d.reference}, ${localTime(d.at, tz)}` };
    }
    case 'credit_low': {
      const credit = creditText(d.creditUnits, d.service, lang);
      if (ar) return { subject: `رصيد منخفض للعداد ${d.meterId}`, text: `رصيد العداد ${d.meterId} منخفض: ${credit}${d.daysLeft !== null ? `، يكفي نحو ${d.daysLeft} يوم` : ''}. يرجى الشحن لتجنب الانقطاع.` };
      return { subject: `Low credit on meter ${d.meterId}`, text: `Credit on meter ${d.meterId} is low: ${credit}${d.daysLeft !== null ? `, about ${d.daysLeft} day(s) left` : ''}. Please top up to avoid interruption.` };
    }
    case 'cut_scheduled':
      return ar
        ? { subject: `إشعار فصل للعداد ${d.meterId}`, text: `إشعار: من المقرر فصل الخدمة عن العداد ${d.meterId} في ${localTime(d.at, tz)} بسبب عدم السداد. السداد قبل هذا الموعد يلغي الفصل. المرجع ${d.requestId}` }
        : { subject: `Disconnection notice for meter ${d.meterId}`, text: `Notice: supply to meter ${d.meterId} is scheduled to be cut on ${localTime(d.at, tz)} for non-payment. Paying before then cancels it. Ref ${d.requestId}` };
    case 'final_notice':
      return ar
        ? { subject: `إنذار نهائي للعداد ${d.meterId}`, text: `إنذار نهائي: على العداد ${d.meterId} مستحقات غير مسددة (${localTime(d.at, tz)}).${d.noticeDays ? ` قد تُفصل الخدمة بعد ${d.noticeDays} يوماً.` : ''} المرجع ${d.noticeId}` }
        : { subject: `Final notice for meter ${d.meterId}`, text: `Final notice: meter ${d.meterId} has unpaid charges (${localTime(d.at, tz)}).${d.noticeDays ? ` Supply may be cut after ${d.noticeDays} days.` : ''} Ref ${d.noticeId}` };
    case 'leak': {
      const avg = Math.round(d.averageLitresPerDay);
      const now = Math.round(d.recentLitresPerDay);
      return ar
        ? { subject: `استهلاك مياه مرتفع للعداد ${d.meterId}`, text: `تنبيه: استهلاك المياه للعداد ${d.meterId} ${now} لتر/يوم منذ ${d.hours} ساعة، ومتوسطك ${avg} لتر/يوم${d.night ? '، مع تدفق طوال الليل' : ''}. قد يكون هناك تسرب.` }
        : { subject: `High water use on meter ${d.meterId}`, text: `Alert: water use on meter ${d.meterId} has been ${now} L/day for ${d.hours} h against your average of ${avg} L/day${d.night ? ', with flow all night' : ''}. There may be a leak.` };
    }
    case 'case_reply':
      return ar
        ? { subject: `رد على طلبكم ${d.reference}`, text: `ردّنا على طلبكم رقم ${d.reference}: ${d.text}` }
        : { subject: `Answer to your request ${d.reference}`, text: `Our answer to your request ${d.reference}: ${d.text}` };
    case 'payment_reminder': {
      const debt = d.debtMinor !== null && d.debtMinor > 0 ? money(d.debtMinor, o.currency, lang) : null;
      if (ar) {
        const svc = d.service === 'water' ? 'المياه' : 'الكهرباء';
        return { subject: `تذكير بالسداد للعداد ${d.meterId}`, text: `تذكير: على حساب ${svc} للعداد ${d.meterId} مبلغ غير مسدد${debt ? ` قدره ${debt}` : ''}. يرجى الشحن أو السداد في أقرب فرصة.${d.service === 'water' ? ' لا تُقطع المياه، وقد يُخفَّض التدفق.' : ''} المرجع ${d.reference}` };
      }
      return { subject: `Payment reminder for meter ${d.meterId}`, text: `Reminder: the ${d.service} account of meter ${d.meterId} has an unpaid balance${debt ? ` of ${debt}` : ''}. Please top up or pay soon.${d.service === 'water' ? ' Water is never cut; the flow may be limited.' : ''} Ref ${d.reference}` };
    }
    case 'case_poll':
      return ar
        ? { subject: `كيف كانت خدمتنا؟ ${d.reference}`, text: `أُغلق طلبكم رقم ${d.reference}. قيّموا خدمتنا من 1 إلى 5 في بوابة المشتركين. شكرًا لكم.` }
        : { subject: `How did we do? ${d.reference}`, text: `Your request ${d.reference} is closed. Please rate our service from 1 to 5 in the subscriber portal. Thank you.` };
  }
}

export function render(d: MessageData, lang: Language, o: RenderOptions): Rendered {
  const full = build(d, lang, o, tokenGroups);
  const masked = build(d, lang, o, maskToken);
  const digits = (s: string) => (lang === 'ar' && o.arabicDigits ? toArabicDigits(s) : s);
  return { subject: digits(full.subject), text: digits(full.text), preview: digits(masked.text) };
}

export function languageOf(v: unknown): Language {
  return v === 'en' ? 'en' : 'ar';
}
