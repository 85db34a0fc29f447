// One interface for every way a message leaves Raseed (SMS over SMPP, e-mail over SMTP, signed webhooks),
// tested by one suite every channel runs (channel-suite.ts).
export type ChannelName = 'sms' | 'email' | 'webhook';
export const CHANNELS: readonly ChannelName[] = ['sms', 'email', 'webhook'];

export interface OutgoingMessage {
  /** Stable per (event, channel, recipient): the outbox row's key, given to peers that can de-duplicate. */
  idempotencyKey: string;
  kind: string;
  to: string;
  language: 'ar' | 'en';
  subject: string | null;
  text: string;
  meterId: string | null;
}

export interface SendResult {
  /** The peer's id(s) for the message (SMPP message_id per part, the e-mail's Message-ID). */
  providerIds: string[];
  /** The peer confirmed delivery now (webhook 2xx, SMTP 250: accepted by the next hop); false: a receipt may follow (SMPP). */
  delivered: boolean;
}

export interface DeliveryReceipt {
  providerId: string;
  delivered: boolean;
  /** The peer's final state (DELIVRD, UNDELIV, EXPIRED...). */
  status: string;
}

export interface Channel {
  readonly name: ChannelName;
  send(m: OutgoingMessage): Promise<SendResult>;
  /** Delivery receipts arriving later (SMPP deliver_sm); channels without them never call fn. */
  onReceipt(fn: (r: DeliveryReceipt) => void): void;
  close(): Promise<void>;
}

/** A send that did not go through: permanent (the peer refused this message; retrying will not help) or not. */
export class ChannelError extends Error {
  override name = 'ChannelError';
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}
