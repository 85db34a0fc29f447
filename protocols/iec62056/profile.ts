// The Raseed prepaid register profile: which IEC 62056-21 data sets carry a TelemetryReading and the prepaid functions.
//
// IEC 62056-21 and OBIS standardise energy, power, voltage, current and the clock. Prepaid functions (credit, token
// entry, relay) have no standard reduced-id code: every vendor puts them in its own manufacturer-specific registers
// (OBIS 0-0:96.50..96.99 = `C.50`..`C.99` in reduced form). The registers below are the *Raseed profile*: what the
// Raseed simulator implements and what the gateway expects. A real meter needs its vendor's codes mapped here.
//
// | reduced id | meaning                                    | unit / format                     | access |
// |------------|--------------------------------------------|-----------------------------------|--------|
// | 0.0.0      | device address (checked against config)   | text                              | R      |
// | C.1.0      | meter serial number                        | text                              | R      |
// | 0.9.1      | meter time, UTC                            | hhmmss[.fff] or hh:mm:ss[.fff]    | R, W1  |
// | 0.9.2      | meter date, UTC                            | YYMMDD or YY-MM-DD                | R, W1  |
// | 1.8.0      | active energy import, total → `register`  | kWh (also Wh, MWh), ≤ 3 decimals  | R      |
// | 16.7.0     | total active power → `powerW` (or 1.7.0)   | kW or W                           | R      |
// | 32.7.0     | voltage L1 → `voltageV`                   | V                                 | R      |
// | 31.7.0     | current L1 → `currentA`                   | A                                 | R      |
// | C.50.0     | remaining credit → `credit` (may be < 0)  | kWh (also Wh)                     | R      |
// | C.50.1     | low-credit alarm → `lowCredit`            | 0 / 1                             | R      |
// | C.50.2     | emergency credit in use → `emergencyCredit`| 0 / 1                            | R      |
// | C.50.3     | tamper → `tamper`                          | 0 / 1                             | R      |
// | C.51.0     | token entry (write the 20 STS digits)      | 20 digits                         | W1     |
// | C.51.1     | result of the last token                   | (TokenResult)(credited*kWh)       | R1     |
// | C.52.0     | relay: 0 open/disconnected, 1 closed, 2 armed; write 0 = disconnect, 1 = reconnect | digit | R, W1 |
// | C.53.0     | reading sequence number → `seq`            | decimal integer                   | R      |
//
// Energy values are converted to integer Wh with decimal string arithmetic (never floats); digits finer than 1 Wh are
// truncated. Power in kW/MW is scaled to W by moving the decimal point in the string (1.007 kW is exactly 1007 W,
// never the float product 1006.9999999999999). Without C.53.0 the sequence falls back to the clock in whole seconds (a meter polled at most once a
// second still yields unique, increasing numbers).
import { RelayState, TelemetryReading, TokenResult } from '../telemetry.ts';
import { formatScaled, scaleDecimal, type DataSet } from './dataset.ts';
import { Iec62056Error } from './errors.ts';

export const OBIS = {
  deviceAddress: '0.0.0',
  serialNumber: 'C.1.0',
  time: '0.9.1',
  date: '0.9.2',
  energyImport: '1.8.0',
  power: '16.7.0',
  powerAlt: '1.7.0',
  voltage: '32.7.0',
  current: '31.7.0',
  credit: 'C.50.0',
  lowCredit: 'C.50.1',
  emergencyCredit: 'C.50.2',
  tamper: 'C.50.3',
  tokenEntry: 'C.51.0',
  tokenResult: 'C.51.1',
  relay: 'C.52.0',
  sequence: 'C.53.0',
} as const;

const RELAY_BY_DIGIT: Readonly<Record<string, RelayState>> = { 0: 'open', 1: 'closed', 2: 'armed' };
export const RELAY_DIGIT: Readonly<Record<RelayState, string>> = { open: '0', closed: '1', armed: '2' };

export function relayStateOf(value: string): RelayState {
  const s = RELAY_BY_DIGIT[value.trim()];
  if (!s) throw new Iec62056Error('profile', `relay value ${JSON.stringify(value)} is not 0, 1 or 2`);
  return s;
}

const ENERGY_SHIFT: Readonly<Record<string, number>> = { wh: 0, kwh: 3, mwh: 6 };

/** An energy value (`001234.567*kWh`) in integer Wh, exactly. A missing unit is taken as kWh. */
export function energyToWh(v: { value: string; unit?: string }, address = ''): bigint {
  const unit = (v.unit ?? 'kWh').toLowerCase();
  const shift = ENERGY_SHIFT[unit];
  if (shift === undefined) throw new Iec62056Error('profile', `${address} unit ${JSON.stringify(v.unit)} is not an energy unit (Wh, kWh, MWh)`);
  return scaleDecimal(v.value, shift);
}

/** Integer Wh as the profile's energy value: kWh with 3 decimals, integer part padded to 6 digits. */
export function whToEnergy(wh: number | bigint): { value: string; unit: string } {
  return { value: formatScaled(BigInt(wh), 3, 6), unit: 'kWh' };
}

function num(v: { value: string; unit?: string }, address: string): number {
  const t = v.value.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) throw new Iec62056Error('profile', `${address} value ${JSON.stringify(v.value)} is not a number`);
  return Number(t.replace(',', '.'));
}

const POWER_SHIFT: Readonly<Record<string, number>> = { w: 0, kw: 3, mw: 6 };

/**
 * A register value times 10^shift, exactly: the decimal point is moved in the string, then the exact decimal result
 * is read as a number once (so an integer result is exact, and any other the nearest double): `1.007` kW → 1007 W.
 */
export function decimalShift(v: { value: string }, shift: number, address = ''): number {
  num(v, address); // validates the format
  const [, sign = '', int = '', frac = ''] = /^([+-]?)(\d*)[.,]?(\d*)$/.exec(v.value.trim())!;
  const f = frac.padEnd(shift, '0');
  return Number(`${sign}${int}${f.slice(0, shift)}.${f.slice(shift)}0`);
}

/** Meter clock (0.9.2 date + 0.9.1 time, UTC) as epoch ms. */
export function clockToEpochMs(date: string, time: string): number {
  const d = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):?(\d{2}):?(\d{2})(?:\.(\d{1,3}))?$/.exec(time.trim());
  if (!d) throw new Iec62056Error('profile', `date ${JSON.stringify(date)} is not YYMMDD`);
  if (!t) throw new Iec62056Error('profile', `time ${JSON.stringify(time)} is not hhmmss[.fff]`);
  const [y, mo, da] = [2000 + Number(d[1]), Number(d[2]), Number(d[3])];
  const [h, mi, s] = [Number(t[1]), Number(t[2]), Number(t[3])];
  const ms = t[4] === undefined ? 0 : Number(t[4].padEnd(3, '0'));
  const epoch = Date.UTC(y, mo - 1, da, h, mi, s, ms);
  const back = new Date(epoch);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || back.getUTCDate() !== da) {
    throw new Iec62056Error('profile', `clock ${date} ${time} is not a valid date and time`);
  }
  return epoch;
}

/** Epoch ms as the profile's 0.9.2 / 0.9.1 values (UTC; milliseconds kept when not zero). */
export function epochMsToClock(epochMs: number): { date: string; time: string } {
  const d = new Date(epochMs);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ms = d.getUTCMilliseconds();
  return {
    date: `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${ms ? `.${p(ms, 3)}` : ''}`,
  };
}

/** Looks up the first data set with an address. */
export function findDataSet(dataSets: DataSet[], address: string): DataSet | undefined {
  return dataSets.find((d) => d.address === address);
}

function first(dataSets: DataSet[], address: string): { value: string; unit?: string } | undefined {
  return findDataSet(dataSets, address)?.values[0];
}

function flag(dataSets: DataSet[], address: string): boolean | undefined {
  const v = first(dataSets, address);
  if (!v) return undefined;
  const t = v.value.trim();
  if (t !== '0' && t !== '1') throw new Iec62056Error('profile', `${address} value ${JSON.stringify(v.value)} is not 0 or 1`);
  return t === '1';
}

/**
 * Maps a data readout to a TelemetryReading (Raseed profile). Required: 1.8.0, 0.9.1, 0.9.2, C.50.0, C.52.0.
 * Throws Iec62056Error('profile') for a missing or unreadable register, or if the result breaks the wire schema.
 */
export function readingFromDataSets(dataSets: DataSet[]): TelemetryReading {
  const need = (address: string): { value: string; unit?: string } => {
    const v = first(dataSets, address);
    if (!v) throw new Iec62056Error('profile', `readout lacks register ${address}`);
    return v;
  };
  const registerWh = energyToWh(need(OBIS.energyImport), OBIS.energyImport);
  if (registerWh < 0n || registerWh > BigInt(Number.MAX_SAFE_INTEGER)) throw new Iec62056Error('profile', `${OBIS.energyImport} out of range`);
  const creditWh = energyToWh(need(OBIS.credit), OBIS.credit);
  if (creditWh > BigInt(Number.MAX_SAFE_INTEGER) || creditWh < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Iec62056Error('profile', `${OBIS.credit} out of range`);
  const ts = clockToEpochMs(need(OBIS.date).value, need(OBIS.time).value);
  const seqV = first(dataSets, OBIS.sequence);
  let seq: number;
  if (seqV) {
    if (!/^\d{1,15}$/.test(seqV.value.trim())) throw new Iec62056Error('profile', `${OBIS.sequence} value ${JSON.stringify(seqV.value)} is not a sequence number`);
    seq = Number(seqV.value.trim());
  } else {
    seq = Math.floor(ts / 1000);
  }
  const reading: Record<string, unknown> = {
    v: 1,
    seq,
    ts,
    register: Number(registerWh),
    credit: Number(creditWh),
    relay: relayStateOf(need(OBIS.relay).value),
  };
  const power = first(dataSets, OBIS.power) ?? first(dataSets, OBIS.powerAlt);
  if (power) {
    const shift = POWER_SHIFT[(power.unit ?? 'kW').toLowerCase()];
    if (shift === undefined) throw new Iec62056Error('profile', `power unit ${JSON.stringify(power.unit)} is not W, kW or MW`);
    reading.powerW = Math.abs(decimalShift(power, shift, OBIS.power));
  }
  const voltage = first(dataSets, OBIS.voltage);
  if (voltage) reading.voltageV = Math.abs(num(voltage, OBIS.voltage));
  const current = first(dataSets, OBIS.current);
  if (current) reading.currentA = Math.abs(num(current, OBIS.current));
  const low = flag(dataSets, OBIS.lowCredit);
  if (low !== undefined) reading.lowCredit = low;
  const emergency = flag(dataSets, OBIS.emergencyCredit);
  if (emergency !== undefined) reading.emergencyCredit = emergency;
  const tamper = flag(dataSets, OBIS.tamper);
  if (tamper !== undefined) reading.tamper = tamper;
  const r = TelemetryReading.safeParse(reading);
  if (!r.success) throw new Iec62056Error('profile', `readout does not make a valid reading: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The data readout a Raseed-profile meter sends for a reading (the simulator's side). */
export function dataSetsFromReading(r: TelemetryReading, opts: { address?: string; serialNumber?: string } = {}): DataSet[] {
  const clock = epochMsToClock(r.ts);
  const out: DataSet[] = [];
  const one = (address: string, value: string, unit?: string): void => {
    out.push({ address, values: [unit === undefined ? { value } : { value, unit }] });
  };
  if (opts.address !== undefined) one(OBIS.deviceAddress, opts.address);
  if (opts.serialNumber !== undefined) one(OBIS.serialNumber, opts.serialNumber);
  one(OBIS.sequence, String(r.seq));
  one(OBIS.date, clock.date);
  one(OBIS.time, clock.time);
  out.push({ address: OBIS.energyImport, values: [whToEnergy(r.register)] });
  out.push({ address: OBIS.credit, values: [whToEnergy(r.credit)] });
  one(OBIS.relay, RELAY_DIGIT[r.relay]);
  if (r.powerW !== undefined) one(OBIS.power, String(r.powerW), 'W');
  if (r.voltageV !== undefined) one(OBIS.voltage, String(r.voltageV), 'V');
  if (r.currentA !== undefined) one(OBIS.current, String(r.currentA), 'A');
  if (r.lowCredit !== undefined) one(OBIS.lowCredit, r.lowCredit ? '1' : '0');
  if (r.emergencyCredit !== undefined) one(OBIS.emergencyCredit, r.emergencyCredit ? '1' : '0');
  if (r.tamper !== undefined) one(OBIS.tamper, r.tamper ? '1' : '0');
  return out;
}

/** Result of the last token (C.51.1): `(accept)(000012.345*kWh)`. */
export interface TokenEntryResult {
  result: TokenResult;
  /** Credit added, Wh. */
  creditedWh?: number;
}

export function encodeTokenResult(r: TokenEntryResult): DataSet {
  const values: DataSet['values'] = [{ value: r.result }];
  if (r.creditedWh !== undefined) values.push(whToEnergy(r.creditedWh));
  return { address: OBIS.tokenResult, values };
}

export function parseTokenResult(ds: DataSet): TokenEntryResult {
  const res = TokenResult.safeParse(ds.values[0]?.value.trim());
  if (!res.success) throw new Iec62056Error('profile', `${OBIS.tokenResult} value ${JSON.stringify(ds.values[0]?.value)} is not a token result`);
  const out: TokenEntryResult = { result: res.data };
  const credited = ds.values[1];
  if (credited && credited.value !== '') {
    const wh = energyToWh(credited, OBIS.tokenResult);
    if (wh < 0n || wh > BigInt(Number.MAX_SAFE_INTEGER)) throw new Iec62056Error('profile', `${OBIS.tokenResult} credited amount out of range`);
    out.creditedWh = Number(wh);
  }
  return out;
}
