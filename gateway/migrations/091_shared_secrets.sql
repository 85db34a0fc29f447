-- Fingerprints (salted SHA-256, never the value) of the secrets every Raseed process on one database must share:
-- a process whose RASEED_DATA_KEY, VENDING_KEY or gateway password differs refuses to start and names the setting.
CREATE TABLE IF NOT EXISTS shared_secret_fingerprints (
  name text PRIMARY KEY,
  fingerprint text NOT NULL,
  set_at bigint NOT NULL
);
