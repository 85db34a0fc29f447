// Meter numbers (IEC 62055-41 6.1.2/6.5.3.1): MeterPAN = IIN + DRN + PAN check digit (18 digits).
//   IIN 600727 + 11-digit DRN (MfrCode(2) + serial(8) + DRN check digit), or
//   IIN 0000   + 13-digit DRN (MfrCode(4) + serial(8) + DRN check digit).
// Both check digits are Luhn: the DRN's over MfrCode+serial, the PAN's over IIN+DRN.
import { MeterNumberError } from './errors.ts';

/** Luhn check digit of a digit string (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new MeterNumberError(`"${digits}" is not a digit string`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(digitsWithCheck: string): boolean {
  return /^\d{2,}$/.test(digitsWithCheck) && luhnCheckDigit(digitsWithCheck.slice(0, -1)) === Number(digitsWithCheck.slice(-1));
}

export const STS_IIN = '600727';

export interface MeterNumber {
  /** Issuer identification number: "600727" (11-digit DRN) or "0000" (13-digit DRN). */
  iin: string;
  /** Decoder reference number incl. its check digit (the printed meter number). */
  drn: string;
  /** Manufacturer code: 2 digits (11-digit DRN) or 4 digits (13-digit DRN). */
  mfrCode: string;
  /** The 18-digit MeterPAN incl. its PAN check digit. */
  pan: string;
}

export interface MeterNumberOptions {
  /**
   * Check the Luhn digits (default true). Only for reproducing third-party material known to carry
   * invalid meter numbers; a vending system must never switch this off.
   */
  validate?: boolean;
}

function checkDrn(drn: string, validate: boolean): void {
  if (!validate) return;
  const want = luhnCheckDigit(drn.slice(0, -1));
  const got = Number(drn.slice(-1));
  if (want !== got) {
    throw new MeterNumberError(`meter number ${drn}: DRN check digit is ${got}, expected ${want} (Luhn over ${drn.slice(0, -1)})`, 'meterNumber');
  }
}

/**
 * Parses a meter number: an 11-digit DRN (IIN 600727), a 13-digit DRN (IIN 0000) or an 18-digit MeterPAN.
 * Spaces and dashes are ignored. Throws MeterNumberError with the exact reason when wrong.
 */
export function parseMeterNumber(input: string, opts: MeterNumberOptions = {}): MeterNumber {
  const validate = opts.validate !== false;
  const s = String(input).replace(/[\s-]/g, '');
  if (!/^\d+$/.test(s)) throw new MeterNumberError(`meter number "${input}" must contain only digits`, 'meterNumber');
  if (s.length === 11 || s.length === 13) {
    const iin = s.length === 11 ? STS_IIN : '0000';
    checkDrn(s, validate);
    const pan = iin + s + String(luhnCheckDigit(iin + s));
    return { iin, drn: s, mfrCode: s.slice(0, s.length === 11 ? 2 : 4), pan };
  }
  if (s.length === 18) {
    const iin = s.startsWith('0000') ? '0000' : s.slice(0, 6);
    if (validate && iin !== '0000' && iin !== STS_IIN) {
      throw new MeterNumberError(`MeterPAN ${s}: IIN ${iin} is neither 600727 (11-digit DRN) nor 0000 (13-digit DRN)`, 'meterPan');
    }
    const drn = s.slice(iin.length, 17);
    if (validate) {
      const want = luhnCheckDigit(s.slice(0, 17));
      const got = Number(s[17]);
      if (want !== got) throw new MeterNumberError(`MeterPAN ${s}: PAN check digit is ${got}, expected ${want} (Luhn over ${s.slice(0, 17)})`, 'meterPan');
    }
    checkDrn(drn, validate);
    return { iin, drn, mfrCode: drn.slice(0, drn.length === 11 ? 2 : 4), pan: s };
  }
  throw new MeterNumberError(`meter number "${input}" has ${s.length} digits; expected an 11- or 13-digit DRN or an 18-digit MeterPAN`, 'meterNumber');
}

/**
 * PANBlock (16 digits, one per nibble): IIN without its first digit, then the DRN;
 * for key type 3 (common key) the DRN digits are zeros.
 */
export function panBlock(iin: string, drn: string, keyType: number): string {
  const head = iin.slice(1);
  const s = keyType === 3 ? head.padEnd(16, '0') : head + drn;
  if (!/^\d{16}$/.test(s)) throw new MeterNumberError(`PANBlock "${s}" is not 16 digits (IIN ${iin}, DRN ${drn})`, 'meterPan');
  return s;
}

/** CONTROLBlock: KT(1) SGC(6) TI(2, decimal digits read as hex) KRN(1) FFFFFF. */
export function controlBlock(keyType: number, sgc: string, ti: number, krn: number): string {
  return `${keyType}${sgc}${String(ti).padStart(2, '0')}${krn.toString(16).toUpperCase()}FFFFFF`;
}
