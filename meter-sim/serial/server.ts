// A simulated serial meter bus served on a real serial device path (a pty from socat, or any port): opens the
// path with serialport, parses what the master sends and answers through IecBusResponder.
import { SerialPortStream, type OpenOptions } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { Iec62056Parser, type Iec62056Event } from '../../protocols/index.ts';
import { IecBusResponder, type SimSerialMeter } from './responder.ts';

/** A serialport binding: the real one (`SerialPort.binding`) or `MockBinding` from @serialport/binding-mock. */
export type SerialBinding = OpenOptions['binding'];

export interface SerialMeterServerOptions {
  path: string;
  meters: SimSerialMeter[];
  baudRate?: number;
  /** serialport binding; default the real one (@serialport/bindings-cpp). */
  binding?: SerialBinding;
  now?: () => number;
}

export class SerialMeterServer {
  readonly responder: IecBusResponder;
  private port: SerialPortStream | null = null;
  private parser: Iec62056Parser | null = null;

  constructor(private readonly opts: SerialMeterServerOptions) {
    this.responder = new IecBusResponder(opts.meters, { send: (b) => this.send(b), ...(opts.now ? { now: opts.now } : {}) });
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const port = new SerialPortStream({ binding: this.opts.binding ?? (SerialPort.binding as SerialBinding), path: this.opts.path, baudRate: this.opts.baudRate ?? 9600, autoOpen: false });
    port.on('error', () => {}); // a vanished pty: the owner reopens
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    const parser = new Iec62056Parser({ role: 'meter' });
    parser.on('data', (ev: Iec62056Event) => this.responder.handle(ev));
    port.pipe(parser);
    this.port = port;
    this.parser = parser;
    this.responder.reset();
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (this.parser) { port?.unpipe(this.parser); this.parser.destroy(); this.parser = null; }
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private send(bytes: Uint8Array): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(false);
    return new Promise((resolve) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) { resolve(false); return; }
        port.drain((e) => resolve(!e));
      });
    });
  }
}
