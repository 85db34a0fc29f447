// E-mail over SMTP (SMTP_URL = smtp://user:pass@host:587?from=billing@utility.om, smtps:// for implicit
// TLS). The Message-ID is derived from the outbox key, so a retry after a crash carries the same id and a
// mail system that de-duplicates by Message-ID shows one message. A 250 from the server is "delivered" to
// the next hop; later bounces are not followed (documented).
import { createTransport, type Transporter } from 'nodemailer';
import { createHash } from 'node:crypto';
import { ChannelError, type Channel, type DeliveryReceipt, type OutgoingMessage, type SendResult } from './channel.ts';

export interface SmtpOptions {
  url: string;
  timeoutMs?: number;
}

export class SmtpChannel implements Channel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly domain: string;

  constructor(o: SmtpOptions) {
    const u = new URL(o.url);
    this.from = u.searchParams.get('from') ?? `raseed@${u.hostname}`;
    this.domain = this.from.split('@')[1] ?? 'raseed.local';
    u.search = '';
    const t = o.timeoutMs ?? 15_000;
    this.transport = createTransport({
      url: u.toString(), connectionTimeout: t, greetingTimeout: t, socketTimeout: t,
      // a local test server (or an internal relay) on plain SMTP: no STARTTLS demanded
      ignoreTLS: u.protocol === 'smtp:' && u.searchParams.get('starttls') === 'no',
    } as Parameters<typeof createTransport>[0]);
  }

  onReceipt(_fn: (r: DeliveryReceipt) => void): void {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (!/^[^\s@]+@[^\s@]+$/.test(m.to)) throw new ChannelError('not an e-mail address', true);
    const messageId = `<${createHash('sha256').update(m.idempotencyKey).digest('hex').slice(0, 32)}@${this.domain}>`;
    try {
      await this.transport.sendMail({
        from: this.from, to: m.to, subject: m.subject ?? '', text: m.text, messageId,
        headers: { 'X-Raseed-Idempotency-Key': m.idempotencyKey, 'Content-Language': m.language },
      });
      return { providerIds: [messageId], delivered: true };
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message: string };
      // 5xx: the server refuses this message for good (bad mailbox, policy); 4xx and network errors pass.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      throw new ChannelError(`SMTP: ${e.responseCode ?? e.code ?? ''} ${e.message}`.slice(0, 300), permanent);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
