// The one command lifecycle shared by every meter command, whatever its kind (token delivery, relay,
// time sync, and whatever a module declares next: firmware, configuration): a record with a reference,
// delivered on the meter's command topic (QoS 1) or its serial bus, re-sent with back-off while
// unacknowledged, expired after its deadline, and closed by the meter's ack with the same reference.
// A redelivered ack changes nothing; the meter applies a redelivered command once.
//
// Kinds are an open registry: a CommandKind names its `type`, validates its body (zod), says what the
// record's `action` column shows, and builds the wire form. The service, the store, the topics and the
// console handle any registered kind; an unregistered kind is refused before anything is stored.
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { newReference, type CommandAck, type CommandEnvelope } from '../protocols/index.ts';
import { DomainError, UnknownMeterError, periodic, type Db, type Logger, type PeriodicJob, type SecretBox } from '../platform/index.ts';
import { dueCommands, expiredCommands, finishCommand, getCommand, insertCommand, listCommands, markSent, type CommandRecord } from './command-store.ts';
import type { CommandTransport } from './mqtt.ts';

/** The body of a command as a module issues it: `type` names its kind, the rest is the kind's. */
export type CommandBody = { type: string } & Record<string, unknown>;

export interface CommandKind<B extends CommandBody = CommandBody> {
  type: B['type'];
  /** Validates a body of this kind (including its `type`). */
  body: z.ZodType<B>;
  /** What the record's `action` shows (e.g. disconnect/reconnect), null if nothing. */
  action?(body: B): string | null;
  /** The kind's own fields on the wire, beside the envelope (v, ref, expiresAt, type); `now` is the send time. */
  wire(body: B, now: number): Record<string, unknown>;
}

export class UnknownCommandKindError extends DomainError {
  constructor(type: string) {
    super('invalid', 'unknown_command_kind', `no module handles commands of kind "${String(type).slice(0, 40)}"`);
  }
}

export interface IssueOptions {
  issuer: string;
  reason?: string | null;
  note?: string | null;
  /** How long the head end keeps trying (default 24 h). */
  ttlMs?: number;
  /** Use this reference (e.g. the top-up's own), otherwise a new C-reference. */
  reference?: string;
  /**
   * Store the record only; the caller sends it with dispatch() once its own state says the command exists (so the
   * meter's answer can never come first). Should the caller die before that, the sweep sends it after the first back-off.
   */
  deferSend?: boolean;
}

export interface CommandServiceOptions {
  db: Db;
  box: SecretBox;
  transport: CommandTransport | null;
  logger: Logger;
  now?: () => number;
  /** First retry after this, doubling up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Sweep interval for retries and expiry. */
  sweepMs?: number;
  /** Is the meter connected now? Unknown meters are tried anyway. */
  isOnline?: (meterId: string) => boolean | undefined;
  /** Does the registry know this meter? (a command for an unknown meter is refused, nothing stored) */
  meterExists: (meterId: string) => Promise<boolean>;
}

export interface CommandEvents {
  /** A command ended: acknowledged, rejected, failed or expired. */
  finished: [CommandRecord];
  sent: [CommandRecord];
}

/** Time sync belongs to the gateway itself: the meter sets its clock to the head end's at the send time. */
const TIME_SYNC: CommandKind<{ type: 'timeSync' }> = {
  type: 'timeSync',
  body: z.object({ type: z.literal('timeSync') }).strict(),
  wire: (_b, now) => ({ ts: now }),
};

export class CommandService extends EventEmitter<CommandEvents> {
  private readonly sweeper: PeriodicJob;
  private readonly kinds = new Map<string, CommandKind>();
  private readonly o: Required<Omit<CommandServiceOptions, 'transport' | 'isOnline'>> & Pick<CommandServiceOptions, 'transport' | 'isOnline'>;

  constructor(o: CommandServiceOptions) {
    super();
    this.o = { now: () => Date.now(), baseBackoffMs: 5_000, maxBackoffMs: 300_000, sweepMs: 1_000, ...o };
    this.sweeper = periodic('command sweep', this.o.sweepMs, () => this.sweepOnce(), this.o.logger);
    this.register(TIME_SYNC);
  }

  private now(): number {
    return this.o.now();
  }

  /** Adds a command kind (modules declare theirs in ModuleInstance.commandKinds). A kind is registered once. */
  register<B extends CommandBody>(kind: CommandKind<B>): void {
    if (this.kinds.has(kind.type)) throw new Error(`command kind ${kind.type} is registered twice`);
    this.kinds.set(kind.type, kind as unknown as CommandKind);
  }

  /** The registered kinds' types. */
  kindTypes(): string[] {
    return [...this.kinds.keys()];
  }

  start(): void {
    this.sweeper.start();
  }

  stop(): Promise<void> {
    return this.sweeper.stop();
  }

  /**
   * Creates a command record and tries to deliver it now. Unknown meter: UnknownMeterError; a kind no module
   * registered or a body its schema refuses: UnknownCommandKindError / DomainError 'invalid'. Nothing is stored then.
   */
  async issue(meterId: string, input: CommandBody, o: IssueOptions): Promise<CommandRecord> {
    const kind = this.kinds.get(input.type);
    if (!kind) throw new UnknownCommandKindError(input.type);
    const parsed = kind.body.safeParse(input);
    if (!parsed.success) throw new DomainError('invalid', 'bad_command', `not a valid ${kind.type} command`);
    const body = parsed.data;
    if (!(await this.o.meterExists(meterId))) throw new UnknownMeterError(meterId);
    const now = this.now();
    const rec = await insertCommand(this.o.db, {
      reference: o.reference ?? newReference('C'),
      meterId,
      type: body.type,
      action: kind.action?.(body) ?? null,
      payloadSealed: this.o.box.seal(JSON.stringify(body)),
      issuer: o.issuer,
      reason: o.reason ?? null,
      note: o.note ?? null,
      createdAt: now,
      nextAttemptAt: o.deferSend ? now + this.o.baseBackoffMs : now,
      expiresAt: now + (o.ttlMs ?? 24 * 3600_000),
    });
    if (o.deferSend) return rec;
    return this.dispatch(rec);
  }

  /** Sends a stored command now (see IssueOptions.deferSend); returns it as it then stands (sent, answered, or as it was when the meter is offline). */
  async dispatch(rec: CommandRecord): Promise<CommandRecord> {
    return (await this.send(rec)) ?? (await getCommand(this.o.db, rec.reference)) ?? rec;
  }

  get(reference: string): Promise<CommandRecord | null> {
    return getCommand(this.o.db, reference);
  }

  history(meterId: string, limit?: number): Promise<CommandRecord[]> {
    return listCommands(this.o.db, meterId, limit);
  }

  /** The wire form of a record (decrypts its payload). A kind no longer registered cannot be sent. */
  wire(rec: CommandRecord): CommandEnvelope {
    const body = JSON.parse(this.o.box.open(rec.payloadSealed)) as CommandBody;
    const kind = this.kinds.get(body.type);
    if (!kind) throw new UnknownCommandKindError(body.type);
    return { ...kind.wire(body, this.now()), v: 1, ref: rec.reference, expiresAt: rec.expiresAt, type: body.type };
  }

  private backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** Math.max(0, attempts));
  }

  /** Publishes a command and records the send; returns the record as it now stands, or null when nothing was recorded. */
  private async send(rec: CommandRecord): Promise<CommandRecord | null> {
    const t = this.o.transport;
    if (!t) return null;
    const online = this.o.isOnline?.(rec.meterId);
    const now = this.now();
    if (online === false) return null; // delivered when the meter comes back
    try {
      await t.send(rec.meterId, this.wire(rec));
      // Listeners get the record as it now stands; none when the meter answered before the send was recorded.
      const sent = await markSent(this.o.db, rec.reference, now, now + this.backoff(rec.attempts));
      if (sent) this.emit('sent', sent);
      return sent;
    } catch (err) {
      this.o.logger.warn({ err, ref: rec.reference, meter: rec.meterId }, 'command send failed; will retry');
      return null;
    }
  }

  /** The meter answered. Returns the finished record, or null for an unknown or already finished reference. */
  async onAck(meterId: string, ack: CommandAck): Promise<CommandRecord | null> {
    const status = ack.status === 'ok' ? 'acknowledged' : ack.status === 'rejected' ? (ack.result === 'expired' ? 'expired' : 'rejected') : 'failed';
    const rec = await finishCommand(this.o.db, ack.ref, meterId, status, ack.result, ack.detail ?? null, this.now());
    if (rec) this.emit('finished', rec);
    return rec;
  }

  /** A meter came online: deliver what waits for it at once. */
  async onOnline(meterId: string): Promise<void> {
    for (const rec of await dueCommands(this.o.db, this.now(), meterId)) await this.send({ ...rec });
  }

  /** Retries and expiry; runs every sweepMs (or now, joining a sweep in progress). */
  sweep(): Promise<void> {
    return this.sweeper.run();
  }

  private async sweepOnce(): Promise<void> {
    const now = this.now();
    for (const rec of await expiredCommands(this.o.db, now)) {
      const done = await finishCommand(this.o.db, rec.reference, rec.meterId, 'expired', 'expired', 'no acknowledgement from the meter before the deadline', now);
      if (done) this.emit('finished', done);
    }
    for (const rec of await dueCommands(this.o.db, now)) await this.send(rec);
  }
}
