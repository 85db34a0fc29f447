// Data sets: the `address(value*unit)(value)...` items of IEC 62056-21 data lines, and exact decimal arithmetic
// on their values (never through floating point).
import { Iec62056Error } from './errors.ts';

export interface DataValue {
  value: string;
  unit?: string;
}

/** One data set: an address (OBIS reduced id such as `1.8.0` or `C.51.0`; may be empty) and one or more values. */
export interface DataSet {
  address: string;
  values: DataValue[];
}

const MAX_ADDRESS = 16;
const MAX_VALUE = 128;
const MAX_UNIT = 16;

const isAddressChar = (c: number): boolean => c > 0x20 && c < 0x7f && c !== 0x28 && c !== 0x29 && c !== 0x2f && c !== 0x21;
const isValueChar = (c: number): boolean => c >= 0x20 && c < 0x7f && c !== 0x28 && c !== 0x29 && c !== 0x2a && c !== 0x2f && c !== 0x21;
const isUnitChar = (c: number): boolean => c > 0x20 && c < 0x7f && c !== 0x28 && c !== 0x29 && c !== 0x2a && c !== 0x2f && c !== 0x21;

function show(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Parses one data line (without CR LF) into its data sets. An empty line has none. Throws Iec62056Error('malformed'). */
export function parseDataLine(line: string): DataSet[] {
  const out: DataSet[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const start = i;
    while (i < n && line.charCodeAt(i) !== 0x28) {
      if (!isAddressChar(line.charCodeAt(i))) {
        throw new Iec62056Error('malformed', `malformed data line ${show(line)}: character 0x${line.charCodeAt(i).toString(16).padStart(2, '0')} not allowed in an address at column ${i}`);
      }
      i++;
    }
    const address = line.slice(start, i);
    if (address.length > MAX_ADDRESS) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: address longer than ${MAX_ADDRESS} characters`);
    if (i >= n) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: address ${show(address)} has no value in parentheses`);
    const values: DataValue[] = [];
    while (i < n && line.charCodeAt(i) === 0x28) {
      i++;
      const close = line.indexOf(')', i);
      if (close < 0) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: unclosed '(' at column ${i - 1}`);
      const body = line.slice(i, close);
      const star = body.indexOf('*');
      const value = star < 0 ? body : body.slice(0, star);
      const unit = star < 0 ? undefined : body.slice(star + 1);
      for (let k = 0; k < value.length; k++) {
        if (!isValueChar(value.charCodeAt(k))) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: character 0x${value.charCodeAt(k).toString(16).padStart(2, '0')} not allowed in a value at column ${i + k}`);
      }
      if (value.length > MAX_VALUE) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: value longer than ${MAX_VALUE} characters`);
      if (unit !== undefined) {
        if (unit.length === 0 || unit.length > MAX_UNIT) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: unit must have 1..${MAX_UNIT} characters`);
        for (let k = 0; k < unit.length; k++) {
          if (!isUnitChar(unit.charCodeAt(k))) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: character 0x${unit.charCodeAt(k).toString(16).padStart(2, '0')} not allowed in a unit`);
        }
      }
      values.push(unit === undefined ? { value } : { value, unit });
      i = close + 1;
    }
    if (i < n && line.charCodeAt(i) === 0x29) throw new Iec62056Error('malformed', `malformed data line ${show(line)}: unexpected ')' at column ${i}`);
    out.push({ address, values });
  }
  return out;
}

/** Encodes one data set; throws Iec62056Error('encode') for characters the syntax cannot carry. */
export function encodeDataSet(ds: DataSet): string {
  if (ds.address.length > MAX_ADDRESS) throw new Iec62056Error('encode', `address ${show(ds.address)} longer than ${MAX_ADDRESS} characters`);
  for (let k = 0; k < ds.address.length; k++) {
    if (!isAddressChar(ds.address.charCodeAt(k))) throw new Iec62056Error('encode', `address ${show(ds.address)} contains a character the protocol cannot carry`);
  }
  if (ds.values.length === 0) throw new Iec62056Error('encode', `data set ${show(ds.address)} has no value`);
  let s = ds.address;
  for (const v of ds.values) {
    if (v.value.length > MAX_VALUE) throw new Iec62056Error('encode', `value of ${show(ds.address)} longer than ${MAX_VALUE} characters`);
    for (let k = 0; k < v.value.length; k++) {
      if (!isValueChar(v.value.charCodeAt(k))) throw new Iec62056Error('encode', `value ${show(v.value)} contains a character the protocol cannot carry`);
    }
    if (v.unit !== undefined) {
      if (v.unit.length === 0 || v.unit.length > MAX_UNIT) throw new Iec62056Error('encode', `unit ${show(v.unit)} must have 1..${MAX_UNIT} characters`);
      for (let k = 0; k < v.unit.length; k++) {
        if (!isUnitChar(v.unit.charCodeAt(k))) throw new Iec62056Error('encode', `unit ${show(v.unit)} contains a character the protocol cannot carry`);
      }
      s += `(${v.value}*${v.unit})`;
    } else {
      s += `(${v.value})`;
    }
  }
  return s;
}

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/**
 * Exact value of a decimal string times 10^shift, truncated toward zero, as a bigint.
 * `scaleDecimal('001234.567', 3) === 1234567n`. Throws Iec62056Error('malformed') if not a decimal number.
 */
export function scaleDecimal(value: string, shift: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Iec62056Error('malformed', `value ${show(value)} is not a decimal number`);
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let digits = intPart + frac;
  let exp = shift - frac.length; // value = digits * 10^exp
  if (exp >= 0) digits += '0'.repeat(exp);
  else {
    digits = digits.slice(0, Math.max(0, digits.length + exp));
    exp = 0;
  }
  const n = digits === '' ? 0n : BigInt(digits);
  return n === 0n ? 0n : sign * n;
}

/**
 * Formats an integer `n` (in units of 10^-shift) as a fixed-point decimal with `shift` fraction digits and the
 * integer part zero-padded to `intWidth`: `formatScaled(1234567n, 3, 6) === '001234.567'`.
 */
export function formatScaled(n: bigint, shift: number, intWidth = 1): string {
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(shift + 1, '0');
  const intPart = abs.slice(0, abs.length - shift).padStart(intWidth, '0');
  const frac = shift > 0 ? `.${abs.slice(abs.length - shift)}` : '';
  return `${neg ? '-' : ''}${intPart}${frac}`;
}
