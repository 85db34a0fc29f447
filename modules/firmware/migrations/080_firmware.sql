-- Firmware packages (signed; the image kept as base64 so both store implementations read it the same way),
-- each meter's reported model and version, staged campaigns and every meter's state in a campaign.
CREATE TABLE firmware_packages (
  id bigserial PRIMARY KEY,
  model text NOT NULL,
  version text NOT NULL,
  min_version text,
  size integer NOT NULL,
  sha256 text NOT NULL,
  chunk_size integer NOT NULL,
  key_id text NOT NULL,
  manifest jsonb NOT NULL,
  signature text NOT NULL,
  image_b64 text NOT NULL,
  uploaded_by text NOT NULL,
  created_at_ms bigint NOT NULL,
  UNIQUE (model, version)
);
CREATE TABLE meter_firmware (
  meter_id text PRIMARY KEY REFERENCES meters(id),
  model text NOT NULL,
  version text NOT NULL,
  reported_at_ms bigint NOT NULL
);
CREATE TABLE firmware_campaigns (
  id bigserial PRIMARY KEY,
  firmware_id bigint NOT NULL REFERENCES firmware_packages(id),
  target jsonb NOT NULL,
  waves jsonb NOT NULL,
  max_failure_percent double precision NOT NULL,
  min_credit bigint NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('running', 'paused', 'cancelled', 'completed')),
  current_wave integer NOT NULL DEFAULT 0,
  pause_reason text,
  created_by text NOT NULL,
  created_at_ms bigint NOT NULL,
  updated_at_ms bigint NOT NULL
);
CREATE TABLE firmware_devices (
  campaign_id bigint NOT NULL REFERENCES firmware_campaigns(id),
  meter_id text NOT NULL REFERENCES meters(id),
  wave integer NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'downloading', 'downloaded', 'verified', 'updating', 'updated', 'failed', 'rolled_back', 'cancelled')),
  next_chunk integer NOT NULL DEFAULT 0,
  chunk_retries integer NOT NULL DEFAULT 0,
  command_ref text,
  from_version text,
  reason text,
  waiting text,
  updated_at_ms bigint NOT NULL,
  PRIMARY KEY (campaign_id, meter_id)
);
CREATE INDEX firmware_devices_ref ON firmware_devices (command_ref);
CREATE INDEX firmware_devices_state ON firmware_devices (campaign_id, state);
