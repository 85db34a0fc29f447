// Typed errors of the STS engine. Messages never contain key material (vending or decoder keys).

export type StsErrorCode =
  | 'format' // malformed input: not 20 digits, bad hex, bad JSON shape, value >= 2^66
  | 'range' // a value outside what the token field or the standard allows
  | 'meter_number' // meter number / PAN wrong length or wrong Luhn check digit
  | 'key' // key missing, wrong length, unknown key id, key type rule broken
  | 'time' // TID outside the base date's 24-bit window, bad date-time
  | 'unsupported'; // a combination the engine does not implement (e.g. DKGA01, MISTY1 with DKGA02)

export class StsError extends Error {
  override name = 'StsError';
  constructor(readonly code: StsErrorCode, message: string, readonly field?: string) {
    super(message);
  }
  toJSON(): { code: StsErrorCode; message: string; field?: string } {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

export class StsFormatError extends StsError {
  override name = 'StsFormatError';
  constructor(message: string, field?: string) { super('format', message, field); }
}

export class StsRangeError extends StsError {
  override name = 'StsRangeError';
  constructor(message: string, field?: string) { super('range', message, field); }
}

export class MeterNumberError extends StsError {
  override name = 'MeterNumberError';
  constructor(message: string, field?: string) { super('meter_number', message, field); }
}

export class StsKeyError extends StsError {
  override name = 'StsKeyError';
  constructor(message: string, field?: string) { super('key', message, field); }
}

export class StsTimeError extends StsError {
  override name = 'StsTimeError';
  constructor(message: string, field?: string) { super('time', message, field); }
}

export class StsUnsupportedError extends StsError {
  override name = 'StsUnsupportedError';
  constructor(message: string, field?: string) { super('unsupported', message, field); }
}

/** A plain `{code, message}` for any thrown value; for foreign errors only the message is kept. */
export function errorToJson(e: unknown): { code: string; message: string; field?: string } {
  if (e instanceof StsError) return e.toJSON();
  if (e instanceof Error) return { code: 'error', message: e.message };
  return { code: 'error', message: String(e) };
}
