-- Each meter's latest state as the gateway last saw it (reading, relay, credit, flags, presence).
-- Created by 001_registry in databases from before the modular layout, hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS meter_state (
  meter_id text PRIMARY KEY REFERENCES meters(id),
  online boolean NOT NULL DEFAULT false,
  last_seen_ms bigint,
  last_seq bigint,
  last_ts_ms bigint,
  register bigint,
  credit bigint,
  relay text,
  power_w double precision,
  voltage_v double precision,
  current_a double precision,
  flow_lph double precision,
  tamper boolean NOT NULL DEFAULT false,
  low_credit boolean NOT NULL DEFAULT false,
  emergency_credit boolean NOT NULL DEFAULT false
);
