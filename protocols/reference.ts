// Human references to quote on the phone or a receipt: a prefix, 8 Crockford base-32 characters
// (no I, L, O, U: nothing to confuse) and a check character, grouped for reading: T-7K3M-9QXA-5.
// The check character (mod 37, as in ISO 7064 style schemes) catches any single wrong character and
// any swap of two neighbours.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = ALPHABET + '*~$=U';

export class ReferenceError_ extends Error {
  override name = 'ReferenceError';
}

function checkChar(body: string): string {
  let sum = 0;
  for (const ch of body) sum = (sum * 32 + ALPHABET.indexOf(ch)) % 37;
  return CHECK_ALPHABET[sum]!;
}

/** A new random reference with the given prefix letter(s), e.g. newReference('T'). */
export function newReference(prefix: string, random: Uint8Array = randomBytes(5)): string {
  let bits = 0n;
  for (const b of random.slice(0, 5)) bits = (bits << 8n) | BigInt(b);
  let body = '';
  for (let i = 0; i < 8; i++) body = ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)]! + body;
  return `${prefix}-${body.slice(0, 4)}-${body.slice(4)}-${checkChar(body)}`;
}

/** Normalises what a person typed (case, spaces, O→0, I/L→1) and verifies the check character; null if invalid. */
export function parseReference(input: string): string | null {
  const m = /^\s*([A-Za-z]{1,3})[\s-]*([0-9A-Za-z]{4})[\s-]*([0-9A-Za-z]{4})[\s-]*([0-9A-Za-z*~$=]|U|u)\s*$/.exec(input);
  if (!m) return null;
  const fix = (s: string) => s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = fix(m[2]! + m[3]!);
  if ([...body].some((c) => !ALPHABET.includes(c))) return null;
  const check = m[4]!.toUpperCase();
  if (checkChar(body) !== check) return null;
  return `${m[1]!.toUpperCase()}-${body.slice(0, 4)}-${body.slice(4)}-${check}`;
}
