// The meter side of IEC 62056-21 on one bus: one or several simulated meters, each answering its own address.
// Pure protocol logic: frames in (from an Iec62056Parser in 'meter' role), bytes out through `send`. The meters'
// behaviour (registers, credit, tokens, relay) comes from a model such as the simulator's SimMeter.
import type { CommandAck, MeterCommand, MeterEvent, RelayState, TelemetryReading, TokenResult } from '../../protocols/index.ts';
import {
  FW_OBIS, Iec62056Error, OBIS, RELAY_DIGIT, dataSetsFromReading, encodeAck, encodeCommand, encodeDataBlock, encodeErrorMessage, encodeFirmwareStatus,
  encodeIdentification, encodeNak, encodeTokenResult, parseFirmwareBlock, parseFirmwareCommit, parseFirmwareInstall, parseFirmwareOffer, whToEnergy,
  type CommandFrame, type DataSet, type Iec62056Event,
} from '../../protocols/index.ts';
import type { SimBootloader } from '../firmware.ts';

/** What the serial server needs from a meter model (the simulator's SimMeter fits). */
export interface SerialMeterModel {
  reading(now: number): TelemetryReading;
  handleCommand(cmd: MeterCommand, now: number): CommandAck;
  onEvent?(l: (e: MeterEvent) => void): () => void;
  state?: { relay: RelayState; credit: number; register: number };
}

export interface SimSerialMeter {
  /** Raseed meter id (for the channel configuration the simulator suggests; default the address). */
  id?: string;
  /** Bus address answered in the sign-on (`/?<address>!`). */
  address: string;
  model: SerialMeterModel;
  /** P1 password for programming mode; undefined: none asked. */
  password?: string;
  manufacturer?: string;
  identification?: string;
  /** Highest baud rate offered (mode C character), default '5' (9600). */
  baudChar?: string;
  /**
   * Reaction time after the option select, ms (default 25). The master switches its baud rate after sending the
   * option select, and a baud change flushes the port's input (tcflush in @serialport/bindings-cpp): a meter that
   * answered at once would be cut off. IEC 62056-21 asks 200 ms, or 20 ms when the manufacturer id's third letter is
   * lower case (the simulator's default id is `RSd`).
   */
  reactionMs?: number;
  serialNumber?: string;
  /** Two-slot bootloader (meter-sim/firmware.ts) reached through registers C.60.x; none: firmware writes are refused. */
  bootloader?: SimBootloader;
}

/** Largest chunk a simulated meter assembles from C.60.2 blocks (the manifest's chunk size is at most 64 KiB). */
const MAX_CHUNK_BYTES = 65_536;

/** Faults on demand, per meter address. */
export type SerialFault =
  | { kind: 'noAnswer' } // ignores sign-ons: a dead meter
  | { kind: 'slow'; delayMs: number } // every answer late by delayMs
  | { kind: 'badBcc' } // readouts sent with a corrupted block check character
  | { kind: 'halfLine' } // readouts stop in the middle of a line, never finished
  | { kind: 'garbage' }; // noise on the line before the identification

export interface ReadoutRecord {
  address: string;
  seq: number;
  /** `sent`: a whole, correct readout left the meter (after any NAK repeats). */
  outcome: 'sent' | 'badBcc' | 'halfLine' | 'unsent';
}

type BusState =
  | { kind: 'idle' }
  | { kind: 'identified'; meter: SimSerialMeter }
  | { kind: 'readout'; meter: SimSerialMeter; block: Uint8Array; record: ReadoutRecord; repeats: number }
  | { kind: 'programming'; meter: SimSerialMeter; authed: boolean };

interface LastToken { result: TokenResult; creditedWh?: number }

export interface BusResponderOptions {
  /** Writes bytes to the line; resolves when written (false if the port is gone). */
  send: (bytes: Uint8Array) => Promise<boolean>;
  now?: () => number;
}

export class IecBusResponder {
  readonly readouts: ReadoutRecord[] = [];
  /** Programming-mode writes that changed a meter (token entries, relay, clock), for tests. */
  readonly writes: { address: string; register: string; value: string; ack: CommandAck }[] = [];
  /** While held, the bus answers nothing (used to let the line go quiet before the port is pulled). */
  hold = false;
  private state: BusState = { kind: 'idle' };
  private readonly meters: SimSerialMeter[];
  private readonly faults = new Map<string, { fault: SerialFault; left: number }>();
  private readonly lastToken = new Map<string, LastToken>();
  /** The chunk each meter is receiving in blocks (C.60.2) until its end (C.60.3). */
  private readonly partialChunk = new Map<string, { index: number; parts: Buffer[]; size: number }>();
  private chain: Promise<unknown> = Promise.resolve();
  private refCounter = 0;
  private busy = 0;
  private readonly now: () => number;

  constructor(meters: SimSerialMeter[], private readonly opts: BusResponderOptions) {
    this.meters = meters;
    this.now = opts.now ?? Date.now;
  }

  /** Sets (or clears, with null) a fault on a meter for the next `times` transactions (default: until cleared). */
  setFault(address: string, fault: SerialFault | null, times = Infinity): void {
    if (fault) this.faults.set(address, { fault, left: times });
    else this.faults.delete(address);
  }

  /** Sequence numbers of the readouts a meter sent whole and correct. */
  delivered(address: string): number[] {
    return this.readouts.filter((r) => r.address === address && r.outcome === 'sent').map((r) => r.seq);
  }

  /** True while a reply is being written or waits to be. */
  get busyWriting(): boolean {
    return this.busy > 0;
  }

  /** Back to the idle state (after the port was reopened). */
  reset(): void {
    this.state = { kind: 'idle' };
  }

  private fault(address: string): SerialFault | null {
    const f = this.faults.get(address);
    return f && f.left > 0 ? f.fault : null;
  }

  private useFault(address: string): void {
    const f = this.faults.get(address);
    if (f && --f.left <= 0) this.faults.delete(address);
  }

  private reply(meter: SimSerialMeter, bytes: Uint8Array, after?: (ok: boolean) => void, reaction = 0): void {
    const f = this.fault(meter.address);
    const delay = (f?.kind === 'slow' ? f.delayMs : 0) + reaction;
    this.busy++;
    const enqueue = (): void => {
      this.chain = this.chain.then(async () => {
        try {
          const ok = await this.opts.send(bytes);
          after?.(ok);
        } finally {
          this.busy--;
        }
      });
    };
    // A slow meter answers late without holding up the others' answers (they are separate devices on the bus).
    if (delay > 0) setTimeout(enqueue, delay);
    else enqueue();
  }

  /** Resolves once every reply given so far, delayed ones included, has been written. */
  async idle(): Promise<void> {
    while (this.busy > 0) {
      await this.chain;
      if (this.busy > 0) await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** One frame (or parse error) from the master. */
  handle(ev: Iec62056Event): void {
    if (this.hold) return;
    const s = this.state;
    switch (ev.type) {
      case 'signOn': {
        const meter = ev.address === '' ? (this.meters.length === 1 ? this.meters[0] : undefined) : this.meters.find((m) => m.address === ev.address);
        this.state = { kind: 'idle' };
        if (!meter) return;
        const f = this.fault(meter.address);
        if (f?.kind === 'noAnswer') { this.useFault(meter.address); return; }
        this.state = { kind: 'identified', meter };
        if (f?.kind === 'garbage') this.reply(meter, Buffer.from('\x7f#~noise~\x00\xff', 'latin1'));
        this.reply(meter, encodeIdentification({
          manufacturer: meter.manufacturer ?? 'RSd', baudChar: meter.baudChar ?? '5', escape: undefined,
          identification: meter.identification ?? 'RASEED-SIM',
        }));
        return;
      }
      case 'optionSelect': {
        if (s.kind !== 'identified') return;
        const meter = s.meter;
        if (ev.mode === 'programming') {
          this.state = { kind: 'programming', meter, authed: meter.password === undefined };
          this.reply(meter, encodeCommand({ command: 'P', commandType: '0', dataSet: { address: '', values: [{ value: meter.serialNumber ?? meter.address }] } }), undefined, reactionOf(meter));
          return;
        }
        if (ev.mode !== 'readout') { this.state = { kind: 'idle' }; return; }
        this.readout(meter);
        return;
      }
      case 'nak': {
        // The master asks for the readout again (bad BCC on its side).
        if (s.kind !== 'readout' || s.repeats >= 3) return;
        s.repeats++;
        const f = this.fault(s.meter.address);
        const block = f?.kind === 'badBcc' ? corrupt(s.block) : s.block;
        if (f?.kind === 'badBcc') this.useFault(s.meter.address);
        this.reply(s.meter, block, (ok) => { if (ok && block === s.block) s.record.outcome = 'sent'; });
        return;
      }
      case 'command': {
        if (s.kind !== 'programming') return;
        this.command(s, ev);
        return;
      }
      default:
        return; // ACKs and parse errors: ignored; the master's timeout handles them
    }
  }

  private readout(meter: SimSerialMeter): void {
    const now = this.now();
    const reading = meter.model.reading(now);
    const block = encodeDataBlock(dataSetsFromReading(reading, { address: meter.address, ...(meter.serialNumber ? { serialNumber: meter.serialNumber } : {}) }));
    const record: ReadoutRecord = { address: meter.address, seq: reading.seq, outcome: 'unsent' };
    this.readouts.push(record);
    const f = this.fault(meter.address);
    if (f?.kind === 'halfLine') {
      this.useFault(meter.address);
      record.outcome = 'halfLine';
      const text = Buffer.from(block);
      const cut = text.indexOf('1.8.0') + 8; // stop in the middle of the energy line
      this.state = { kind: 'idle' };
      this.reply(meter, text.subarray(0, cut), undefined, reactionOf(meter));
      return;
    }
    this.state = { kind: 'readout', meter, block, record, repeats: 0 };
    if (f?.kind === 'badBcc') {
      this.useFault(meter.address);
      record.outcome = 'badBcc';
      this.reply(meter, corrupt(block), undefined, reactionOf(meter));
      return;
    }
    if (f?.kind === 'slow') this.useFault(meter.address);
    this.reply(meter, block, (ok) => { if (ok) record.outcome = 'sent'; }, reactionOf(meter));
  }

  private command(s: Extract<BusState, { kind: 'programming' }>, f: CommandFrame): void {
    const meter = s.meter;
    const now = this.now();
    const error = (text: string): void => this.reply(meter, encodeErrorMessage(text));
    if (f.command === 'B') { this.state = { kind: 'idle' }; return; }
    if (f.command === 'P' && f.commandType === '1') {
      const ok = meter.password === undefined || f.dataSet?.values[0]?.value === meter.password;
      s.authed = ok;
      this.reply(meter, ok ? encodeAck() : encodeNak());
      return;
    }
    if (!s.authed) { error('ERR:password'); return; }
    const ds = f.dataSet;
    const value = ds?.values[0]?.value ?? '';
    if ((f.command === 'W' || f.command === 'R') && f.commandType === '1' && ds?.address.startsWith('C.60.')) {
      this.firmware(meter, f.command, ds, now);
      return;
    }
    if (f.command === 'W' && f.commandType === '1' && ds) {
      const ref = `serial-${now}-${++this.refCounter}`;
      let cmd: MeterCommand | null = null;
      if (ds.address === OBIS.tokenEntry) {
        if (!/^\d{20}$/.test(value)) { error('ERR:format'); return; }
        cmd = { v: 1, ref, type: 'token', token: value };
      } else if (ds.address === OBIS.relay) {
        if (value !== '0' && value !== '1') { error('ERR:value'); return; }
        cmd = { v: 1, ref, type: 'relay', action: value === '0' ? 'disconnect' : 'reconnect' };
      } else if (ds.address === OBIS.time || ds.address === OBIS.date) {
        cmd = { v: 1, ref, type: 'timeSync', ts: now };
      }
      if (!cmd) { error('ERR:register'); return; }
      let credited: number | undefined;
      const off = meter.model.onEvent?.((e) => { if (e.type === 'token' && e.ref === ref) credited = e.credited; });
      const ack = meter.model.handleCommand(cmd, now);
      off?.();
      this.writes.push({ address: meter.address, register: ds.address, value: cmd.type === 'token' ? '[token]' : value, ack });
      if (cmd.type === 'token') {
        this.lastToken.set(meter.address, { result: ack.result as TokenResult, ...(credited !== undefined ? { creditedWh: credited } : {}) });
        this.reply(meter, encodeAck()); // the write was taken; its result is read from C.51.1
        return;
      }
      if (ack.status === 'ok') this.reply(meter, encodeAck());
      else error(`ERR:${ack.result}`.slice(0, 60));
      return;
    }
    if (f.command === 'R' && f.commandType === '1' && ds) {
      let out: DataSet | null = null;
      if (ds.address === OBIS.tokenResult) {
        const t = this.lastToken.get(meter.address);
        if (!t) { error('ERR:no_token'); return; }
        out = encodeTokenResult(t);
      } else if (ds.address === OBIS.relay) {
        const relay = meter.model.state?.relay;
        if (!relay) { error('ERR:register'); return; }
        out = { address: OBIS.relay, values: [{ value: RELAY_DIGIT[relay] }] };
      } else if (ds.address === OBIS.credit && meter.model.state) {
        out = { address: OBIS.credit, values: [whToEnergy(meter.model.state.credit)] };
      } else if (ds.address === OBIS.energyImport && meter.model.state) {
        out = { address: OBIS.energyImport, values: [whToEnergy(meter.model.state.register)] };
      }
      if (!out) { error('ERR:register'); return; }
      this.reply(meter, encodeDataBlock([out], { complete: false }));
      return;
    }
    error('ERR:command');
  }

  /** Firmware registers C.60.x (protocols/iec62056/firmware.ts) on the meter's bootloader, which verifies everything. */
  private firmware(meter: SimSerialMeter, command: 'W' | 'R', ds: DataSet, now: number): void {
    const error = (text: string): void => this.reply(meter, encodeErrorMessage(text.slice(0, 60)));
    const boot = meter.bootloader;
    if (!boot) { error('ERR:register'); return; }
    if (command === 'R') {
      if (ds.address !== FW_OBIS.status) { error('ERR:register'); return; }
      this.reply(meter, encodeDataBlock([encodeFirmwareStatus({ model: boot.model, version: boot.version, have: boot.held })], { complete: false }));
      return;
    }
    const ref = `serial-fw-${now}-${++this.refCounter}`;
    let ack: CommandAck;
    try {
      switch (ds.address) {
        case FW_OBIS.offer: {
          const o = parseFirmwareOffer(ds);
          ack = boot.handleCommand({ v: 1, ref, type: 'firmware', firmwareId: o.firmwareId, manifest: o.manifest, signature: o.signature }, now);
          break;
        }
        case FW_OBIS.block: {
          const b = parseFirmwareBlock(ds);
          let p = this.partialChunk.get(meter.address);
          if (b.offset === 0 || !p || p.index !== b.index) p = { index: b.index, parts: [], size: 0 };
          if (b.offset !== p.size) { error('ERR:block_offset'); return; }
          if (p.size + b.data.length > MAX_CHUNK_BYTES) { error('ERR:chunk_size'); return; }
          p.parts.push(b.data);
          p.size += b.data.length;
          this.partialChunk.set(meter.address, p);
          this.reply(meter, encodeAck());
          return;
        }
        case FW_OBIS.commit: {
          const c = parseFirmwareCommit(ds);
          const p = this.partialChunk.get(meter.address);
          if (!p || p.index !== c.index) { error('ERR:no_blocks'); return; }
          this.partialChunk.delete(meter.address);
          ack = boot.handleCommand({ v: 1, ref, type: 'firmwareChunk', firmwareId: c.firmwareId, index: c.index, sha256: c.sha256, data: Buffer.concat(p.parts).toString('base64') }, now);
          break;
        }
        case FW_OBIS.install:
          ack = boot.handleCommand({ v: 1, ref, type: 'firmwareInstall', firmwareId: parseFirmwareInstall(ds).firmwareId }, now);
          break;
        default:
          error('ERR:register');
          return;
      }
    } catch (e) {
      if (e instanceof Iec62056Error) { error('ERR:format'); return; }
      throw e;
    }
    this.writes.push({ address: meter.address, register: ds.address, value: ds.address === FW_OBIS.commit ? `chunk ${ds.values[1]?.value ?? ''}` : '', ack });
    if (ack.status === 'ok') this.reply(meter, encodeAck());
    else error(`ERR:${ack.result}`);
  }
}

const reactionOf = (m: SimSerialMeter): number => m.reactionMs ?? 25;

function corrupt(block: Uint8Array): Uint8Array {
  const b = Buffer.from(block);
  b[b.length - 1] = b[b.length - 1]! ^ 0x5a;
  return b;
}
