// The outbox: a message is a row written in the same transaction as the event that causes it (enqueue(tx,
// …)), one row per (event, channel, recipient) — the unique key makes a replayed event a no-op. A worker
// (deliverDue, run by the module's periodic job) claims due rows with FOR UPDATE SKIP LOCKED and a lease,
// sends them through the channel, and marks the outcome: delivered (the peer confirmed), sent (a receipt
// may follow: SMPP), queued again with back-off (temporary refusal), dead (permanent refusal or attempts
// used up: a dead letter an operator sees and can retry). A worker that dies between send and mark leaves
// its row "sending"; when the lease runs out the row is sent again — at-least-once to the peer, with the
// same idempotency key (webhook Idempotency-Key, e-mail Message-ID); see docs/notifications.md.
import type { Db, Logger, Queryable, SecretBox } from '../../platform/index.ts';
import { localParts, localToInstant } from '../policy/index.ts';
import type { Channel, ChannelName, DeliveryReceipt } from './channel.ts';
import { ChannelError } from './channel.ts';
import { smsLayout } from './sms.ts';
import { languageOf, OPTIONAL_KINDS, render, URGENT_KINDS, type Language, type MessageData, type RenderOptions } from './templates.ts';

interface Recipient {
  subscriberId: number | null;
  language: Language;
  phone: string | null;
  email: string | null;
}

export const STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'dead'] as const;
export type OutboxState = (typeof STATES)[number];

export interface OutboxRecord {
  id: number;
  eventKey: string;
  kind: string;
  channel: ChannelName;
  recipient: string;
  subscriberId: number | null;
  meterId: string | null;
  language: Language;
  urgent: boolean;
  subject: string | null;
  /** The text with the token masked. */
  preview: string;
  smsEncoding: string | null;
  smsParts: number | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  providerIds: string[];
  createdAt: number;
  sentAt: number | null;
  deliveredAt: number | null;
}

export interface OutboxOptions {
  db: Db;
  box: SecretBox;
  logger: Logger;
  render: RenderOptions;
  /** Channels configured in this process (SMPP_URL, SMTP_URL, WEBHOOK_URL); rows of other channels wait. */
  channels: Partial<Record<ChannelName, Channel>>;
  /** Webhook rows are written only when a webhook is configured (it is the utility's integration, not a subscriber's contact). */
  webhook: boolean;
  now?: () => number;
  /** Attempts before a message becomes a dead letter (default 8). */
  maxAttempts?: number;
  /** How long a claimed row is the claimer's (default 60 s): after that a dead worker's row is sent again. */
  leaseMs?: number;
  /** Back-off before attempt n+1 (default 30 s · 2^(n-1), at most 1 h, ±20 % jitter). */
  backoffMs?: (attempts: number) => number;
  /** Quiet hours (local, [start, end) in hours) for kinds that are not urgent; default 21–7. null: none. */
  quietHours?: [number, number] | null;
  /** Test hook: SIGKILL the process after the peer took a message and before it is marked (RASEED_NOTIFY_CRASH_AFTER_SEND). */
  crashAfterSend?: boolean;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v == null ? null : Number(v));

function toRecord(r: Row): OutboxRecord {
  return {
    id: Number(r.id), eventKey: r.event_key as string, kind: r.kind as string, channel: r.channel as ChannelName, recipient: r.recipient as string,
    subscriberId: num(r.subscriber_id), meterId: (r.meter_id as string) ?? null, language: languageOf(r.language), urgent: Boolean(r.urgent),
    subject: (r.subject as string) ?? null, preview: r.preview as string, smsEncoding: (r.sms_encoding as string) ?? null, smsParts: num(r.sms_parts),
    state: r.state as OutboxState, attempts: Number(r.attempts), nextAttemptAt: Number(r.next_attempt_at_ms), lastError: (r.last_error as string) ?? null,
    providerIds: r.provider_id ? String(r.provider_id).split(' ') : [], createdAt: Number(r.created_at_ms), sentAt: num(r.sent_at_ms), deliveredAt: num(r.delivered_at_ms),
  };
}

export interface ListFilter {
  subscriberId?: number;
  meterId?: string;
  state?: OutboxState;
  channel?: ChannelName;
  beforeId?: number;
  limit?: number;
}

export class Outbox {
  private readonly now: () => number;
  constructor(private readonly o: OutboxOptions) {
    this.now = o.now ?? Date.now;
    for (const c of Object.values(o.channels)) c?.onReceipt((r) => void this.receipt(c.name, r).catch((err) => o.logger.error({ err }, 'delivery receipt not recorded')));
  }

  /** Who gets messages about a meter: its subscriber's contacts and language. */
  private async recipients(tx: Queryable, meterId: string): Promise<Recipient> {
    const r = await tx.query<Row>('SELECT s.id, s.phone, s.email, s.language FROM meters m JOIN subscribers s ON s.id = m.subscriber_id WHERE m.id = $1', [meterId]);
    const s = r.rows[0];
    if (!s) return { subscriberId: null, language: 'ar', phone: null, email: null };
    return { subscriberId: Number(s.id), language: languageOf(s.language), phone: (s.phone as string) || null, email: (s.email as string) || null };
  }

  /** When a message of this kind may go: now, or at the end of quiet hours (local time) for a kind that is not urgent. */
  private notBefore(kind: string, at: number): number {
    const q = this.o.quietHours === undefined ? ([21, 7] as [number, number]) : this.o.quietHours;
    if (!q || URGENT_KINDS.includes(kind as never)) return at;
    const p = localParts(at, this.o.render.timeZone);
    const h = p.hour;
    const quiet = q[0] > q[1] ? h >= q[0] || h < q[1] : h >= q[0] && h < q[1];
    if (!quiet) return at;
    const end = localToInstant(p.date, q[1] * 60, this.o.render.timeZone);
    return end > at ? end : end + 24 * 3600_000;
  }

  /**
   * Writes the messages an event causes, inside the caller's transaction. Returns how many rows were new
   * (0 when the event was already written: replays are no-ops).
   */
  async enqueue(tx: Queryable, eventKey: string, meterId: string, data: MessageData): Promise<number> {
    return this.write(tx, eventKey, await this.recipients(tx, meterId), meterId, data);
  }

  /** The same for a message to a subscriber directly (a desk case may name no meter). */
  async enqueueToSubscriber(tx: Queryable, eventKey: string, subscriberId: number, meterId: string | null, data: MessageData): Promise<number> {
    const r = await tx.query<Row>('SELECT id, phone, email, language FROM subscribers WHERE id = $1', [subscriberId]);
    const s = r.rows[0];
    const who = s ? { subscriberId: Number(s.id), language: languageOf(s.language), phone: (s.phone as string) || null, email: (s.email as string) || null }
      : { subscriberId: null, language: 'ar' as Language, phone: null, email: null };
    return this.write(tx, eventKey, who, meterId, data);
  }

  private async write(tx: Queryable, eventKey: string, who: Recipient, meterId: string | null, data: MessageData): Promise<number> {
    const at = this.now();
    const r = render(data, who.language, this.o.render);
    const rows: { channel: ChannelName; to: string }[] = [];
    const optedOut = who.subscriberId !== null && OPTIONAL_KINDS.includes(data.kind)
      && (await tx.query('SELECT 1 FROM notification_opt_outs WHERE subscriber_id = $1 AND kind = $2', [who.subscriberId, data.kind])).rows.length > 0;
    if (who.phone && !optedOut) rows.push({ channel: 'sms', to: who.phone });
    if (who.email && !optedOut) rows.push({ channel: 'email', to: who.email });
    if (this.o.webhook) rows.push({ channel: 'webhook', to: who.phone ?? who.email ?? (meterId ? `meter:${meterId}` : `subscriber:${who.subscriberId ?? 'unknown'}`) });
    const next = this.notBefore(data.kind, at);
    const sms = smsLayout(r.text);
    let n = 0;
    for (const x of rows) {
      const u = await tx.query(
        `INSERT INTO notification_outbox (event_key, kind, channel, recipient, subscriber_id, meter_id, language, urgent, subject, body_sealed, preview, sms_encoding, sms_parts, next_attempt_at_ms, created_at_ms, updated_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) ON CONFLICT (event_key, channel, recipient) DO NOTHING`,
        [eventKey, data.kind, x.channel, x.to, who.subscriberId, meterId, who.language, URGENT_KINDS.includes(data.kind), r.subject, this.o.box.seal(r.text), r.preview,
          x.channel === 'sms' ? sms.encoding : null, x.channel === 'sms' ? sms.parts : null, next, at],
      );
      n += u.affectedRows ?? 0;
    }
    return n;
  }

  /** enqueue inside a savepoint: a failure here is logged and never rolls back the caller's event (a payment, a cut). */
  async enqueueGuarded(tx: Queryable, eventKey: string, meterId: string, data: MessageData): Promise<number> {
    await tx.query('SAVEPOINT notifications_outbox');
    try {
      const n = await this.enqueue(tx, eventKey, meterId, data);
      await tx.query('RELEASE SAVEPOINT notifications_outbox');
      return n;
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT notifications_outbox');
      this.o.logger.error({ err: (err as Error).message, event: eventKey.split(':')[0], meter: meterId }, 'notification not written to the outbox');
      return 0;
    }
  }

  /** Claims due rows for the configured channels (a dead worker's expired lease included). */
  private async claim(limit: number): Promise<Row[]> {
    const names = Object.keys(this.o.channels);
    if (!names.length) return [];
    const now = this.now();
    return this.o.db.transaction(async (tx) => {
      const r = await tx.query<Row>(
        `SELECT id FROM notification_outbox
          WHERE channel = ANY($1::text[]) AND ((state = 'queued' AND next_attempt_at_ms <= $2) OR (state = 'sending' AND lease_until_ms < $2))
          ORDER BY next_attempt_at_ms, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [names, now, limit],
      );
      if (!r.rows.length) return [];
      const u = await tx.query<Row>(
        `UPDATE notification_outbox SET state = 'sending', attempts = attempts + 1, lease_until_ms = $2, updated_at_ms = $3 WHERE id = ANY($1::bigint[]) RETURNING *`,
        [r.rows.map((x) => Number(x.id)), now + (this.o.leaseMs ?? 60_000), now],
      );
      return u.rows.sort((a, b) => Number(a.next_attempt_at_ms) - Number(b.next_attempt_at_ms) || Number(a.id) - Number(b.id));
    });
  }

  /**
   * A receipt can arrive while its send is being marked (other connection, other transaction): each side
   * takes a transaction lock per provider id first, so whichever commits second sees the other's rows.
   */
  private async lockIds(tx: Queryable, channel: string, ids: string[]): Promise<void> {
    if (this.o.db.kind !== 'postgres') return; // PGlite: one connection, transactions already serialised
    for (const id of [...ids].sort()) await tx.query('SELECT pg_advisory_xact_lock(7262734, hashtext($1))', [`${channel}:${id}`]);
  }

  private backoff(attempts: number): number {
    if (this.o.backoffMs) return this.o.backoffMs(attempts);
    const base = Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Sends what is due; returns how many were handed to a peer. */
  async deliverDue(limit = 50): Promise<number> {
    const rows = await this.claim(limit);
    let sent = 0;
    for (const row of rows) if (await this.deliverOne(row)) sent++;
    return sent;
  }

  private async deliverOne(row: Row): Promise<boolean> {
    const rec = toRecord(row);
    const channel = this.o.channels[rec.channel];
    if (!channel) return false;
    const at = () => this.now();
    try {
      const res = await channel.send({
        idempotencyKey: `${rec.eventKey}|${rec.channel}|${rec.recipient}`, kind: rec.kind, to: rec.recipient, language: rec.language,
        subject: rec.subject, text: this.o.box.open(row.body_sealed as string), meterId: rec.meterId,
      });
      if (this.o.crashAfterSend) process.kill(process.pid, 'SIGKILL');
      await this.o.db.transaction(async (tx) => {
        await this.lockIds(tx, rec.channel, res.providerIds);
        for (const id of res.providerIds) {
          await tx.query('INSERT INTO notification_provider_ids (channel, provider_id, outbox_id) VALUES ($1, $2, $3) ON CONFLICT (channel, provider_id) DO UPDATE SET outbox_id = EXCLUDED.outbox_id', [rec.channel, id, rec.id]);
        }
        await tx.query(
          `UPDATE notification_outbox SET state = $2, provider_id = $3, sent_at_ms = $4, delivered_at_ms = $5, lease_until_ms = NULL, last_error = NULL, updated_at_ms = $4 WHERE id = $1 AND state = 'sending'`,
          [rec.id, res.delivered ? 'delivered' : 'sent', res.providerIds.join(' ').slice(0, 2000) || null, at(), res.delivered ? at() : null],
        );
        await this.applyReceipts(tx, rec.id);
      });
      this.o.logger.info({ id: rec.id, kind: rec.kind, channel: rec.channel, attempts: rec.attempts }, res.delivered ? 'notification delivered' : 'notification sent');
      return true;
    } catch (err) {
      const permanent = err instanceof ChannelError && err.permanent;
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const dead = permanent || rec.attempts >= (this.o.maxAttempts ?? 8);
      await this.o.db.query(
        `UPDATE notification_outbox SET state = $2, next_attempt_at_ms = $3, last_error = $4, lease_until_ms = NULL, updated_at_ms = $5 WHERE id = $1 AND state = 'sending'`,
        [rec.id, dead ? 'dead' : 'queued', dead ? rec.nextAttemptAt : at() + this.backoff(rec.attempts), reason, at()],
      );
      this.o.logger.warn({ id: rec.id, kind: rec.kind, channel: rec.channel, attempts: rec.attempts, reason }, dead ? 'notification is a dead letter' : 'notification will be retried');
      return false;
    }
  }

  /** A delivery receipt (SMPP): recorded, then applied to its message once every part is accounted for. */
  async receipt(channel: ChannelName, r: DeliveryReceipt): Promise<void> {
    await this.o.db.transaction(async (tx) => {
      await this.lockIds(tx, channel, [r.providerId]);
      await tx.query(
        `INSERT INTO notification_receipts (channel, provider_id, delivered, status, at_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel, provider_id) DO UPDATE SET delivered = EXCLUDED.delivered, status = EXCLUDED.status, at_ms = EXCLUDED.at_ms`,
        [channel, r.providerId, r.delivered, r.status.slice(0, 32), this.now()],
      );
      const m = await tx.query<Row>('SELECT outbox_id FROM notification_provider_ids WHERE channel = $1 AND provider_id = $2', [channel, r.providerId]);
      if (m.rows[0]) await this.applyReceipts(tx, Number(m.rows[0].outbox_id));
    });
  }

  /** sent → delivered when every part has a positive receipt; sent → failed on any negative one. */
  private async applyReceipts(tx: Queryable, outboxId: number): Promise<void> {
    const s = await tx.query<Row>(
      `SELECT count(*)::int AS n, count(r.provider_id) FILTER (WHERE r.delivered)::int AS ok, count(r.provider_id) FILTER (WHERE NOT r.delivered)::int AS bad,
              min(r.status) FILTER (WHERE NOT r.delivered) AS why
         FROM notification_provider_ids p LEFT JOIN notification_receipts r ON r.channel = p.channel AND r.provider_id = p.provider_id
        WHERE p.outbox_id = $1`,
      [outboxId],
    );
    const x = s.rows[0];
    if (!x || Number(x.n) === 0) return;
    const at = this.now();
    if (Number(x.bad) > 0) {
      await tx.query(`UPDATE notification_outbox SET state = 'failed', last_error = $2, updated_at_ms = $3 WHERE id = $1 AND state = 'sent'`, [outboxId, `delivery receipt: ${String(x.why)}`, at]);
    } else if (Number(x.ok) === Number(x.n)) {
      await tx.query(`UPDATE notification_outbox SET state = 'delivered', delivered_at_ms = $2, updated_at_ms = $2 WHERE id = $1 AND state = 'sent'`, [outboxId, at]);
    }
  }

  async list(f: ListFilter = {}): Promise<OutboxRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (f.subscriberId !== undefined) add('subscriber_id = ?', f.subscriberId);
    if (f.meterId !== undefined) add('meter_id = ?', f.meterId);
    if (f.state !== undefined) add('state = ?', f.state);
    if (f.channel !== undefined) add('channel = ?', f.channel);
    if (f.beforeId !== undefined) add('id < ?', f.beforeId);
    args.push(f.limit ?? 100);
    const r = await this.o.db.query<Row>(`SELECT * FROM notification_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${args.length}`, args);
    return r.rows.map(toRecord);
  }

  async get(id: number): Promise<OutboxRecord | null> {
    const r = await this.o.db.query<Row>('SELECT * FROM notification_outbox WHERE id = $1', [id]);
    return r.rows[0] ? toRecord(r.rows[0]) : null;
  }

  /** A dead or failed message queued again now (the operator's retry; the caller audits it, in tx). Null: not found; false: not dead/failed. */
  async retry(tx: Queryable, id: number): Promise<OutboxRecord | null | false> {
    const r = await tx.query<Row>(
      `UPDATE notification_outbox SET state = 'queued', next_attempt_at_ms = $2, attempts = 0, updated_at_ms = $2 WHERE id = $1 AND state IN ('dead', 'failed') RETURNING *`,
      [id, this.now()],
    );
    if (r.rows[0]) return toRecord(r.rows[0]);
    const e = await tx.query('SELECT 1 FROM notification_outbox WHERE id = $1', [id]);
    return e.rows.length ? false : null;
  }

  /** Counts by channel and state (console summary, metrics). */
  async counts(): Promise<{ channel: string; state: string; n: number }[]> {
    const r = await this.o.db.query<Row>('SELECT channel, state, count(*)::int AS n FROM notification_outbox GROUP BY channel, state ORDER BY channel, state');
    return r.rows.map((x) => ({ channel: x.channel as string, state: x.state as string, n: Number(x.n) }));
  }

  /** Whether an event's messages reached someone: one delivered, or none written at all (nothing could be sent). */
  async noticeDelivered(eventKey: string): Promise<boolean> {
    const r = await this.o.db.query<{ n: number; delivered: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'delivered')::int AS delivered FROM notification_outbox WHERE event_key = $1`, [eventKey]);
    const x = r.rows[0]!;
    return Number(x.n) === 0 || Number(x.delivered) > 0;
  }

  /** A subscriber's language, contacts and opt-outs (the portal's preferences). */
  async preferences(subscriberId: number): Promise<{ language: Language; phone: string | null; email: string | null; optOut: string[] } | null> {
    const r = await this.o.db.query<Row>('SELECT language, phone, email FROM subscribers WHERE id = $1', [subscriberId]);
    if (!r.rows[0]) return null;
    const o = await this.o.db.query<Row>('SELECT kind FROM notification_opt_outs WHERE subscriber_id = $1 ORDER BY kind', [subscriberId]);
    return { language: languageOf(r.rows[0].language), phone: (r.rows[0].phone as string) ?? null, email: (r.rows[0].email as string) ?? null, optOut: o.rows.map((x) => x.kind as string) };
  }

  /** Sets language and opt-outs in tx (the caller audits). */
  async setPreferences(tx: Queryable, subscriberId: number, p: { language?: Language; optOut?: string[] }): Promise<void> {
    if (p.language) await tx.query('UPDATE subscribers SET language = $2 WHERE id = $1', [subscriberId, p.language]);
    if (p.optOut) {
      await tx.query('DELETE FROM notification_opt_outs WHERE subscriber_id = $1', [subscriberId]);
      for (const kind of new Set(p.optOut)) await tx.query('INSERT INTO notification_opt_outs (subscriber_id, kind, at_ms) VALUES ($1, $2, $3)', [subscriberId, kind, this.now()]);
    }
  }

  configured(): ChannelName[] {
    return Object.keys(this.o.channels) as ChannelName[];
  }
}
