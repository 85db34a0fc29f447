// Maps entries of test/fixtures/sts/vectors.json onto the batch request formats of `raseed sts vend|decode`.
// Pure functions shared by the library tests and the CLI test (the file itself is read by the tests).
import { luhnCheckDigit } from './meter-number.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Vector = { id: string; kind: string; key?: any; new_key?: any; token?: any; inputs?: any; expected: any; check?: boolean };

/** Vectors whose meter number fails the Luhn checks (reproduced with `"validate": false`). */
export function hasInvalidMeterNumber(key: any): boolean {
  if (!key?.meter_pan) return false;
  const pan: string = key.meter_pan;
  const drn: string = key.iain;
  return luhnCheckDigit(pan.slice(0, 17)) !== Number(pan[17]) || luhnCheckDigit(drn.slice(0, -1)) !== Number(drn.slice(-1));
}

export function keyOf(key: any, opts: { validate?: boolean } = {}): Record<string, unknown> {
  if (key.dkga) {
    const k: Record<string, unknown> = {
      vendingKey: key.vending_key_hex, dkga: key.dkga, ea: key.ea, meterPan: key.meter_pan, keyType: key.key_type,
      sgc: key.sgc, ti: Number(key.ti), krn: key.krn, baseDate: key.base_date,
    };
    if (opts.validate === false || (opts.validate === undefined && hasInvalidMeterNumber(key))) k.validate = false;
    return k;
  }
  return { decoderKey: key.decoder_key_hex, ea: key.ea };
}

function time(t: any): Record<string, unknown> {
  return t.tid !== undefined ? { tid: t.tid } : { issuedAt: t.issued_at_local };
}

/** Kinds that go through `sts vend --batch`. */
export const VEND_KINDS = ['credit', 'currency', 'clear_credit', 'mpl', 'mppul', 'clear_tamper', 'class1', 'kct'];

/** The vend batch line for a vector, and which token of the result to compare. */
export function vendLine(v: Vector): { line: Record<string, unknown>; index: number } {
  const t = v.token;
  const line: Record<string, unknown> = { id: v.id };
  if (v.key && v.key.ea) line.key = keyOf(v.key);
  if (t.tid_base_date !== undefined) line.baseDate = t.tid_base_date;
  switch (v.kind) {
    case 'credit':
      line.token = { type: 'credit', subclass: t.subclass, units: t.amount_units, rnd: t.rnd, ...time(t) };
      break;
    case 'currency':
      line.token = { type: 'currency', subclass: t.subclass, amount: t.amount_currency, ...time(t) };
      break;
    case 'clear_credit':
      line.token = { type: 'clearCredit', register: t.register, rnd: t.rnd, ...time(t) };
      break;
    case 'mpl':
      line.token = { type: 'maxPowerLimit', watts: t.mpl_watts, rnd: t.rnd, ...time(t) };
      break;
    case 'mppul':
      line.token = { type: 'maxPhasePowerUnbalanceLimit', watts: t.mppul_watts, rnd: t.rnd, ...time(t) };
      break;
    case 'clear_tamper':
      line.token = { type: 'clearTamper', rnd: t.rnd, ...time(t) };
      break;
    case 'class1':
      line.token = { type: 'meterTest', subclass: t.subclass, mfrCode: t.mfr_code, control: t.control };
      break;
    case 'kct': {
      // A vector gives one section; the KEN half it does not carry is set to F.
      const ken = ((t.kenho ?? 15) << 4) | (t.kenlo ?? 15);
      line.token = { type: 'keyChange', newKey: keyOf(v.new_key), ken, rollover: t.ro === 1 };
      return { line, index: t.section - 1 };
    }
    default:
      throw new Error(`not a vend vector: ${v.kind}`);
  }
  return { line, index: 0 };
}

/** The decode batch line for a `decode` vector, and the expected fields in the decode output's terms. */
export function decodeLine(v: Vector): { line: Record<string, unknown>; expect: Record<string, unknown> } {
  const d = v.expected.decoded;
  const e: Record<string, unknown> = { class: d.class, subclass: d.subclass };
  if (d.tid !== undefined) e.tid = d.tid;
  if (d.rnd !== undefined) e.rnd = d.rnd;
  if (d.amount_tenths !== undefined) e.tenths = d.amount_tenths;
  if (d.mfr_code !== undefined) e.mfrCode = d.mfr_code;
  if (d.control !== undefined) e.control = String(d.control);
  if (d.nk32_hex !== undefined) e.keyBits = d.nk32_hex;
  if (d.field16 !== undefined) {
    if (d.subclass === 2) e.value = d.field16;
    else e.amountField = d.field16;
  }
  if (d.bits32_43 !== undefined) {
    const b = d.bits32_43;
    if (d.subclass === 3) Object.assign(e, { kenho: b >> 8, krn: (b >> 4) & 15, ro: (b >> 3) & 1, reserved: (b >> 2) & 1, kt: b & 3 });
    else if (d.subclass === 4) Object.assign(e, { kenlo: b >> 8, ti: b & 255 });
  }
  return { line: { id: v.id, key: keyOf(v.key), token: v.expected.token }, expect: e };
}
