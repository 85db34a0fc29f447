-- Meter commands: one lifecycle for every command kind (token delivery, relay switching, time sync, ...).
-- Payloads are sealed (they may carry STS tokens); the meter acknowledges with the same reference.
CREATE TABLE commands (
  reference text PRIMARY KEY,
  meter_id text NOT NULL REFERENCES meters(id),
  -- the command kind; kinds are an open registry (gateway/commands.ts), checked by the command service
  type text NOT NULL,
  action text,
  payload_sealed text NOT NULL,
  issuer text NOT NULL,
  reason text,
  note text,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'acknowledged', 'rejected', 'failed', 'expired')),
  result text,
  detail text,
  attempts integer NOT NULL DEFAULT 0,
  created_at_ms bigint NOT NULL,
  sent_at_ms bigint,
  acknowledged_at_ms bigint,
  finished_at_ms bigint,
  next_attempt_ms bigint,
  expires_at_ms bigint NOT NULL
);
CREATE INDEX commands_meter ON commands (meter_id, created_at_ms);
CREATE INDEX commands_open ON commands (status, next_attempt_ms);
