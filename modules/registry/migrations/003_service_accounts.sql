-- MQTT service accounts (the gateway, and other head-end services). Passwords are stored hashed.
CREATE TABLE mqtt_service_accounts (
  name text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
