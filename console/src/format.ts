// Formatting for people: energy (Wh → kWh), water (L → m³), money in the currency's own decimals, dates and
// relative times, all through Intl for the chosen locale and digits.
import { intlLocale, num, numberFormat, prefs, t } from './prefs.ts';

export type Service = 'electricity' | 'water';

/** Electricity register units are Wh, water litres (integers); people read kWh and m³. */
export function quantity(value: number | null | undefined, service: Service, maxFrac?: number): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (service === 'electricity') {
    const kwh = value / 1000;
    // One decimal for every credit in a column ("37.0 kWh" beside "64.9 kWh"); tiny values need three, huge none.
    const frac = maxFrac ?? (Math.abs(kwh) < 1 && kwh !== 0 ? 3 : Math.abs(kwh) < 10_000 ? 1 : 0);
    return `${num(kwh, frac, frac)} ${t('uKWh')}`;
  }
  const m3 = value / 1000;
  const frac = maxFrac ?? (Math.abs(m3) < 1000 ? 2 : 1);
  return `${num(m3, frac, frac)} ${t('uM3')}`;
}

/** Instantaneous power (W) or water flow (L/h). */
export function rate(value: number | null | undefined, service: Service): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (service === 'water') return `${num(value, 0)} ${t('uLph')}`;
  return Math.abs(value) >= 1000 ? `${num(value / 1000, 2)} ${t('uKW')}` : `${num(value, 0)} ${t('uW')}`;
}

export function unitLabel(service: Service): string {
  return service === 'electricity' ? t('uKWh') : t('uM3');
}

/** Digits of the currency (OMR/BHD/KWD 3; AED/SAR/QAR 2), as Intl knows them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The currency's name for labels: "OMR" in English, "ريال عماني" in Arabic. */
export function currencyName(currency: string): string {
  if (prefs.locale !== 'ar') return currency;
  try {
    return new Intl.DisplayNames(['ar'], { type: 'currency' }).of(currency) ?? currency;
  } catch {
    return currency;
  }
}

/** A decimal string ("5.000") or minor units, formatted exactly (Intl formats decimal strings without floats). */
export function money(amount: string | number | null | undefined, currency: string, opts: { minor?: boolean } = {}): string {
  if (amount == null || amount === '') return '—';
  const d = currencyDigits(currency);
  let dec: string;
  if (typeof amount === 'number' && opts.minor) dec = minorToDecimal(amount, d);
  else dec = String(amount);
  const f = numberFormat({ style: 'currency', currency, currencyDisplay: prefs.locale === 'ar' ? 'symbol' : 'code', minimumFractionDigits: d, maximumFractionDigits: d });
  // Intl.NumberFormat accepts decimal strings (exact); the cast is for older lib typings.
  // Arabic uses the local symbol ("5.000 ر.ع."), English the ISO code ("OMR 5.000"). A negative amount keeps its sign
  // next to the number ("OMR −0.500", not "-OMR 0.500"), with a true minus sign.
  const negative = dec.startsWith('-') && !/^-0*(\.0*)?$/.test(dec);
  const parts = f.formatToParts((negative ? dec.slice(1) : dec.replace(/^-/, '')) as unknown as number);
  let out = '';
  let signed = !negative;
  for (const p of parts) {
    if (!signed && (p.type === 'integer' || p.type === 'nan' || p.type === 'infinity')) {
      out += '\u2212';
      signed = true;
    }
    out += p.value;
  }
  return out;
}

export function minorToDecimal(minor: number, digits: number): string {
  const neg = minor < 0;
  const s = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const out = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return neg ? `-${out}` : out;
}

/** What a person typed (Arabic-Indic or Persian digits, Arabic decimal separator) → ASCII decimal, or null. */
export function normaliseAmount(input: string, digits: number): string | null {
  const ascii = input.trim()
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٫,]/g, '.')
    .replace(/\s/g, '');
  const re = digits > 0 ? new RegExp(`^\\d{1,7}(\\.\\d{1,${digits}})?$`) : /^\d{1,7}$/;
  if (!re.test(ascii)) return null;
  const [int, frac = ''] = ascii.split('.');
  const normalised = digits > 0 ? `${String(Number(int))}.${frac.padEnd(digits, '0')}` : String(Number(int));
  return /^0(\.0+)?$/.test(normalised) ? null : normalised;
}

function date(ts: string | number | Date): Date {
  return ts instanceof Date ? ts : new Date(ts);
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
/** Intl.DateTimeFormat for the chosen locale and digits, always in the utility's time zone (TIME_ZONE). */
export function dateFormat(o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = intlLocale() + prefs.timeZone + JSON.stringify(o);
  let f = dtfCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(), { timeZone: prefs.timeZone, ...o });
    dtfCache.set(key, f);
  }
  return f;
}

/** The utility's time zone as people call it ("Gulf Standard Time", "توقيت الخليج"), for times that could be misread. */
export function zoneName(at: Date = new Date()): string {
  const part = dateFormat({ timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? prefs.timeZone;
}

/** Date and time in TIME_ZONE; `zone: true` names the zone (deadlines, deferrals: "3 Dec 2026, 07:00 (Gulf Standard Time)"). */
export function dateTime(ts: string | number | Date | null | undefined, o: { zone?: boolean } = {}): string {
  if (ts == null) return '—';
  const d = date(ts);
  if (Number.isNaN(d.getTime())) return '—';
  const s = dateFormat({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return o.zone ? `${s} (${zoneName(d)})` : s;
}

/** A calendar date in TIME_ZONE ("3 Dec 2026"). */
export function dateOnly(ts: string | number | Date | null | undefined): string {
  if (ts == null) return '—';
  const d = date(ts);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

export function timeOnly(ts: string | number | Date | null | undefined, seconds = false): string {
  if (ts == null) return '—';
  const d = date(ts);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(seconds ? { second: '2-digit' } : {}) }).format(d);
}

/** The wall-clock parts of an instant in TIME_ZONE. */
export function zonedParts(ms: number): { y: number; mo: number; d: number; h: number; mi: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: prefs.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute') };
}

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(ms: number): number {
  const p = zonedParts(ms);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Math.floor(ms / 60_000) * 60_000;
}

/** The instant of local midnight (TIME_ZONE) of the day containing `ms` (offset taken at midnight itself: DST-safe). */
export function localMidnight(ms: number): number {
  const p = zonedParts(ms);
  const wall = Date.UTC(p.y, p.mo - 1, p.d);
  let mid = wall - offsetAt(ms);
  mid = wall - offsetAt(mid);
  return mid;
}

export function relative(ts: string | number | null | undefined, now = Date.now()): string {
  if (ts == null) return t('never');
  const d = date(ts).getTime();
  if (Number.isNaN(d)) return '—';
  const s = Math.round((d - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto', style: 'short' });
  const a = Math.abs(s);
  if (a < 60) return rtf.format(Math.abs(s) < 5 ? 0 : s, 'second');
  if (a < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (a < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

/** A 20-digit STS token in groups of four ("1234 5678 9012 3456 7890"); already grouped input is regrouped. */
export function tokenGroups(token: string): string[] {
  const digits = token.replace(/\D/g, '');
  const out: string[] = [];
  for (let i = 0; i < digits.length; i += 4) out.push(digits.slice(i, i + 4));
  return out;
}
