-- Telemetry reads (store/telemetry): fleet aggregates scan readings by time across meters.
CREATE INDEX IF NOT EXISTS readings_time ON readings (ts_ms);
