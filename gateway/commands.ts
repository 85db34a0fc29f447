// The command lifecycle shared by every meter command (relay, token delivery, time sync):
// a record with a reference, delivered on the meter's command topic (QoS 1), re-sent with back-off
// while unacknowledged, expired after its deadline, and closed by the meter's ack with the same
// reference. A redelivered ack changes nothing; the meter applies a redelivered command once.
import { EventEmitter } from 'node:events';
import { newReference, type CommandAck, type MeterCommand } from '../protocols/index.ts';
import {
  dueCommands, expiredCommands, finishCommand, getCommand, insertCommand, listCommands, markSent, requireMeter,
  type CommandRecord, type Db, type SecretBox,
} from '../store/index.ts';
import type { Logger } from '../config/index.ts';
import type { CommandTransport } from './mqtt.ts';

export type CommandBody =
  | { type: 'token'; token: string }
  | { type: 'relay'; action: 'disconnect' | 'reconnect' }
  | { type: 'timeSync' };

export interface IssueOptions {
  issuer: string;
  reason?: string | null;
  note?: string | null;
  /** How long the head end keeps trying (default 24 h). */
  ttlMs?: number;
  /** Use this reference (e.g. the top-up's own), otherwise a new C-reference. */
  reference?: string;
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
}

export interface CommandEvents {
  /** A command ended: acknowledged, rejected, failed or expired. */
  finished: [CommandRecord];
  sent: [CommandRecord];
}

export class CommandService extends EventEmitter<CommandEvents> {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private readonly o: Required<Omit<CommandServiceOptions, 'transport' | 'isOnline'>> & Pick<CommandServiceOptions, 'transport' | 'isOnline'>;

  constructor(o: CommandServiceOptions) {
    super();
    this.o = { now: () => Date.now(), baseBackoffMs: 5_000, maxBackoffMs: 300_000, sweepMs: 1_000, ...o };
  }

  private now(): number {
    return this.o.now();
  }

  start(): void {
    if (!this.timer) this.timer = setInterval(() => void this.sweep(), this.o.sweepMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** Creates a command record and tries to deliver it now. Unknown meter: UnknownMeterError, nothing stored. */
  async issue(meterId: string, body: CommandBody, o: IssueOptions): Promise<CommandRecord> {
    await requireMeter(this.o.db, meterId);
    const now = this.now();
    const rec = await insertCommand(this.o.db, {
      reference: o.reference ?? newReference('C'),
      meterId,
      type: body.type,
      action: body.type === 'relay' ? body.action : null,
      payloadSealed: this.o.box.seal(JSON.stringify(body)),
      issuer: o.issuer,
      reason: o.reason ?? null,
      note: o.note ?? null,
      createdAt: now,
      nextAttemptAt: now,
      expiresAt: now + (o.ttlMs ?? 24 * 3600_000),
    });
    await this.send(rec);
    return (await getCommand(this.o.db, rec.reference)) ?? rec;
  }

  get(reference: string): Promise<CommandRecord | null> {
    return getCommand(this.o.db, reference);
  }

  history(meterId: string, limit?: number): Promise<CommandRecord[]> {
    return listCommands(this.o.db, meterId, limit);
  }

  /** The wire form of a record (decrypts its payload). */
  wire(rec: CommandRecord): MeterCommand {
    const body = JSON.parse(this.o.box.open(rec.payloadSealed)) as CommandBody;
    const base = { v: 1 as const, ref: rec.reference, expiresAt: rec.expiresAt };
    if (body.type === 'token') return { ...base, type: 'token', token: body.token };
    if (body.type === 'relay') return { ...base, type: 'relay', action: body.action };
    return { ...base, type: 'timeSync', ts: this.now() };
  }

  private backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** Math.max(0, attempts));
  }

  private async send(rec: CommandRecord): Promise<void> {
    const t = this.o.transport;
    if (!t) return;
    const online = this.o.isOnline?.(rec.meterId);
    const now = this.now();
    if (online === false) return; // delivered when the meter comes back
    try {
      await t.send(rec.meterId, this.wire(rec));
      const nextAttemptAt = now + this.backoff(rec.attempts);
      await markSent(this.o.db, rec.reference, now, nextAttemptAt);
      // Listeners get the record as it now stands, not as it was before the send.
      this.emit('sent', { ...rec, status: 'sent', attempts: rec.attempts + 1, sentAt: rec.sentAt ?? now, nextAttemptAt });
    } catch (err) {
      this.o.logger.warn({ err, ref: rec.reference, meter: rec.meterId }, 'command send failed; will retry');
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

  /** Retries and expiry; runs every sweepMs. */
  sweep(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        const now = this.now();
        for (const rec of await expiredCommands(this.o.db, now)) {
          const done = await finishCommand(this.o.db, rec.reference, rec.meterId, 'expired', 'expired', 'no acknowledgement from the meter before the deadline', now);
          if (done) this.emit('finished', done);
        }
        for (const rec of await dueCommands(this.o.db, now)) await this.send(rec);
      } catch (err) {
        this.o.logger.error({ err }, 'command sweep failed');
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }
}
