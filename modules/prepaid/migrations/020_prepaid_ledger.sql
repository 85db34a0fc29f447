-- Prepaid ledger: top-ups, their state history, and an append-only double-entry ledger in integer minor units.
-- Ledger entries are never updated or deleted (a trigger refuses it); corrections are new transactions.

-- STS vending state per meter: the last TID issued (TIDs must be unique per meter, even within one minute).
CREATE TABLE prepaid_meters (
  meter_id text PRIMARY KEY REFERENCES meters(id),
  last_tid bigint,
  updated_at_ms bigint NOT NULL DEFAULT 0
);

CREATE TABLE prepaid_topups (
  reference text PRIMARY KEY,
  meter_id text NOT NULL REFERENCES meters(id),
  -- who may replay the idempotency key: 'user:<id>' or 'anon:<meter>'
  idem_scope text NOT NULL,
  idem_key text NOT NULL,
  body_hash text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('subscriber', 'operator', 'anonymous', 'system')),
  issuer text NOT NULL,
  currency text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  -- business day and tariff month in the utility's time zone
  day date NOT NULL,
  tariff_month text NOT NULL,
  -- pending -> delivered -> accepted | rejected; failed from pending/delivered
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'accepted', 'rejected', 'failed')),
  -- crash-recovery position: paid (payment recorded), vended (token and ledger written), queued (command created)
  step text NOT NULL CHECK (step IN ('paid', 'vended', 'queued')),
  reason text,
  tariff_id text,
  breakdown jsonb,
  units_tenths bigint,
  token_sealed text,
  tid bigint,
  meter_result text,
  accepted_via text,
  created_at_ms bigint NOT NULL,
  vended_at_ms bigint,
  delivered_at_ms bigint,
  finished_at_ms bigint,
  UNIQUE (idem_scope, idem_key)
);
CREATE INDEX prepaid_topups_meter ON prepaid_topups (meter_id, created_at_ms);
CREATE INDEX prepaid_topups_open ON prepaid_topups (state, step);
CREATE INDEX prepaid_topups_tid ON prepaid_topups (meter_id, tid);

-- Every state change of a top-up (append-only history).
CREATE TABLE prepaid_topup_events (
  id bigserial PRIMARY KEY,
  reference text NOT NULL REFERENCES prepaid_topups(reference),
  at_ms bigint NOT NULL,
  state text NOT NULL,
  step text NOT NULL,
  detail text
);
CREATE INDEX prepaid_topup_events_ref ON prepaid_topup_events (reference, id);

CREATE TABLE prepaid_ledger_txns (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('payment', 'vend', 'failure', 'refund', 'arrears', 'reversal')),
  reference text,
  meter_id text,
  currency text NOT NULL,
  day date NOT NULL,
  created_at_ms bigint NOT NULL,
  -- reproduction data: tariff id, tariff month, block start and units of a vend
  meta jsonb NOT NULL DEFAULT '{}',
  memo text
);
CREATE INDEX prepaid_ledger_txns_ref ON prepaid_ledger_txns (reference);
CREATE INDEX prepaid_ledger_txns_meter ON prepaid_ledger_txns (meter_id, day);
CREATE INDEX prepaid_ledger_txns_day ON prepaid_ledger_txns (day);
-- one payment, one vend and one failure at most per top-up: never two tokens for one payment
CREATE UNIQUE INDEX prepaid_ledger_once ON prepaid_ledger_txns (reference, kind) WHERE reference IS NOT NULL AND kind IN ('payment', 'vend', 'failure');

-- Debits positive, credits negative; each transaction sums to zero (checked at commit).
CREATE TABLE prepaid_ledger_entries (
  id bigserial PRIMARY KEY,
  txn_id bigint NOT NULL REFERENCES prepaid_ledger_txns(id),
  account text NOT NULL,
  amount bigint NOT NULL
);
CREATE INDEX prepaid_ledger_entries_txn ON prepaid_ledger_entries (txn_id);

CREATE FUNCTION prepaid_ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''the prepaid ledger is append-only: % on %'', TG_OP, TG_TABLE_NAME; END';
CREATE TRIGGER prepaid_ledger_entries_immutable BEFORE UPDATE OR DELETE ON prepaid_ledger_entries FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_immutable();
CREATE TRIGGER prepaid_ledger_txns_immutable BEFORE UPDATE OR DELETE ON prepaid_ledger_txns FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_immutable();

CREATE FUNCTION prepaid_ledger_balanced() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN IF (SELECT coalesce(sum(amount), 0) FROM prepaid_ledger_entries WHERE txn_id = NEW.txn_id) <> 0 THEN RAISE EXCEPTION ''ledger transaction % does not balance'', NEW.txn_id; END IF; RETURN NULL; END';
CREATE CONSTRAINT TRIGGER prepaid_ledger_entries_balanced AFTER INSERT ON prepaid_ledger_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_balanced();
