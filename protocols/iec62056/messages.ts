// IEC 62056-21 (mode C) messages: their typed form and their encoders. Decoding is in parser.ts.
import { ACK, ETX, EOT, NAK, SOH, STX, bcc } from './bcc.ts';
import { encodeDataSet, type DataSet } from './dataset.ts';
import { Iec62056Error } from './errors.ts';

/** Mode C baud-rate characters (identification and option select). */
export const MODE_C_BAUD: Readonly<Record<string, number>> = { 0: 300, 1: 600, 2: 1200, 3: 2400, 4: 4800, 5: 9600, 6: 19200 };
/** Mode B baud-rate characters (identification only). */
export const MODE_B_BAUD: Readonly<Record<string, number>> = { A: 600, B: 1200, C: 2400, D: 4800, E: 9600, F: 19200 };

/** Baud rate of an identification's baud character (mode C digits, mode B letters); undefined if reserved. */
export function baudRateOf(baudChar: string): number | undefined {
  return MODE_C_BAUD[baudChar] ?? MODE_B_BAUD[baudChar];
}

/** Mode C baud character for a rate; throws Iec62056Error('encode') if the rate has none. */
export function baudCharOf(baudRate: number): string {
  for (const [c, r] of Object.entries(MODE_C_BAUD)) if (r === baudRate) return c;
  throw new Iec62056Error('encode', `baud rate ${baudRate} has no mode C baud character (300..19200)`);
}

export type ModeChar = 'readout' | 'programming' | 'binary' | 'other';
const MODE_BY_CHAR: Readonly<Record<string, ModeChar>> = { 0: 'readout', 1: 'programming', 2: 'binary' };
export function modeOf(modeChar: string): ModeChar {
  return MODE_BY_CHAR[modeChar] ?? 'other';
}

/** `/?<address>!\r\n`: the master asks a meter (address empty: any meter on a point-to-point link) to sign on. */
export interface SignOnFrame {
  type: 'signOn';
  address: string;
}

/** `/XXXZ[\W]<identification>\r\n`: the meter's answer to a sign-on. */
export interface IdentificationFrame {
  type: 'identification';
  /** Three-letter manufacturer id (FLAG), e.g. `RSD`. A lower-case third letter means a 20 ms reaction time. */
  manufacturer: string;
  baudChar: string;
  /** Highest baud rate the meter offers; undefined for a reserved character. */
  baudRate: number | undefined;
  /** Enhanced capability character after `\` (e.g. `2` = HDLC mode E capable), if any. */
  escape?: string;
  identification: string;
}

/** `ACK V Z Y \r\n`: the master's option select (protocol, baud rate, mode). */
export interface OptionSelectFrame {
  type: 'optionSelect';
  /** Protocol control character: `0` normal, `1` secondary, `2` HDLC. */
  protocol: string;
  baudChar: string;
  baudRate: number | undefined;
  /** `0` data readout, `1` programming, `2` binary (HDLC), `6`..`9` manufacturer-specific. */
  modeChar: string;
  mode: ModeChar;
}

export interface AckFrame { type: 'ack' }
export interface NakFrame { type: 'nak' }

/** `STX <data> ETX|EOT BCC`: a readout (lines, `!` at the end), a programming-mode answer, or an error message. */
export interface DataFrame {
  type: 'data';
  dataSets: DataSet[];
  /** Ended with the `!` line: the end of a data readout. */
  complete: boolean;
  /** Ended with EOT instead of ETX: a partial block, more follow. */
  partial: boolean;
}

export type CommandChar = 'P' | 'W' | 'R' | 'E' | 'B';
/** `SOH C D [STX <data set>] ETX BCC`: programming-mode commands (P password, W write, R read, E execute, B break). */
export interface CommandFrame {
  type: 'command';
  command: CommandChar;
  /** Command type digit: P0 operand / P1 password, W1/R1 ASCII write/read, B0 complete sign-off, ... */
  commandType: string;
  dataSet?: DataSet;
}

export type Iec62056Frame = SignOnFrame | IdentificationFrame | OptionSelectFrame | AckFrame | NakFrame | DataFrame | CommandFrame;

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const PRINTABLE = /^[\x20-\x7e]*$/;

export function encodeSignOn(address = ''): Uint8Array {
  if (address.length > 32 || !/^[\x21-\x7e]*$/.test(address) || /[/!?]/.test(address)) {
    throw new Iec62056Error('encode', `device address ${JSON.stringify(address)} must be 0..32 printable characters without '/', '!' or '?'`);
  }
  return enc(`/?${address}!\r\n`);
}

export function encodeIdentification(f: Omit<IdentificationFrame, 'type' | 'baudRate'>): Uint8Array {
  if (!/^[A-Za-z]{3}$/.test(f.manufacturer)) throw new Iec62056Error('encode', `manufacturer ${JSON.stringify(f.manufacturer)} must be three letters`);
  if (!/^[0-9A-Z]$/.test(f.baudChar)) throw new Iec62056Error('encode', `baud character ${JSON.stringify(f.baudChar)} must be one digit or capital letter`);
  if (f.escape !== undefined && !/^[\x21-\x7e]$/.test(f.escape)) throw new Iec62056Error('encode', `escape character ${JSON.stringify(f.escape)} must be one printable character`);
  if (f.identification.length > 16 || !PRINTABLE.test(f.identification) || /[/!]/.test(f.identification)) {
    throw new Iec62056Error('encode', `identification ${JSON.stringify(f.identification)} must be 0..16 printable characters without '/' or '!'`);
  }
  return enc(`/${f.manufacturer}${f.baudChar}${f.escape !== undefined ? `\\${f.escape}` : ''}${f.identification}\r\n`);
}

export function encodeOptionSelect(f: { protocol?: string; baudChar: string; modeChar?: string } | { protocol?: string; baudRate: number; mode: 'readout' | 'programming' }): Uint8Array {
  const protocol = f.protocol ?? '0';
  const baudChar = 'baudChar' in f ? f.baudChar : baudCharOf(f.baudRate);
  const modeChar = 'baudChar' in f ? (f.modeChar ?? '0') : f.mode === 'programming' ? '1' : '0';
  for (const [name, c] of [['protocol', protocol], ['baud', baudChar], ['mode', modeChar]] as const) {
    if (!/^[0-9]$/.test(c)) throw new Iec62056Error('encode', `option select ${name} character ${JSON.stringify(c)} must be one digit`);
  }
  return Uint8Array.of(ACK, protocol.charCodeAt(0), baudChar.charCodeAt(0), modeChar.charCodeAt(0), 0x0d, 0x0a);
}

export const encodeAck = (): Uint8Array => Uint8Array.of(ACK);
export const encodeNak = (): Uint8Array => Uint8Array.of(NAK);

function framed(head: number, body: string, end: number): Uint8Array {
  const out = new Uint8Array(body.length + 3);
  out[0] = head;
  out.set(enc(body), 1);
  out[body.length + 1] = end;
  out[body.length + 2] = bcc(out, 1, body.length + 2);
  return out;
}

/** A data block. `complete` (default true): a readout ending with `!`; otherwise the data sets alone (programming answers). */
export function encodeDataBlock(dataSets: DataSet[], opts: { complete?: boolean; partial?: boolean } = {}): Uint8Array {
  const complete = opts.complete ?? true;
  const lines = dataSets.map(encodeDataSet);
  const body = complete ? lines.map((l) => `${l}\r\n`).join('') + '!\r\n' : lines.join('\r\n');
  return framed(STX, body, opts.partial ? EOT : ETX);
}

/** The IEC 62056-21 error message an addressed meter sends for a refused programming command: `STX (<text>) ETX BCC`. */
export function encodeErrorMessage(text: string): Uint8Array {
  return encodeDataBlock([{ address: '', values: [{ value: text }] }], { complete: false });
}

export function encodeCommand(f: Omit<CommandFrame, 'type'>): Uint8Array {
  if (!/^[PWREB]$/.test(f.command)) throw new Iec62056Error('encode', `command ${JSON.stringify(f.command)} must be one of P, W, R, E, B`);
  if (!/^[0-9]$/.test(f.commandType)) throw new Iec62056Error('encode', `command type ${JSON.stringify(f.commandType)} must be one digit`);
  if (f.dataSet === undefined) return framed(SOH, `${f.command}${f.commandType}`, ETX);
  const data = encodeDataSet(f.dataSet);
  const out = framed(SOH, `${f.command}${f.commandType}\x02${data}`, ETX);
  return out;
}

/** P1: password (`SOH P1 STX (<password>) ETX BCC`). */
export const encodePassword = (password: string): Uint8Array => encodeCommand({ command: 'P', commandType: '1', dataSet: { address: '', values: [{ value: password }] } });
/** W1: write one register (`SOH W1 STX <address>(<value>) ETX BCC`). */
export const encodeWrite = (address: string, value: string): Uint8Array => encodeCommand({ command: 'W', commandType: '1', dataSet: { address, values: [{ value }] } });
/** R1: read one register (`SOH R1 STX <address>() ETX BCC`). */
export const encodeRead = (address: string): Uint8Array => encodeCommand({ command: 'R', commandType: '1', dataSet: { address, values: [{ value: '' }] } });
/** B0: break, complete sign-off (`SOH B0 ETX BCC`). */
export const encodeBreak = (): Uint8Array => encodeCommand({ command: 'B', commandType: '0' });

/** Encodes any frame (the inverse of the parser). */
export function encodeFrame(f: Iec62056Frame): Uint8Array {
  switch (f.type) {
    case 'signOn': return encodeSignOn(f.address);
    case 'identification': return encodeIdentification(f);
    case 'optionSelect': return encodeOptionSelect(f);
    case 'ack': return encodeAck();
    case 'nak': return encodeNak();
    case 'data': return encodeDataBlock(f.dataSets, { complete: f.complete, partial: f.partial });
    case 'command': return encodeCommand(f);
  }
}

/** True for a data frame that is an IEC 62056-21 error message (`(ERROR...)` with no address). */
export function isErrorMessage(f: Iec62056Frame): boolean {
  return f.type === 'data' && !f.complete && f.dataSets.length === 1 && f.dataSets[0]!.address === '' && /^ERR/i.test(f.dataSets[0]!.values[0]?.value ?? '');
}
