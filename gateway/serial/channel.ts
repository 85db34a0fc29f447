// A serial channel: one bus (RS-485 or an optical probe) with its meters, read in turn by a poll scheduler.
// Commands (token entry, relay, clock) go first; every exchange is bounded by the channel's timeouts, so a slow or
// dead meter never holds the bus longer than that, and meters that keep failing are polled less often.
// Readings are identified by the meter's own sequence number and clock: each reaches the sink once.
// Presence: a meter goes offline after 3 failed readouts in a row; while the port itself is gone (adapter unplugged,
// device node vanished) every poll that falls due counts as failed in the same way, so the meters behind a vanished
// port go offline like silent ones, and come back online with their next good readout.
import type { Logger } from '../../platform/index.ts';
import type { CommandAck, TelemetryReading } from '../../protocols/index.ts';
import {
  Iec62056Error, OBIS, RELAY_DIGIT, encodeAck, encodeBreak, encodeCommand, encodeNak, encodeOptionSelect, encodePassword, encodeRead, encodeSignOn,
  epochMsToClock, findDataSet, isErrorMessage, parseTokenResult, readingFromDataSets, relayStateOf, MODE_C_BAUD,
  FW_BLOCK_BYTES, FW_OBIS, encodeFirmwareBlocks, encodeFirmwareCommit, encodeFirmwareInstall, encodeFirmwareOffer, parseFirmwareStatus,
  type DataFrame, type DataSet, type IdentificationFrame, type Iec62056Event,
} from '../../protocols/index.ts';
import type { SerialCommand } from './commands.ts';
import type { SerialChannelConfig, SerialMeterConfig } from './config.ts';
import { SerialLink, SerialLinkError, type SerialBinding } from './link.ts';
import { serialDuplicates, serialPortLost, serialPortOpen, serialTransactions } from './metrics.ts';

/** Where a channel hands its results. `reading` resolves only once the reading is durable. */
export interface SerialSink {
  reading(meterId: string, reading: TelemetryReading): Promise<void>;
  ack?(meterId: string, ack: CommandAck): Promise<void> | void;
  presence?(meterId: string, online: boolean): Promise<void> | void;
}

/** Why a transaction failed (typed, logged, never thrown out of the scheduler). */
export class SerialTransactionError extends Error {
  override name = 'SerialTransactionError';
  constructor(readonly code: 'timeout' | 'protocol' | 'link' | 'refused' | 'address', message: string, readonly bytesSeen = true) {
    super(message);
  }
}

export interface SerialChannelOptions {
  sink: SerialSink;
  logger: Logger;
  binding?: SerialBinding;
}

export interface MeterStats {
  readings: number;
  duplicates: number;
  failures: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastReadingAt: number | null;
  online: boolean;
}

interface MeterSlot {
  cfg: SerialMeterConfig;
  nextDue: number;
  stats: MeterStats;
  /** Identities (seq:ts) of recent readings handed to the sink. */
  recent: string[];
  /** Readings read but not yet durable (sink failed): retried before the next poll. */
  pending: TelemetryReading[];
}

interface QueuedCommand {
  meterId: string;
  cmd: SerialCommand;
  queuedAt: number;
  resolve: (ack: CommandAck) => void;
  done: Promise<CommandAck>;
}

const RECENT = 64;
const MAX_PENDING = 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class SerialChannel {
  readonly name: string;
  readonly link: SerialLink;
  private readonly meters = new Map<string, MeterSlot>();
  private readonly commands: QueuedCommand[] = [];
  private readonly acked = new Map<string, CommandAck>();
  private stopped = true;
  private loop: Promise<void> | null = null;
  private kick: (() => void) | null = null;
  private silentTransactions = 0;
  private lastSilenceReset = 0;
  private txDeadline = Infinity;
  private readonly log: Logger;
  /** Transactions run (readouts and commands), for tests and metrics. */
  transactions = 0;

  constructor(readonly cfg: SerialChannelConfig, private readonly o: SerialChannelOptions) {
    this.name = cfg.name ?? cfg.path;
    this.log = o.logger.child({ channel: this.name });
    this.link = new SerialLink({
      path: cfg.path, baudRate: cfg.baudRate, dataBits: cfg.dataBits, parity: cfg.parity, stopBits: cfg.stopBits,
      reconnectMinMs: cfg.reconnectMinMs, reconnectMaxMs: cfg.reconnectMaxMs, logger: this.log, ...(o.binding ? { binding: o.binding } : {}),
    });
    const now = Date.now();
    cfg.meters.forEach((m, i) => {
      this.meters.set(m.id, {
        cfg: m,
        // Spread the first polls over the interval (but start soon).
        nextDue: now + Math.min(cfg.pollIntervalMs, 1000) * (i / Math.max(1, cfg.meters.length)),
        stats: { readings: 0, duplicates: 0, failures: 0, consecutiveFailures: 0, lastError: null, lastReadingAt: null, online: false },
        recent: [],
        pending: [],
      });
    });
    this.link.on('open', () => { serialPortOpen.set({ channel: this.name }, 1); this.wake(); });
    this.link.on('down', () => { serialPortOpen.set({ channel: this.name }, 0); serialPortLost.inc({ channel: this.name }); this.wake(); });
    serialPortOpen.set({ channel: this.name }, 0);
  }

  get meterIds(): string[] {
    return [...this.meters.keys()];
  }

  has(meterId: string): boolean {
    return this.meters.has(meterId);
  }

  stats(meterId: string): MeterStats | undefined {
    const s = this.meters.get(meterId)?.stats;
    return s ? { ...s } : undefined;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.link.start();
    this.loop = this.run().catch((err: unknown) => this.log.error({ err }, 'serial scheduler crashed'));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake();
    // A graceful stop lets the transaction on the wire finish (a readout the meter is sending is still taken), for
    // at most one transaction timeout; then the port is closed, which ends anything still waiting on it.
    await Promise.race([this.loop, sleep(this.cfg.timeoutMs + 500)]);
    await this.link.stop();
    await this.loop;
    await this.flushPending(); // one last attempt for readings not yet durable
    for (const q of this.commands.splice(0)) q.resolve(this.ack(q.cmd, 'failed', 'stopped', 'gateway stopping'));
  }

  /** Reads a meter as soon as the bus is free (tests, on-demand reads). */
  pollNow(meterId: string): void {
    const m = this.meters.get(meterId);
    if (m) { m.nextDue = 0; this.wake(); }
  }

  /** Queues a command for a meter of this channel; resolves with the meter's answer mapped to a CommandAck. */
  deliver(meterId: string, cmd: SerialCommand): Promise<CommandAck> {
    const done = this.acked.get(`${meterId}\u0000${cmd.ref}`);
    if (done) return Promise.resolve(done); // redelivery of a command already answered: same ack, applied once
    if (!this.meters.has(meterId)) return Promise.resolve(this.ack(cmd, 'failed', 'unknown_meter', `meter ${meterId} is not on ${this.name}`));
    if (this.stopped) return Promise.resolve(this.ack(cmd, 'failed', 'stopped', 'serial channel not running'));
    // The command service re-sends an unanswered command after its back-off: one queued copy per reference is enough.
    const queued = this.commands.find((q) => q.meterId === meterId && q.cmd.ref === cmd.ref);
    if (queued) return queued.done;
    let resolve!: (ack: CommandAck) => void;
    const answer = new Promise<CommandAck>((r) => { resolve = r; });
    this.commands.push({ meterId, cmd, queuedAt: Date.now(), resolve, done: answer });
    this.wake();
    return answer;
  }

  /** Answers a command this channel cannot carry out, through the same sink as every other ack. */
  async refuse(meterId: string, ack: CommandAck): Promise<void> {
    await this.o.sink.ack?.(meterId, ack);
  }

  private wake(): void {
    const k = this.kick;
    this.kick = null;
    k?.();
  }

  private async idle(ms: number): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.kick = null; resolve(); }, ms);
      this.kick = () => { clearTimeout(t); resolve(); };
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.expireCommands();
      if (!this.link.isOpen) {
        await this.failDueWhileDown();
        await this.link.waitOpen(Math.min(1000, this.cfg.pollIntervalMs));
        continue;
      }
      await this.flushPending();
      const cmd = this.commands.shift();
      if (cmd) {
        await this.runCommand(cmd);
        await sleep(this.cfg.guardMs);
        continue;
      }
      const now = Date.now();
      let due: MeterSlot | null = null;
      for (const m of this.meters.values()) if (!due || m.nextDue < due.nextDue) due = m;
      if (!due) { await this.idle(1000); continue; }
      if (due.nextDue > now) { await this.idle(Math.min(due.nextDue - now, 1000)); continue; }
      await this.runReadout(due);
      await sleep(this.cfg.guardMs);
    }
  }

  private expireCommands(): void {
    const now = Date.now();
    for (let i = this.commands.length - 1; i >= 0; i--) {
      const q = this.commands[i]!;
      if (q.cmd.expiresAt !== undefined && q.cmd.expiresAt < now) {
        this.commands.splice(i, 1);
        q.resolve(this.finish(q, this.ack(q.cmd, 'rejected', 'expired', 'command expired before the meter could be reached'), false));
      } else if (now - q.queuedAt > this.cfg.commandQueueTimeoutMs) {
        this.commands.splice(i, 1);
        q.resolve(this.finish(q, this.ack(q.cmd, 'failed', 'port_unavailable', `${this.name} not available for ${this.cfg.commandQueueTimeoutMs} ms`), false));
      }
    }
  }

  // ---------- readout ----------

  private async runReadout(m: MeterSlot): Promise<void> {
    this.transactions++;
    const rx0 = this.link.rxBytes;
    try {
      const reading = await this.bounded(() => this.readout(m.cfg));
      serialTransactions.inc({ channel: this.name, kind: 'readout', outcome: 'ok' });
      this.silentTransactions = 0;
      m.stats.consecutiveFailures = 0;
      m.stats.lastError = null;
      m.nextDue = Date.now() + this.cfg.pollIntervalMs;
      await this.setOnline(m, true);
      await this.accept(m, reading);
    } catch (e) {
      const err = toTransactionError(e);
      serialTransactions.inc({ channel: this.name, kind: 'readout', outcome: err.code });
      await this.readoutFailed(m, err);
      await this.afterFailure();
      this.checkSilence(this.link.rxBytes === rx0 && err.code !== 'link');
    }
  }

  /**
   * The port is gone (it was lost, or opening it failed): meters whose poll is due fail it (a 'link' failure) as if
   * they had stayed silent. A first open still in progress is not a failure.
   */
  private async failDueWhileDown(): Promise<void> {
    if (this.link.opens === 0 && this.link.failures === 0) return;
    const now = Date.now();
    for (const m of this.meters.values()) {
      if (m.nextDue > now) continue;
      serialTransactions.inc({ channel: this.name, kind: 'readout', outcome: 'link' });
      await this.readoutFailed(m, new SerialTransactionError('link', `serial port ${this.cfg.path} is gone`, false));
    }
  }

  /** Bookkeeping of a failed readout: back-off, log, offline after 3 in a row. */
  private async readoutFailed(m: MeterSlot, err: SerialTransactionError): Promise<void> {
    m.stats.failures++;
    m.stats.consecutiveFailures++;
    m.stats.lastError = err.message;
    // A meter that keeps failing is polled less often (up to 8 intervals), so it costs the bus little.
    const backoff = Math.min(8, 2 ** Math.max(0, m.stats.consecutiveFailures - 1));
    m.nextDue = Date.now() + Math.min(this.cfg.pollIntervalMs * backoff, Math.max(this.cfg.pollIntervalMs, 300_000));
    const level = m.stats.consecutiveFailures === 1 || m.stats.consecutiveFailures % 10 === 0 ? 'warn' : 'debug';
    this.log[level]({ meter: m.cfg.id, code: err.code, err: err.message, consecutive: m.stats.consecutiveFailures }, 'serial readout failed');
    if (m.stats.consecutiveFailures >= 3) await this.setOnline(m, false);
  }

  /** Sign-on, identification, option select (readout), data block; NAK asks for a repeat after a bad BCC. */
  private async readout(meter: SerialMeterConfig): Promise<TelemetryReading> {
    const t = this.cfg.timeoutMs;
    await this.signOn(meter, 'readout');
    let naks = 0;
    let misdirected = 0;
    let collected: DataFrame['dataSets'] = []; // partial blocks (EOT) so far, each acknowledged with ACK
    for (;;) {
      const ev = await this.expect(t, 'data block', (e) => e.type === 'data');
      if (ev.type === 'error') {
        if (ev.error.code === 'garbage') continue; // line noise between frames: the block may still come
        if (ev.error.code === 'bcc' && naks < 2) {
          naks++;
          await this.link.write(encodeNak(), t); // IEC 62056-21: the meter repeats the block
          continue;
        }
        throw new SerialTransactionError('protocol', `${meter.id}: ${ev.error.message}`);
      }
      const block = ev as DataFrame;
      if (block.partial) {
        collected = collected.concat(block.dataSets);
        naks = 0;
        await this.link.write(encodeAck(), t);
        continue;
      }
      const data: DataFrame = { ...block, dataSets: collected.concat(block.dataSets) };
      collected = [];
      const addr = findDataSet(data.dataSets, OBIS.deviceAddress)?.values[0]?.value;
      if (meter.address !== '' && addr !== undefined && addr !== meter.address) {
        // A late answer of another meter on the bus: not ours; keep waiting for ours within the timeout.
        this.log.debug({ meter: meter.id, from: addr }, 'skipped a readout from another address');
        misdirected++;
        if (misdirected > 3) throw new SerialTransactionError('address', `${meter.id}: readouts keep coming from address ${JSON.stringify(addr)}, expected ${JSON.stringify(meter.address)}`);
        continue;
      }
      await this.restoreBaud();
      try {
        return readingFromDataSets(data.dataSets);
      } catch (e) {
        throw new SerialTransactionError('protocol', `${meter.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private async signOn(meter: SerialMeterConfig, mode: 'readout' | 'programming'): Promise<IdentificationFrame> {
    const t = this.cfg.timeoutMs;
    this.link.resetInput();
    await this.link.setBaudRate(this.cfg.baudRate, t);
    await this.link.write(encodeSignOn(meter.address), t);
    const id = (await this.expect(t, 'identification', (e) => e.type === 'identification', true)) as IdentificationFrame;
    // Mode C: switch to the meter's offer (capped by maxBaudRate) unless told not to; Z names the rate used.
    const offer = this.cfg.baudSwitch && id.baudRate !== undefined && MODE_C_BAUD[id.baudChar] !== undefined ? Math.min(id.baudRate, this.cfg.maxBaudRate ?? id.baudRate) : this.cfg.baudRate;
    const baud = this.cfg.baudSwitch ? modeCRateAtMost(offer) : this.cfg.baudRate;
    await this.link.write(encodeOptionSelect({ baudRate: modeCRateAtMost(baud), mode }), t);
    await this.link.setBaudRate(baud, t);
    return id;
  }

  /**
   * Waits for a frame that `want` accepts. Parse errors are returned (the caller decides); frames of other kinds
   * (a late answer of another meter) are skipped. Timeout → SerialTransactionError('timeout').
   */
  private async expect(timeoutMs: number, what: string, want: (e: Iec62056Event) => boolean, skipErrors = false): Promise<Iec62056Event> {
    const deadline = Math.min(Date.now() + timeoutMs, this.txDeadline);
    for (;;) {
      const left = deadline - Date.now();
      const ev = left > 0 ? await this.link.next(left) : null;
      if (!ev) throw new SerialTransactionError('timeout', deadline === this.txDeadline ? `transaction exceeded its time waiting for ${what}` : `no ${what} within ${timeoutMs} ms`);
      if (ev.type === 'error') {
        if (skipErrors) continue;
        return ev;
      }
      if (want(ev)) return ev;
    }
  }

  private async restoreBaud(): Promise<void> {
    if (this.link.isOpen && this.link.baudRate !== this.cfg.baudRate) await this.link.setBaudRate(this.cfg.baudRate, this.cfg.timeoutMs);
  }

  /** After a failed transaction: break (ends any programming session), back to the sign-on baud rate, clean input. */
  private async afterFailure(): Promise<void> {
    try {
      if (this.link.isOpen) {
        await this.link.write(encodeBreak(), this.cfg.timeoutMs);
        await this.restoreBaud();
      }
    } catch {}
    this.link.resetInput();
  }

  private checkSilence(silent: boolean): void {
    if (!silent) { this.silentTransactions = 0; return; }
    this.silentTransactions++;
    const silenceMs = this.cfg.silenceMs ?? 3 * Math.max(this.cfg.timeoutMs, this.cfg.pollIntervalMs);
    const since = Math.max(this.link.lastRxAt, this.lastSilenceReset);
    if (this.silentTransactions >= 3 && Date.now() - since > silenceMs) {
      this.silentTransactions = 0;
      this.lastSilenceReset = Date.now();
      this.link.forceReconnect(`no byte from any meter for ${silenceMs} ms`);
    }
  }

  /**
   * Runs a transaction with an overall cap of `rounds` × timeoutMs (4: a readout, a token): every wait inside ends at
   * the cap at the latest. A firmware chunk takes one round per block written.
   */
  private async bounded<T>(fn: () => Promise<T>, rounds = 4, extraMs = 0): Promise<T> {
    this.txDeadline = Date.now() + rounds * this.cfg.timeoutMs + extraMs;
    try {
      return await fn();
    } finally {
      this.txDeadline = Infinity;
    }
  }

  private async accept(m: MeterSlot, reading: TelemetryReading): Promise<void> {
    const key = `${reading.seq}:${reading.ts}`;
    if (m.recent.includes(key) || m.pending.some((p) => p.seq === reading.seq && p.ts === reading.ts)) {
      m.stats.duplicates++;
      serialDuplicates.inc({ channel: this.name });
      return;
    }
    m.recent.push(key);
    if (m.recent.length > RECENT) m.recent.shift();
    m.pending.push(reading);
    await this.flushMeter(m);
  }

  private async flushPending(): Promise<void> {
    for (const m of this.meters.values()) if (m.pending.length) await this.flushMeter(m);
  }

  private async flushMeter(m: MeterSlot): Promise<void> {
    while (m.pending.length) {
      const r = m.pending[0]!;
      try {
        await this.o.sink.reading(m.cfg.id, r);
      } catch (err) {
        this.log.error({ meter: m.cfg.id, seq: r.seq, err }, 'reading not made durable; kept for retry');
        if (m.pending.length > MAX_PENDING) {
          const dropped = m.pending.shift()!;
          this.log.error({ meter: m.cfg.id, seq: dropped.seq }, 'pending readings overflow: oldest dropped');
        }
        await sleep(Math.min(1000, this.cfg.timeoutMs));
        return;
      }
      m.pending.shift();
      m.stats.readings++;
      m.stats.lastReadingAt = Date.now();
    }
  }

  private async setOnline(m: MeterSlot, online: boolean): Promise<void> {
    if (m.stats.online === online) return;
    m.stats.online = online;
    try {
      await this.o.sink.presence?.(m.cfg.id, online);
    } catch (err) {
      this.log.warn({ meter: m.cfg.id, err }, 'presence update failed');
    }
  }

  // ---------- commands ----------

  private ack(cmd: SerialCommand, status: CommandAck['status'], result: string, detail?: string): CommandAck {
    return { v: 1, ref: cmd.ref, ts: Date.now(), status, result: result.slice(0, 64), ...(detail ? { detail: detail.slice(0, 256) } : {}) };
  }

  /**
   * Ends a queued command. Only the meter's own answer goes to the sink (the gateway's ack path into the one command
   * lifecycle, gateway/commands.ts); when the bus could not reach the meter (port gone, timeout, queue deadline) the
   * caller of deliver() learns it, but the lifecycle is left to the command service: it re-sends after its back-off
   * and expires the command at its own deadline, exactly as for MQTT meters.
   */
  private finish(q: QueuedCommand, ack: CommandAck, fromMeter: boolean): CommandAck {
    if (ack.status !== 'failed') {
      this.acked.set(`${q.meterId}\u0000${q.cmd.ref}`, ack);
      if (this.acked.size > 1024) this.acked.delete(this.acked.keys().next().value!);
    }
    if (fromMeter) Promise.resolve(this.o.sink.ack?.(q.meterId, ack)).catch((err: unknown) => this.log.warn({ meter: q.meterId, ref: ack.ref, err }, 'ack hand-off failed'));
    return ack;
  }

  private async runCommand(q: QueuedCommand): Promise<void> {
    const m = this.meters.get(q.meterId)!;
    this.transactions++;
    let ack: CommandAck;
    let fromMeter = true;
    const rx0 = this.link.rxBytes;
    try {
      ack = await this.bounded(() => this.program(m.cfg, q.cmd), roundsOf(q.cmd), this.wireMs(payloadBytesOf(q.cmd)));
      serialTransactions.inc({ channel: this.name, kind: 'command', outcome: 'ok' });
      this.silentTransactions = 0;
    } catch (e) {
      const err = toTransactionError(e);
      serialTransactions.inc({ channel: this.name, kind: 'command', outcome: err.code });
      this.log.warn({ meter: q.meterId, ref: q.cmd.ref, type: q.cmd.type, code: err.code, err: err.message }, 'serial command failed');
      ack = this.ack(q.cmd, 'failed', err.code === 'timeout' ? 'timeout' : err.code === 'link' ? 'port_unavailable' : 'protocol_error', err.message);
      fromMeter = false;
      await this.afterFailure();
      this.checkSilence(this.link.rxBytes === rx0 && err.code !== 'link');
    }
    this.log.info({ meter: q.meterId, ref: ack.ref, type: q.cmd.type, status: ack.status, result: ack.result }, 'serial command done');
    q.resolve(this.finish(q, ack, fromMeter));
    // The registers changed: read the meter soon so the new credit/relay shows up.
    m.nextDue = Math.min(m.nextDue, Date.now() + this.cfg.guardMs);
  }

  /** Programming mode: sign-on with option select 1, P0 from the meter, P1 password, W1/R1 per the Raseed profile, B0. */
  private async program(meter: SerialMeterConfig, cmd: SerialCommand): Promise<CommandAck> {
    const t = this.cfg.timeoutMs;
    await this.signOn(meter, 'programming');
    await this.expect(t, 'password operand (P0)', (e) => e.type === 'command' && e.command === 'P', true);
    if (meter.password !== undefined) {
      await this.link.write(encodePassword(meter.password), t);
      const a = await this.expect(t, 'password answer', (e) => e.type === 'ack' || e.type === 'nak' || e.type === 'data');
      if (a.type !== 'ack') throw new SerialTransactionError('refused', `${meter.id}: password refused`);
    }
    let ack: CommandAck;
    switch (cmd.type) {
      case 'token': {
        const w = await this.write(meter, OBIS.tokenEntry, cmd.token);
        if (w !== true) { ack = this.ack(cmd, 'rejected', w, 'token write refused by the meter'); break; }
        const ds = await this.read(meter, OBIS.tokenResult);
        const res = parseTokenResult(ds);
        ack = this.ack(cmd, res.result === 'accept' ? 'ok' : 'rejected', res.result, res.creditedWh !== undefined ? `credited ${res.creditedWh} Wh` : undefined);
        break;
      }
      case 'relay': {
        const w = await this.write(meter, OBIS.relay, cmd.action === 'disconnect' ? RELAY_DIGIT.open : RELAY_DIGIT.closed);
        if (w !== true) { ack = this.ack(cmd, w === 'no_credit' || w === 'tampered' ? 'rejected' : 'failed', w, 'relay write refused by the meter'); break; }
        const ds = await this.read(meter, OBIS.relay);
        const state = relayStateOf(ds.values[0]?.value ?? '');
        ack = this.ack(cmd, 'ok', state);
        break;
      }
      case 'timeSync': {
        const clock = epochMsToClock(cmd.ts);
        const wd = await this.write(meter, OBIS.date, clock.date);
        const wt = wd === true ? await this.write(meter, OBIS.time, clock.time.slice(0, 6)) : wd;
        ack = wt === true ? this.ack(cmd, 'ok', 'synced') : this.ack(cmd, 'rejected', wt, 'clock write refused by the meter');
        break;
      }
      case 'firmware':
      case 'firmwareChunk':
      case 'firmwareInstall':
        ack = await this.firmware(meter, cmd);
        break;
    }
    try { await this.link.write(encodeBreak(), t); } catch {}
    await this.restoreBaud();
    return ack;
  }

  /**
   * Firmware to a serial meter (protocols/iec62056/firmware.ts): the offer (C.60.1), a chunk as blocks (C.60.2) closed
   * by its SHA-256 (C.60.3), the install (C.60.4); the bootloader's status (C.60.0) gives what the head end needs to
   * resume (have=N) and the version running. The meter verifies; this side only carries. Status and result follow
   * the MQTT bootloader's: a chunk refused for its hash is 'failed' (sent again), an install that fails is 'failed'.
   */
  private async firmware(meter: SerialMeterConfig, cmd: Extract<SerialCommand, { type: 'firmware' | 'firmwareChunk' | 'firmwareInstall' }>): Promise<CommandAck> {
    const status = async () => parseFirmwareStatus(await this.read(meter, FW_OBIS.status));
    switch (cmd.type) {
      case 'firmware': {
        const w = await this.writeSet(meter, encodeFirmwareOffer({ firmwareId: cmd.firmwareId, manifest: cmd.manifest, signature: cmd.signature }));
        if (w !== true) return this.ack(cmd, 'rejected', w, 'firmware offer refused by the meter');
        const st = await status();
        return this.ack(cmd, 'ok', 'offered', `have=${st.have} model=${st.model} version=${st.version}`);
      }
      case 'firmwareChunk': {
        const data = Buffer.from(cmd.data, 'base64');
        for (const block of encodeFirmwareBlocks(cmd.index, data)) {
          const w = await this.writeSet(meter, block);
          if (w !== true) return this.ack(cmd, 'failed', w, `block of chunk ${cmd.index} refused by the meter`);
        }
        const w = await this.writeSet(meter, encodeFirmwareCommit({ firmwareId: cmd.firmwareId, index: cmd.index, sha256: cmd.sha256 }));
        if (w !== true) return this.ack(cmd, w === 'chunk_hash' ? 'failed' : 'rejected', w, `chunk ${cmd.index} refused by the meter`);
        const st = await status();
        return this.ack(cmd, 'ok', 'chunk', `have=${st.have}`);
      }
      case 'firmwareInstall': {
        const w = await this.writeSet(meter, encodeFirmwareInstall(cmd.firmwareId));
        const st = await status();
        if (w !== true) return this.ack(cmd, 'failed', w, `install refused by the meter; running version=${st.version}`);
        return this.ack(cmd, 'ok', 'updated', `version=${st.version}`);
      }
    }
  }

  /** Time `bytes` take on the line at the slowest rate this bus uses (its sign-on rate), ms. */
  private wireMs(bytes: number): number {
    return Math.ceil((bytes * 11 * 1000) / this.cfg.baudRate);
  }

  /** W1 of one register value; see writeSet. */
  private write(meter: SerialMeterConfig, address: string, value: string): Promise<true | string> {
    return this.writeSet(meter, { address, values: [{ value }] });
  }

  /** W1; true if the meter acknowledged, else its error text (without `ERR:`) or 'nak'. */
  private async writeSet(meter: SerialMeterConfig, ds: DataSet): Promise<true | string> {
    const address = ds.address;
    const frame = encodeCommand({ command: 'W', commandType: '1', dataSet: ds });
    // A NAK asks for the message again (it did not arrive intact): repeated up to twice.
    for (let attempt = 0; ; attempt++) {
      // A firmware block is a kilobyte: its time on the wire (11 bits a character) comes on top of the timeout.
      await this.link.write(frame, this.cfg.timeoutMs + this.wireMs(frame.length));
      const a = await this.expect(this.cfg.timeoutMs, `answer to W1 ${address}`, (e) => e.type === 'ack' || e.type === 'nak' || e.type === 'data');
      if (a.type === 'ack') return true;
      if (a.type === 'nak') { if (attempt < 2) continue; return 'nak'; }
      if (a.type === 'data' && isErrorMessage(a)) return errorText(a);
      if (a.type === 'error') throw new SerialTransactionError('protocol', `${meter.id}: ${a.error.message}`);
      throw new SerialTransactionError('protocol', `${meter.id}: unexpected answer to W1 ${address}`);
    }
  }

  /** R1; the data set the meter returns for `address`. A bad BCC is answered with NAK (the meter repeats). */
  private async read(meter: SerialMeterConfig, address: string) {
    await this.link.write(encodeRead(address), this.cfg.timeoutMs);
    for (let naks = 0; ; ) {
      const a = await this.expect(this.cfg.timeoutMs, `answer to R1 ${address}`, (e) => e.type === 'data' || e.type === 'nak');
      if (a.type === 'error' && a.error.code === 'bcc' && naks < 2) {
        naks++;
        await this.link.write(encodeNak(), this.cfg.timeoutMs);
        continue;
      }
      if (a.type === 'error') throw new SerialTransactionError('protocol', `${meter.id}: ${a.error.message}`);
      if (a.type !== 'data') throw new SerialTransactionError('protocol', `${meter.id}: R1 ${address} answered with NAK`);
      if (isErrorMessage(a)) throw new SerialTransactionError('refused', `${meter.id}: R1 ${address} refused: ${errorText(a)}`);
      const ds = findDataSet(a.dataSets, address);
      if (!ds) throw new SerialTransactionError('protocol', `${meter.id}: R1 ${address} answered without that register`);
      return ds;
    }
  }
}

/** Time a command's transaction may take, in timeouts: sign-on and a few writes, or one per block of a firmware chunk. */
function roundsOf(cmd: SerialCommand): number {
  if (cmd.type !== 'firmwareChunk') return cmd.type === 'firmware' || cmd.type === 'firmwareInstall' ? 6 : 4;
  return 6 + Math.ceil((cmd.data.length * 3) / 4 / FW_BLOCK_BYTES);
}

/** Characters a command puts on the line beyond its framing: a firmware chunk's image bytes travel as two hex digits each. */
function payloadBytesOf(cmd: SerialCommand): number {
  if (cmd.type === 'firmwareChunk') return Math.ceil((cmd.data.length * 3) / 4) * 2;
  if (cmd.type === 'firmware') return 2 * JSON.stringify({ manifest: cmd.manifest, signature: cmd.signature }).length;
  return 0;
}

const MODE_C_RATES = Object.values(MODE_C_BAUD).sort((a, b) => a - b);
/** The highest mode C rate not above `rate` (300 at least). */
function modeCRateAtMost(rate: number): number {
  let best = MODE_C_RATES[0]!;
  for (const r of MODE_C_RATES) if (r <= rate) best = r;
  return best;
}

function errorText(f: DataFrame): string {
  const v = f.dataSets[0]?.values[0]?.value ?? 'ERROR';
  return v.replace(/^ERR(OR)?:?/i, '') || 'error';
}

function toTransactionError(e: unknown): SerialTransactionError {
  if (e instanceof SerialTransactionError) return e;
  if (e instanceof SerialLinkError) return new SerialTransactionError(e.code === 'timeout' ? 'timeout' : 'link', e.message);
  if (e instanceof Iec62056Error) return new SerialTransactionError('protocol', e.message);
  return new SerialTransactionError('protocol', e instanceof Error ? e.message : String(e));
}
