-- The firmware version a meter last reported in its readings (telemetry `firmwareVersion`), kept with its latest
-- state so the meter view shows it. A reading without the field keeps the version already held.
ALTER TABLE meter_state ADD COLUMN IF NOT EXISTS firmware_version text;
