-- Notifications: subscribers' contact fields (shared decision, identical in every branch), the outbox
-- (written in the same transaction as the event that causes a message), and per-meter alert state so a
-- rule (low credit, leak) fires once per episode.
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'ar';

CREATE TABLE notification_outbox (
  id bigserial PRIMARY KEY,
  -- what caused the message, unique per cause: topup:<ref>, cut:<request id>, notice:<id>, low_credit:<meter>:<episode>, leak:<meter>:<day>
  event_key text NOT NULL,
  kind text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'webhook')),
  recipient text NOT NULL,
  subscriber_id bigint REFERENCES subscribers(id),
  meter_id text,
  language text NOT NULL CHECK (language IN ('ar', 'en')),
  urgent boolean NOT NULL DEFAULT false,
  subject text,
  -- the rendered message, sealed (a top-up receipt carries the token); preview is the same text with the token masked
  body_sealed text NOT NULL,
  preview text NOT NULL,
  sms_encoding text,
  sms_parts integer,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at_ms bigint NOT NULL,
  lease_until_ms bigint,
  last_error text,
  provider_id text,
  created_at_ms bigint NOT NULL,
  sent_at_ms bigint,
  delivered_at_ms bigint,
  updated_at_ms bigint NOT NULL,
  UNIQUE (event_key, channel, recipient)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at_ms) WHERE state = 'queued';
CREATE INDEX notification_outbox_meter ON notification_outbox (meter_id, id);
CREATE INDEX notification_outbox_subscriber ON notification_outbox (subscriber_id, id);
CREATE INDEX notification_outbox_state ON notification_outbox (state, id);
-- the peer's id per message part (SMPP message_id), and the delivery receipts received for them (a receipt may arrive before the send is marked)
CREATE TABLE notification_provider_ids (
  channel text NOT NULL,
  provider_id text NOT NULL,
  outbox_id bigint NOT NULL REFERENCES notification_outbox(id),
  PRIMARY KEY (channel, provider_id)
);
CREATE INDEX notification_provider_ids_outbox ON notification_provider_ids (outbox_id);
CREATE TABLE notification_receipts (
  channel text NOT NULL,
  provider_id text NOT NULL,
  delivered boolean NOT NULL,
  status text NOT NULL,
  at_ms bigint NOT NULL,
  PRIMARY KEY (channel, provider_id)
);

CREATE TABLE notification_alerts (
  meter_id text NOT NULL,
  rule text NOT NULL,
  active boolean NOT NULL,
  episode integer NOT NULL DEFAULT 0,
  changed_at_ms bigint NOT NULL,
  PRIMARY KEY (meter_id, rule)
);
