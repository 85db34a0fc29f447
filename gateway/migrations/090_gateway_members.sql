-- Gateways on an external broker (scale-out): each gateway (GATEWAY_ID) beats here; a survivor of a shared-subscription
-- group adopts the persistent session of a member whose beat stopped, so the broker's queue for it is drained.
CREATE TABLE IF NOT EXISTS gateway_members (
  gateway_id text PRIMARY KEY,
  client_id text NOT NULL,
  instance text NOT NULL,
  share_group text,
  heartbeat_at bigint NOT NULL,
  adopted_by text,
  adopted_at bigint
);
