// Display preferences (language and digits), remembered in localStorage, applied to <html lang dir>.
import { NAMES_AR, dictionaries, translate, type Digits, type Key, type Locale } from './i18n.ts';

const LS_LOCALE = 'raseed.locale';
const LS_DIGITS = 'raseed.digits';
const LS_ZONE = 'raseed.timeZone';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, v: string): void {
  try {
    localStorage.setItem(key, v);
  } catch {}
}

function initialLocale(): Locale {
  const saved = read(LS_LOCALE);
  if (saved === 'ar' || saved === 'en') return saved;
  const lang = typeof navigator !== 'undefined' ? navigator.language ?? 'en' : 'en';
  return lang.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export const prefs: {
  locale: Locale; digits: Digits; localeChosen: boolean;
  /** The utility's time zone (TIME_ZONE from GET /api/v1/settings): every time a person reads is shown in it. */
  timeZone: string;
  /** Who is signed in: a language choice is remembered for that person (keyed by username). */
  user: string | null;
  /** The language was switched on the sign-in page just now: that choice wins over the one remembered. */
  chosenAtSignIn: boolean;
} = {
  locale: initialLocale(),
  digits: read(LS_DIGITS) === 'arab' ? 'arab' : 'latn',
  localeChosen: read(LS_LOCALE) !== null,
  timeZone: read(LS_ZONE) ?? 'Asia/Muscat',
  user: null,
  chosenAtSignIn: false,
};

const userKey = (username: string) => `${LS_LOCALE}.user.${username}`;

export function setLocale(l: Locale, remember = true): void {
  prefs.locale = l;
  if (remember) {
    write(LS_LOCALE, l);
    if (prefs.user) write(userKey(prefs.user), l);
    else prefs.chosenAtSignIn = true;
    prefs.localeChosen = true;
  }
  applyDocument();
}

/**
 * The language of a person as they sign in (or reload): a switch made on the sign-in page wins; else what they
 * chose last time on this browser; else the language the sign-in page was in, when someone chose it on this browser;
 * else their account's language; else the browser's. Remembered per user, so a reload never flips it.
 */
export function localeForUser(username: string | null, accountLocale?: string): void {
  prefs.user = username;
  if (!username) return;
  let l: Locale | null = null;
  const mine = read(userKey(username));
  if (prefs.chosenAtSignIn) l = prefs.locale;
  else if (mine === 'ar' || mine === 'en') l = mine;
  else if (prefs.localeChosen) l = prefs.locale;
  else if (accountLocale === 'ar' || accountLocale === 'en') l = accountLocale;
  prefs.chosenAtSignIn = false;
  if (!l) return;
  prefs.locale = l;
  write(userKey(username), l);
  write(LS_LOCALE, l);
  prefs.localeChosen = true;
  applyDocument();
}

/** The utility's time zone, once the server said it (remembered, so a reload starts right). */
export function setTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return;
  }
  prefs.timeZone = tz;
  write(LS_ZONE, tz);
}

export function setDigits(d: Digits): void {
  prefs.digits = d;
  write(LS_DIGITS, d);
}

export function applyDocument(): void {
  if (typeof document === 'undefined') return;
  const html = document.documentElement;
  html.lang = prefs.locale;
  html.dir = prefs.locale === 'ar' ? 'rtl' : 'ltr';
  document.title = prefs.locale === 'ar' ? 'رصيد · Raseed' : 'Raseed · رصيد';
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  if (!vars) return translate(prefs.locale, key);
  const formatted: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) formatted[k] = typeof v === 'number' ? num(v) : v;
  return translate(prefs.locale, key, formatted);
}

/** A counted phrase: `key_one`, `key_two`, `key_few`, `key_many` by the language's plural rules (Arabic has six), else `key`. */
export function tn(key: Key, count: number, vars: Record<string, string | number> = {}): string {
  const cat = new Intl.PluralRules(prefs.locale).select(count);
  const formatted: Record<string, string> = {};
  for (const [k, v] of Object.entries({ n: count, ...vars })) formatted[k] = typeof v === 'number' ? num(v) : v;
  const specific = `${key}_${cat}`;
  const has = (dictionaries[prefs.locale] as Record<string, string>)[specific] !== undefined;
  return translate(prefs.locale, has ? specific : key, formatted);
}

/** A place or tariff-class name from the server, in Arabic when we know it. */
export function place(name: string | null | undefined): string {
  if (!name) return '—';
  return prefs.locale === 'ar' ? (NAMES_AR[name] ?? name) : name;
}

/** The BCP 47 tag for Intl: Oman's Arabic with the Gregorian calendar and the chosen digits. */
export function intlLocale(): string {
  // Arabic-Indic digits are an option of the Arabic interface; English always uses Latin digits.
  return prefs.locale === 'ar' ? `ar-OM-u-ca-gregory-nu-${prefs.digits}` : 'en-GB-u-nu-latn';
}

const nfCache = new Map<string, Intl.NumberFormat>();
export function numberFormat(o: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = intlLocale() + JSON.stringify(o);
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(), o);
    nfCache.set(key, f);
  }
  return f;
}

export function num(n: number, maxFrac = 0, minFrac = 0): string {
  return numberFormat({ maximumFractionDigits: maxFrac, minimumFractionDigits: minFrac }).format(n);
}

/**
 * A page's own strings ({ en, ar } dictionaries kept beside the page): `s(key, vars)` in the chosen language with
 * {vars} filled in (numbers in the chosen digits), and `sk(prefix, value)` for a key made from a server value
 * (a state, a role), falling back to the raw value.
 */
export function pageStrings<K extends string>(strings: { en: Record<K, string>; ar: Partial<Record<K, string>> }) {
  const s = (key: K, vars: Record<string, string | number> = {}): string => {
    const text: string = (prefs.locale === 'ar' ? strings.ar[key] : undefined) ?? strings.en[key];
    return text.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = vars[k];
      return typeof v === 'number' ? num(v) : String(v ?? '');
    });
  };
  const sk = (prefix: string, value: string): string => {
    const key = `${prefix}${value}` as K;
    return key in strings.en ? s(key) : value;
  };
  return { s, sk };
}
