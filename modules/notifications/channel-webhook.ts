// Signed webhooks (WEBHOOK_URL, WEBHOOK_SECRET): a POST of the message as JSON with
//   X-Raseed-Timestamp: <unix ms>
//   X-Raseed-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
//   Idempotency-Key: <outbox key>   (the same on every retry: the receiver de-duplicates)
// 2xx is delivered; 408, 429, 5xx and network errors are retried by the outbox; other 4xx are permanent.
import { createHmac } from 'node:crypto';
import { ChannelError, type Channel, type DeliveryReceipt, type OutgoingMessage, type SendResult } from './channel.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookChannel implements Channel {
  readonly name = 'webhook' as const;
  constructor(private readonly o: WebhookOptions) {}

  onReceipt(_fn: (r: DeliveryReceipt) => void): void {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const body = JSON.stringify({ id: m.idempotencyKey, kind: m.kind, to: m.to, language: m.language, subject: m.subject, text: m.text, meterId: m.meterId });
    const ts = String(Date.now());
    let res: Response;
    try {
      res = await fetch(this.o.url, {
        method: 'POST', body, redirect: 'error', signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        headers: { 'content-type': 'application/json', 'x-raseed-timestamp': ts, 'x-raseed-signature': signWebhook(this.o.secret, ts, body), 'idempotency-key': m.idempotencyKey },
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      throw new ChannelError(`webhook unreachable: ${(err as Error).message}`, false);
    }
    if (res.ok) return { providerIds: [res.headers.get('x-request-id') ?? m.idempotencyKey], delivered: true };
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new ChannelError(`webhook answered ${res.status}`, !retry);
  }

  async close(): Promise<void> {}
}
