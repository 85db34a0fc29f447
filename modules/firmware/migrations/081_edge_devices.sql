-- Edge agents (data concentrators): their MQTT credentials (salted hash, like meters'), remote configuration,
-- and the meters each one is allowed to publish for and receive commands for (a meter is behind one edge at most).
CREATE TABLE edge_devices (
  id text PRIMARY KEY,
  name text,
  password_hash text NOT NULL,
  config jsonb NOT NULL DEFAULT '{}',
  config_version integer NOT NULL DEFAULT 1,
  last_seen_ms bigint,
  created_at_ms bigint NOT NULL
);
CREATE TABLE edge_meters (
  meter_id text PRIMARY KEY REFERENCES meters(id),
  edge_id text NOT NULL REFERENCES edge_devices(id) ON DELETE CASCADE
);
CREATE INDEX edge_meters_edge ON edge_meters (edge_id);
