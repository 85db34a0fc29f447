-- Readings that collide with a stored one: same meter and meter time (ts_ms, the reading's identity), different
-- content. The first stored reading stays in `readings`; every different version is kept here, once, for an
-- operator to judge (a meter clock that repeats a millisecond, a firmware bug, a forged message).
-- An identical duplicate (a replay) is a silent no-op and never lands here.
CREATE TABLE IF NOT EXISTS reading_conflicts (
  meter_id text NOT NULL,
  ts_ms bigint NOT NULL,
  seq bigint NOT NULL,
  -- the conflicting reading as the columns of `readings` would hold it, canonical JSON
  body text NOT NULL,
  first_seen_ms bigint NOT NULL,
  PRIMARY KEY (meter_id, ts_ms, body)
);
