// Incremental IEC 62056-21 frame parsing over a byte stream (like the @serialport/parser-* parsers).
// Bytes go in, in chunks of any size; typed frames and typed errors come out. Garbage is skipped with one error per
// run and the parser resynchronises at the next start character ('/', ACK, NAK, STX, SOH). It never throws.
import { Transform, type TransformCallback } from 'node:stream';
import { ACK, CR, EOT, ETX, LF, NAK, SOH, STX, bcc } from './bcc.ts';
import { parseDataLine, type DataSet } from './dataset.ts';
import { Iec62056Error } from './errors.ts';
import { baudRateOf, modeOf, type CommandChar, type Iec62056Frame } from './messages.ts';

/** What the parser emits: a frame, or an error describing bytes it had to drop. */
export type Iec62056Event = Iec62056Frame | { type: 'error'; error: Iec62056Error };

export interface Iec62056ParserOptions {
  /**
   * Who reads the bytes. `master` (gateway side): an ACK is always a lone acknowledgement. `meter`: an ACK followed by
   * digits is an option select, so a lone ACK waits for the next byte. `any` (default) behaves as `meter`.
   */
  role?: 'master' | 'meter' | 'any';
  /** Longest STX/SOH frame accepted, bytes (default 8192). Longer: an 'oversize' error and a resync. */
  maxFrameBytes?: number;
}

const SLASH = 0x2f;
const MAX_LINE = 64; // sign-on (≤ 37) and identification (≤ 26) messages
const isStart = (b: number): boolean => b === SLASH || b === ACK || b === NAK || b === STX || b === SOH;
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** The parser's state machine without the stream: `push(bytes)` returns what became complete. */
export class Iec62056Decoder {
  private buf: Buffer = Buffer.alloc(0);
  private scanned = 1; // frame-end scan position for the frame starting at buf[0]
  private readonly role: 'master' | 'meter' | 'any';
  private readonly maxFrameBytes: number;

  constructor(opts: Iec62056ParserOptions = {}) {
    this.role = opts.role ?? 'any';
    this.maxFrameBytes = Math.max(16, opts.maxFrameBytes ?? 8192);
  }

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** Drops any partial frame (e.g. between two transactions); returns how many bytes were dropped. */
  reset(): number {
    const n = this.buf.length;
    this.buf = Buffer.alloc(0);
    this.scanned = 1;
    return n;
  }

  push(chunk: Uint8Array): Iec62056Event[] {
    const out: Iec62056Event[] = [];
    try {
      this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
      this.drain(out, false);
    } catch (e) {
      // Defensive: nothing above should throw; if it does, report it as a codec error and drop the buffer.
      out.push({ type: 'error', error: e instanceof Iec62056Error ? e : new Iec62056Error('malformed', `parser fault: ${String(e)}`) });
      this.reset();
    }
    return out;
  }

  /** End of stream: a pending lone ACK is emitted, any partial frame is reported as truncated. */
  end(): Iec62056Event[] {
    const out: Iec62056Event[] = [];
    try {
      this.drain(out, true);
    } catch (e) {
      out.push({ type: 'error', error: e instanceof Iec62056Error ? e : new Iec62056Error('malformed', `parser fault: ${String(e)}`) });
    }
    if (this.buf.length > 0) out.push(err('truncated', `stream ended inside a frame (${this.buf.length} bytes dropped)`));
    this.reset();
    return out;
  }

  private consume(n: number): void {
    this.buf = this.buf.subarray(n);
    this.scanned = 1;
  }

  /** Index of the next start character at or after `from`, or the buffer length. */
  private nextStart(from: number): number {
    for (let i = from; i < this.buf.length; i++) if (isStart(this.buf[i]!)) return i;
    return this.buf.length;
  }

  private drain(out: Iec62056Event[], ending: boolean): void {
    for (;;) {
      const buf = this.buf;
      if (buf.length === 0) return;
      const b = buf[0]!;
      if (b === CR || b === LF) { // stray line ends between frames (some meters add them): skipped quietly
        let n = 1;
        while (n < buf.length && (buf[n] === CR || buf[n] === LF)) n++;
        this.consume(n);
        continue;
      }
      if (b === NAK) { out.push({ type: 'nak' }); this.consume(1); continue; }
      if (b === ACK) {
        if (this.role === 'master') { out.push({ type: 'ack' }); this.consume(1); continue; }
        if (buf.length < 2) { if (ending) { out.push({ type: 'ack' }); this.consume(1); continue; } return; }
        if (!isDigit(buf[1]!)) { out.push({ type: 'ack' }); this.consume(1); continue; }
        if (buf.length < 6) {
          for (let i = 2; i < buf.length; i++) {
            const ok = i < 4 ? isDigit(buf[i]!) : buf[i] === (i === 4 ? CR : LF);
            if (!ok) { this.malformedOptionSelect(out); break; }
          }
          if (this.buf !== buf) continue;
          if (ending) { this.malformedOptionSelect(out); continue; }
          return;
        }
        if (isDigit(buf[2]!) && isDigit(buf[3]!) && buf[4] === CR && buf[5] === LF) {
          const baudChar = String.fromCharCode(buf[2]!);
          const modeChar = String.fromCharCode(buf[3]!);
          out.push({ type: 'optionSelect', protocol: String.fromCharCode(buf[1]!), baudChar, baudRate: baudRateOf(baudChar), modeChar, mode: modeOf(modeChar) });
          this.consume(6);
        } else {
          this.malformedOptionSelect(out);
        }
        continue;
      }
      if (b === SLASH) {
        let end = -1;
        let cut = -1;
        for (let i = 1; i < buf.length && i <= MAX_LINE; i++) {
          const c = buf[i]!;
          if (c === LF) { end = i; break; }
          if (isStart(c)) { cut = i; break; }
        }
        if (cut > 0) {
          out.push(err('truncated', `truncated message: a start character ${hex(buf[cut]!)} arrived after ${cut} bytes of a '/' message`));
          this.consume(cut);
          continue;
        }
        if (end < 0) {
          if (buf.length > MAX_LINE) {
            out.push(err('oversize', `oversize frame: '/' message without line end within ${MAX_LINE} bytes`));
            this.consume(this.nextStart(1));
            continue;
          }
          if (ending) return;
          return;
        }
        const line = buf.toString('latin1', 0, end + 1);
        this.consume(end + 1);
        out.push(parseSlashLine(line));
        continue;
      }
      if (b === STX || b === SOH) {
        let end = -1;
        let cut = -1;
        let i = this.scanned;
        for (; i < buf.length; i++) {
          const c = buf[i]!;
          if (c === ETX || c === EOT) { end = i; break; }
          if (isStart(c) && !(b === SOH && c === STX && i === 3)) { cut = i; break; }
          if (i >= this.maxFrameBytes) break;
        }
        this.scanned = Math.max(1, i);
        if (cut > 0) {
          out.push(err('truncated', `truncated frame: a start character ${hex(buf[cut]!)} arrived after ${cut} bytes of a frame begun by ${b === STX ? 'STX' : 'SOH'}`));
          this.consume(cut);
          continue;
        }
        if (end < 0) {
          if (buf.length > this.maxFrameBytes) {
            out.push(err('oversize', `oversize frame: no ETX within ${this.maxFrameBytes} bytes of ${b === STX ? 'STX' : 'SOH'}`));
            this.consume(this.nextStart(1));
            continue;
          }
          return;
        }
        if (end + 1 >= buf.length) return; // the BCC has not arrived yet
        const expected = bcc(buf, 1, end + 1);
        const got = buf[end + 1]!;
        const body = buf.toString('latin1', 1, end);
        const eot = buf[end] === EOT;
        this.consume(end + 2);
        if (expected !== got) {
          out.push(err('bcc', `bad BCC: ${b === STX ? 'data block' : 'command'} of ${end + 2} bytes has BCC ${hex(got)}, computed ${hex(expected)}`));
          continue;
        }
        out.push(b === STX ? parseDataBody(body, eot) : parseCommandBody(body, eot));
        continue;
      }
      const n = this.nextStart(1);
      let printable = 0;
      for (let k = 0; k < n; k++) if (buf[k] !== CR && buf[k] !== LF) printable++;
      if (printable > 0) out.push(err('garbage', `skipped ${n} bytes outside any frame (first ${hex(b)})`));
      this.consume(n);
    }
  }

  private malformedOptionSelect(out: Iec62056Event[]): void {
    out.push(err('malformed', `malformed option select: expected ACK V Z Y CR LF, got ${[...this.buf.subarray(0, 6)].map(hex).join(' ')}`));
    this.consume(1);
  }
}

function err(code: Iec62056Error['code'], message: string): Iec62056Event {
  return { type: 'error', error: new Iec62056Error(code, message) };
}

function parseSlashLine(line: string): Iec62056Event {
  if (!line.endsWith('\r\n')) return err('malformed', `malformed message ${JSON.stringify(line)}: must end with CR LF`);
  const s = line.slice(0, -2);
  if (/[^\x20-\x7e]/.test(s)) return err('malformed', `malformed message ${JSON.stringify(line)}: control character inside`);
  if (s.startsWith('/?')) {
    if (!s.endsWith('!')) return err('malformed', `malformed sign-on ${JSON.stringify(line)}: must end with '!' CR LF`);
    const address = s.slice(2, -1);
    if (address.length > 32 || /[/!?\s]/.test(address)) return err('malformed', `malformed sign-on ${JSON.stringify(line)}: bad device address`);
    return { type: 'signOn', address };
  }
  const m = /^\/([A-Za-z]{3})([0-9A-Z])(?:\\([\x21-\x7e]))?([^/!]{0,16})$/.exec(s);
  if (!m) return err('malformed', `malformed identification ${JSON.stringify(line)}: expected /XXXZ[\\W]<ident up to 16 chars> CR LF`);
  const baudChar = m[2]!;
  const f: Iec62056Frame = { type: 'identification', manufacturer: m[1]!, baudChar, baudRate: baudRateOf(baudChar), identification: m[4]! };
  if (m[3] !== undefined) f.escape = m[3];
  return f;
}

function parseLines(content: string): DataSet[] {
  const out: DataSet[] = [];
  for (const line of content.split('\r\n')) {
    if (line === '') continue;
    const bad = /[^\x20-\x7e]/.exec(line);
    if (bad) throw new Iec62056Error('malformed', `malformed data line ${JSON.stringify(line.slice(0, 40))}: control character ${hex(bad[0].charCodeAt(0))}`);
    out.push(...parseDataLine(line));
  }
  return out;
}

function parseDataBody(body: string, eot: boolean): Iec62056Event {
  try {
    const complete = body.endsWith('!\r\n') && (body.length === 3 || body.endsWith('\r\n!\r\n'));
    const dataSets = parseLines(complete ? body.slice(0, -3) : body);
    return { type: 'data', dataSets, complete, partial: eot };
  } catch (e) {
    return { type: 'error', error: e instanceof Iec62056Error ? e : new Iec62056Error('malformed', String(e)) };
  }
}

function parseCommandBody(body: string, eot: boolean): Iec62056Event {
  if (eot) return err('malformed', 'malformed command: ends with EOT, commands end with ETX');
  const command = body[0] ?? '';
  const commandType = body[1] ?? '';
  if (!/^[PWREB]$/.test(command) || !/^[0-9]$/.test(commandType)) return err('malformed', `malformed command ${JSON.stringify(body.slice(0, 8))}: expected one of P W R E B and a digit after SOH`);
  if (body.length === 2) return { type: 'command', command: command as CommandChar, commandType };
  if (body.charCodeAt(2) !== STX) return err('malformed', `malformed command ${command}${commandType}: STX expected before its data`);
  const data = body.slice(3);
  if (/[^\x20-\x7e]/.test(data)) return err('malformed', `malformed command ${command}${commandType}: control character in its data`);
  try {
    const sets = parseDataLine(data);
    if (sets.length !== 1) return err('malformed', `malformed command ${command}${commandType}: expected exactly one data set, got ${sets.length}`);
    return { type: 'command', command: command as CommandChar, commandType, dataSet: sets[0]! };
  } catch (e) {
    return { type: 'error', error: e instanceof Iec62056Error ? e : new Iec62056Error('malformed', String(e)) };
  }
}

/** Stream form: bytes in, `Iec62056Event` objects out. Never emits 'error' for bad input. */
export class Iec62056Parser extends Transform {
  readonly decoder: Iec62056Decoder;

  constructor(opts: Iec62056ParserOptions = {}) {
    super({ readableObjectMode: true });
    this.decoder = new Iec62056Decoder(opts);
  }

  /** Drops any partial frame held (between transactions). */
  reset(): number {
    return this.decoder.reset();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    for (const ev of this.decoder.push(bytes)) this.push(ev);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    for (const ev of this.decoder.end()) this.push(ev);
    cb();
  }
}

/** Parses a whole buffer at once (tests, tools). */
export function parseIec62056(bytes: Uint8Array, opts: Iec62056ParserOptions = {}): Iec62056Event[] {
  const d = new Iec62056Decoder(opts);
  return [...d.push(bytes), ...d.end()];
}
