-- State learnt from acknowledgements and events, not only from readings: the meter time (ms) at which the relay
-- state was last set by an acknowledged relay command or a relay event, and at which credit was last moved by an
-- accepted token. A later reading dated before these times does not override them (hardening, issue 16).
ALTER TABLE meter_state ADD COLUMN IF NOT EXISTS relay_at_ms bigint;
ALTER TABLE meter_state ADD COLUMN IF NOT EXISTS credit_at_ms bigint;
