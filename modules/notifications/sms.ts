// SMS length rules (3GPP TS 23.038 / 23.040): a text that fits the GSM 7-bit default alphabet (with its
// extension table, whose characters cost two septets) goes as GSM-7, 160 septets in one message or 153 per
// part when concatenated (the 6-byte UDH takes 7 septets); anything else (Arabic) goes as UCS-2, 70 UTF-16
// code units in one message or 67 per part. A part never splits an escape pair or a surrogate pair.
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set([...GSM7_BASIC].filter((c) => c !== '\u001b'));
const EXT = new Set([...GSM7_EXTENSION]);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLayout {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  parts: number;
  /** Units per part for this text: 160/153 or 70/67. */
  perPart: number;
}

export function isGsm7(text: string): boolean {
  for (const c of text) if (!BASIC.has(c) && !EXT.has(c)) return false;
  return true;
}

/** Splits a text into the parts it is sent as (each part's text). */
export function smsParts(text: string): { encoding: SmsEncoding; parts: string[] } {
  const gsm = isGsm7(text);
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const cost = (c: string) => (gsm ? (EXT.has(c) ? 2 : 1) : c.length);
  const chars = [...text];
  const total = chars.reduce((n, c) => n + cost(c), 0);
  if (total <= single) return { encoding: gsm ? 'gsm7' : 'ucs2', parts: [text] };
  const parts: string[] = [];
  let cur = '';
  let used = 0;
  for (const c of chars) {
    const k = cost(c);
    if (used + k > multi) {
      parts.push(cur);
      cur = '';
      used = 0;
    }
    cur += c;
    used += k;
  }
  if (cur) parts.push(cur);
  return { encoding: gsm ? 'gsm7' : 'ucs2', parts };
}

export function smsLayout(text: string): SmsLayout {
  const gsm = isGsm7(text);
  const units = gsm ? [...text].reduce((n, c) => n + (EXT.has(c) ? 2 : 1), 0) : text.length;
  const { parts } = smsParts(text);
  return { encoding: gsm ? 'gsm7' : 'ucs2', units, parts: parts.length, perPart: parts.length > 1 ? (gsm ? 153 : 67) : gsm ? 160 : 70 };
}
