-- Disconnection policy at run time: installed rule-set versions per utility, operators' relay requests
-- (allowed, refused, deferred and scheduled), bulk requests awaiting a second operator, final notices
-- and manual heat overrides.
CREATE TABLE policy_rule_sets (
  utility text NOT NULL,
  version integer NOT NULL,
  body jsonb NOT NULL,
  installed_by text NOT NULL,
  installed_at_ms bigint NOT NULL,
  PRIMARY KEY (utility, version)
);

CREATE TABLE relay_requests (
  id bigserial PRIMARY KEY,
  meter_id text NOT NULL REFERENCES meters(id),
  area text NOT NULL,
  action text NOT NULL CHECK (action IN ('disconnect', 'reconnect')),
  reason text NOT NULL,
  note text NOT NULL,
  requested_by text NOT NULL,
  requested_at_ms bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('executed', 'refused', 'scheduled', 'cancelled', 'pending_approval')),
  decision jsonb,
  scheduled_for_ms bigint,
  executed_at_ms bigint,
  command_reference text,
  bulk_id bigint,
  trigger_ref text,
  ttl_ms bigint
);
CREATE INDEX relay_requests_meter ON relay_requests (meter_id, requested_at_ms);
CREATE INDEX relay_requests_due ON relay_requests (status, scheduled_for_ms);
CREATE INDEX relay_requests_area_cuts ON relay_requests (area, action, executed_at_ms);
CREATE UNIQUE INDEX relay_requests_trigger ON relay_requests (meter_id, trigger_ref) WHERE trigger_ref IS NOT NULL;

CREATE TABLE bulk_requests (
  id bigserial PRIMARY KEY,
  action text NOT NULL CHECK (action IN ('disconnect', 'reconnect')),
  meter_ids jsonb NOT NULL,
  reason text NOT NULL,
  note text NOT NULL,
  requested_by text NOT NULL,
  requested_by_id bigint,
  requested_at_ms bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected', 'executed')),
  decided_by text,
  decided_at_ms bigint,
  ttl_ms bigint,
  summary jsonb
);

CREATE TABLE final_notices (
  id bigserial PRIMARY KEY,
  meter_id text NOT NULL REFERENCES meters(id),
  issued_at_ms bigint NOT NULL,
  debt_minor bigint,
  unpaid_invoices integer,
  issued_by text NOT NULL,
  note text
);
CREATE INDEX final_notices_meter ON final_notices (meter_id, issued_at_ms);

CREATE TABLE heat_overrides (
  id bigserial PRIMARY KEY,
  area text NOT NULL,
  state text NOT NULL CHECK (state IN ('hot', 'normal', 'cleared')),
  from_ms bigint NOT NULL,
  until_ms bigint,
  set_by text NOT NULL,
  note text
);
CREATE INDEX heat_overrides_area ON heat_overrides (area, from_ms);
