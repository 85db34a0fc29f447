// The utility's calendar: business days and tariff months are counted on the wall clock of TIME_ZONE.

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(timeZone: string): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    cache.set(timeZone, f);
  }
  return f;
}

/** The calendar day of an instant in a time zone, "YYYY-MM-DD". */
export function dayOf(ms: number, timeZone: string): string {
  const parts = fmt(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The tariff month of an instant in a time zone, "YYYY-MM". */
export function monthOf(ms: number, timeZone: string): string {
  return dayOf(ms, timeZone).slice(0, 7);
}

/** Throws a RangeError for a time zone Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  fmt(timeZone);
}
