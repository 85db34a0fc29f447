// Search normalisation for people's names and phone numbers, the same on the way in (stored search columns)
// and on the way out (the query): Arabic spelling variants fold together, Latin is lower-cased, and a phone
// number in any usual Omani form becomes its 8 national digits.

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEFS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ and wavy-hamza forms → ا
const TEH_MARBUTA = /\u0629/g; // ة → ه
const ALEF_MAKSURA = /\u0649/g; // ى → ي
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Zero-width joiners, marks and bidi controls copied along with names from documents and phones.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;

/** Arabic-Indic and Persian digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) - (d.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660))));
}

/**
 * A name (Arabic or Latin) as the search compares it: NFKC (presentation forms to letters), hamza-carrying
 * alefs to bare alef, teh marbuta to heh, alef maksura to yeh, diacritics and tatweel removed, Latin
 * lower-cased, runs of spaces collapsed. Idempotent.
 */
export function normaliseName(s: string): string {
  return asciiDigits(
    s
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      // NFKC may compose alef + hamza above into أ: strip marks, then fold letters.
      .replace(DIACRITICS, '')
      .replace(TATWEEL, '')
      .replace(ALEFS, '\u0627')
      .replace(TEH_MARBUTA, '\u0647')
      .replace(ALEF_MAKSURA, '\u064A')
      .toLowerCase(),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A phone number as its national digits: `+968 9123 4567`, `00968 91234567`, `968-9123-4567` and
 * `91234567` all give `91234567`. Other countries keep their digits with the country code. Null when
 * there are no digits.
 */
export function normalisePhone(s: string): string | null {
  let d = asciiDigits(s.normalize('NFKC')).replace(/\D/g, '');
  if (!d) return null;
  if (d.startsWith('00')) d = d.slice(2);
  if (d.startsWith('968') && d.length === 11) d = d.slice(3);
  return d;
}

/** What a search box query looks like: digits only (phone, civil ID, numeric meter or account numbers) or text. */
export function queryDigits(q: string): string | null {
  const t = asciiDigits(q.normalize('NFKC')).trim();
  return /^[+\d\s().-]+$/.test(t) && /\d/.test(t) ? t.replace(/\D/g, '') : null;
}
