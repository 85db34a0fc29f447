-- The water alternatives to a cut, as real actions: flow limits (and their lifting) sent to water meters as
-- `flow_limit` commands, and payment reminders written to the notifications outbox. One row per request,
-- with its own reference; an operator's Idempotency-Key (or a payment's reference for an automatic lift)
-- makes a repeated request a replay that writes nothing new.
CREATE TABLE water_actions (
  id bigserial PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  meter_id text NOT NULL REFERENCES meters(id),
  kind text NOT NULL CHECK (kind IN ('flow_limit', 'flow_restore', 'reminder')),
  litres_per_hour integer CHECK (litres_per_hour IS NULL OR litres_per_hour > 0),
  idem_key text,
  trigger_ref text,
  requested_by text NOT NULL,
  requested_at_ms bigint NOT NULL,
  note text,
  command_reference text,
  decision jsonb
);
CREATE UNIQUE INDEX water_actions_idem ON water_actions (meter_id, kind, idem_key) WHERE idem_key IS NOT NULL;
CREATE UNIQUE INDEX water_actions_trigger ON water_actions (meter_id, kind, trigger_ref) WHERE trigger_ref IS NOT NULL;
CREATE INDEX water_actions_meter ON water_actions (meter_id, id DESC);
