-- Readings and meter events in the SQL store (used for telemetry until InfluxDB is configured).
-- A reading is identified by meter and meter timestamp: a replay overwrites itself, as in InfluxDB.
CREATE TABLE readings (
  meter_id text NOT NULL,
  ts_ms bigint NOT NULL,
  seq bigint NOT NULL,
  register bigint NOT NULL,
  credit bigint NOT NULL,
  relay text NOT NULL,
  power_w double precision,
  voltage_v double precision,
  current_a double precision,
  flow_lph double precision,
  flags integer NOT NULL DEFAULT 0,
  PRIMARY KEY (meter_id, ts_ms)
);

CREATE TABLE meter_events (
  meter_id text NOT NULL,
  ts_ms bigint NOT NULL,
  seq bigint NOT NULL,
  type text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (meter_id, seq, ts_ms)
);
CREATE INDEX meter_events_time ON meter_events (meter_id, ts_ms);
