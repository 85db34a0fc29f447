// One serial port kept open: opened on its configured path, reopened with back-off whenever it closes, errors or
// vanishes (never through SerialPort.list(), which spawns udevadm). Bytes go through an IEC 62056-21 decoder into
// a frame queue that transactions read with timeouts.
import { EventEmitter } from 'node:events';
import { realpathSync } from 'node:fs';
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { SerialPort } from 'serialport';
import type { Logger } from '../../platform/index.ts';
import { Iec62056Decoder, type Iec62056Event } from '../../protocols/index.ts';

/** A serialport binding: the real one (`SerialPort.binding`, @serialport/bindings-cpp) or `MockBinding`. */
export type SerialBinding = OpenOptions['binding'];

export class SerialLinkError extends Error {
  override name = 'SerialLinkError';
  constructor(readonly code: 'down' | 'write' | 'stopped' | 'timeout', message: string) {
    super(message);
  }
}

export interface SerialLinkOptions {
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'even' | 'odd' | 'none';
  stopBits: 1 | 2;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  binding?: SerialBinding;
  logger: Logger;
}

/** Default binding: the platform's native one. */
export function defaultBinding(): SerialBinding {
  return SerialPort.binding as SerialBinding;
}

export class SerialLink extends EventEmitter {
  private port: SerialPortStream | null = null;
  private decoder = new Iec62056Decoder({ role: 'master' });
  private queue: Iec62056Event[] = [];
  private waiter: (() => void) | null = null;
  private stopped = true;
  private delay: number;
  private timer: NodeJS.Timeout | null = null;
  private openWaiters: (() => void)[] = [];
  private generation = 0;
  private baud: number;
  /** Epoch ms of the last byte received (0: never). */
  lastRxAt = 0;
  /** Bytes received since the port was last opened. */
  rxBytes = 0;
  opens = 0;
  failures = 0;
  /**
   * The path is a pseudo-terminal (socat, a simulator): baud rates mean nothing there, and a baud change would
   * discard bytes in flight (bindings-cpp calls tcflush(TCIOFLUSH), which on a pty flushes the other end's buffer
   * too), so changes are recorded but not applied.
   */
  isPty = false;

  constructor(private readonly o: SerialLinkOptions) {
    super();
    this.delay = o.reconnectMinMs;
    this.baud = o.baudRate;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  get baudRate(): number {
    return this.baud;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.teardown();
    this.wake();
    for (const w of this.openWaiters.splice(0)) w();
  }

  /** Resolves when the port is open, or false once `timeoutMs` passed or the link stopped. */
  waitOpen(timeoutMs: number): Promise<boolean> {
    if (this.isOpen) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (): void => { clearTimeout(t); this.openWaiters = this.openWaiters.filter((w) => w !== done); resolve(this.isOpen); };
      const t = setTimeout(done, timeoutMs);
      this.openWaiters.push(done);
    });
  }

  /** Closes the port and reopens it with back-off (data silence, suspected unplug). */
  forceReconnect(reason: string): void {
    if (this.stopped || !this.port) return;
    this.o.logger.warn({ path: this.o.path, reason }, 'serial port: reopening');
    this.lost(reason);
  }

  private attempt(): void {
    if (this.stopped) return;
    this.timer = null;
    const gen = ++this.generation;
    const port = new SerialPortStream({
      binding: this.o.binding ?? defaultBinding(),
      path: this.o.path,
      baudRate: this.o.baudRate,
      dataBits: this.o.dataBits,
      parity: this.o.parity,
      stopBits: this.o.stopBits,
      autoOpen: false,
      // Read pool per port (default 64 KiB): a meter's answer is a few hundred bytes, and an edge has many ports.
      highWaterMark: 4096,
    } as OpenOptions);
    port.on('error', (err: Error) => { if (gen === this.generation) this.lost(`error: ${err.message}`); });
    port.on('close', () => { if (gen === this.generation) this.lost('closed'); });
    port.on('data', (chunk: Buffer) => {
      if (gen !== this.generation) return;
      this.lastRxAt = Date.now();
      this.rxBytes += chunk.length;
      const evs = this.decoder.push(chunk);
      if (evs.length) { this.queue.push(...evs); this.wake(); }
    });
    this.port = port;
    port.open((err) => {
      if (gen !== this.generation) { if (!err) port.close(() => {}); return; }
      if (err) {
        this.failures++;
        if (this.failures === 1 || this.failures % 20 === 0) this.o.logger.warn({ path: this.o.path, err: err.message, retryInMs: this.delay, failures: this.failures }, 'serial port: cannot open');
        this.port = null;
        this.schedule();
        return;
      }
      this.opens++;
      this.isPty = isPseudoTerminal(this.o.path);
      if (this.failures > 0 || this.opens > 1) this.o.logger.info({ path: this.o.path, failures: this.failures }, 'serial port: open again');
      else this.o.logger.info({ path: this.o.path }, 'serial port: open');
      this.failures = 0;
      this.delay = this.o.reconnectMinMs;
      this.baud = this.o.baudRate;
      this.rxBytes = 0;
      this.resetInput();
      this.emit('open');
      for (const w of this.openWaiters.splice(0)) w();
    });
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const jitter = 0.8 + Math.random() * 0.4;
    const wait = Math.round(this.delay * jitter);
    this.delay = Math.min(this.o.reconnectMaxMs, this.delay * 2);
    this.timer = setTimeout(() => this.attempt(), wait);
  }

  private lost(reason: string): void {
    const wasOpen = this.port !== null;
    this.generation++;
    const port = this.port;
    this.port = null;
    if (port) {
      port.removeAllListeners('data');
      if (port.isOpen) port.close(() => {});
    }
    if (wasOpen) {
      this.o.logger.warn({ path: this.o.path, reason }, 'serial port: lost');
      this.emit('down', reason);
    }
    this.wake();
    this.schedule();
  }

  private async teardown(): Promise<void> {
    this.generation++;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Drops buffered frames and any partial frame (start of a transaction). */
  resetInput(): void {
    this.queue = [];
    this.decoder.reset();
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new SerialLinkError('down', `serial port ${this.o.path} is not open`);
    await withTimeout(new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) { reject(new SerialLinkError('write', `write to ${this.o.path} failed: ${err.message}`)); return; }
        port.drain((e) => (e ? reject(new SerialLinkError('write', `drain of ${this.o.path} failed: ${e.message}`)) : resolve()));
      });
    }), timeoutMs, () => new SerialLinkError('timeout', `write to ${this.o.path} did not finish in ${timeoutMs} ms`));
  }

  async setBaudRate(baudRate: number, timeoutMs: number): Promise<void> {
    if (baudRate === this.baud) return;
    if (this.isPty) { this.baud = baudRate; return; }
    const port = this.port;
    if (!port?.isOpen) throw new SerialLinkError('down', `serial port ${this.o.path} is not open`);
    await withTimeout(new Promise<void>((resolve, reject) => port.update({ baudRate }, (e) => (e ? reject(new SerialLinkError('write', `baud rate ${baudRate} refused: ${e.message}`)) : resolve()))), timeoutMs,
      () => new SerialLinkError('timeout', `baud change on ${this.o.path} did not finish`));
    this.baud = baudRate;
  }

  /**
   * The next frame or parse error, or null after `timeoutMs`. Throws SerialLinkError('down') if the port goes away
   * while waiting.
   */
  async next(timeoutMs: number): Promise<Iec62056Event | null> {
    const deadline = Date.now() + timeoutMs;
    const gen = this.generation;
    for (;;) {
      const ev = this.queue.shift();
      if (ev) return ev;
      if (this.stopped) throw new SerialLinkError('stopped', 'serial link stopped');
      if (gen !== this.generation || !this.port?.isOpen) throw new SerialLinkError('down', `serial port ${this.o.path} went away`);
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { this.waiter = null; resolve(); }, left);
        this.waiter = () => { clearTimeout(t); resolve(); };
      });
    }
  }
}

function isPseudoTerminal(path: string): boolean {
  try {
    return realpathSync(path).startsWith('/dev/pts/');
  } catch {
    return false;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, err: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(err()), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}
