-- Meter registry, subscribers, people who log in. (Each meter's latest state, first created here, is the
-- gateway's: gateway/migrations/015_meter_state.sql.)
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'subscriber')),
  display_name text,
  locale text NOT NULL DEFAULT 'en',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE subscribers (
  id bigserial PRIMARY KEY,
  user_id bigint UNIQUE REFERENCES users(id),
  account_no text NOT NULL UNIQUE,
  name text NOT NULL,
  name_ar text,
  phone text,
  customer_class text NOT NULL DEFAULT 'residential',
  -- medical, elderly, determination, social_welfare: protected from cuts by the disconnection policy
  protected_category text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meters (
  id text PRIMARY KEY,
  service text NOT NULL CHECK (service IN ('electricity', 'water')),
  subscriber_id bigint REFERENCES subscribers(id),
  area text NOT NULL DEFAULT 'default',
  tariff_class text NOT NULL DEFAULT 'residential',
  transport text NOT NULL DEFAULT 'mqtt' CHECK (transport IN ('mqtt', 'serial')),
  -- scrypt hash of the meter's MQTT password; null for serial meters
  mqtt_password_hash text,
  -- STS parameters of the meter's decoder (no keys): sgc, ti, krn, keyType, ea, dkga, baseDate
  sts jsonb NOT NULL DEFAULT '{}',
  relay_needs_button boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meters_subscriber ON meters (subscriber_id);

