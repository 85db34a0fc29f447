-- Subscriber-services desk (modules/desk/): requests and complaints with a reference, a deadline clock
-- stored here (the one scheduler reads it), routing, field visits, attachments, replies and polls.
-- The new operator roles (shared decision, identical in every branch that needs them).
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer', 'subscriber'));
-- Subscribers' contact fields (shared decision): the poll and the reply go out in the subscriber's language.
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'ar';

-- Categories as data: each with its department and deadline (clock minutes, or working minutes in the
-- utility's working week), and whether a missed deadline is a guaranteed standard that pays compensation.
CREATE TABLE desk_categories (
  code text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('complaint', 'request', 'enquiry')),
  name_en text NOT NULL,
  name_ar text NOT NULL,
  department text NOT NULL,
  deadline_minutes integer NOT NULL CHECK (deadline_minutes > 0),
  clock text NOT NULL DEFAULT 'clock' CHECK (clock IN ('clock', 'working')),
  field_visit boolean NOT NULL DEFAULT false,
  -- guaranteed standard: compensation (minor units of the utility's currency) when the deadline is missed
  compensation_minor bigint,
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 100
);

CREATE TABLE desk_cases (
  reference text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('complaint', 'request', 'enquiry')),
  category text NOT NULL REFERENCES desk_categories(code),
  channel text NOT NULL CHECK (channel IN ('call_centre', 'portal', 'walk_in', 'app', 'meter_event')),
  -- new -> assigned -> in_progress -> answered -> closed; closed -> reopened -> assigned ...
  state text NOT NULL CHECK (state IN ('new', 'assigned', 'in_progress', 'answered', 'closed', 'reopened')),
  subscriber_id bigint REFERENCES subscribers(id),
  meter_id text REFERENCES meters(id),
  area text,
  caller_name text,
  caller_phone text,
  description text NOT NULL,
  department text NOT NULL,
  assignee text,
  created_by text NOT NULL,
  created_at_ms bigint NOT NULL,
  -- the clock: started at clock_start_ms (creation, or the last reopening), 80 % at warn_at_ms, 100 % at due_at_ms
  clock_start_ms bigint NOT NULL,
  warn_at_ms bigint NOT NULL,
  due_at_ms bigint NOT NULL,
  escalated_at_ms bigint,
  breached_at_ms bigint,
  compensation_minor bigint,
  answered_at_ms bigint,
  reply text,
  replied_by text,
  closed_at_ms bigint,
  reopen_count integer NOT NULL DEFAULT 0,
  -- automatic cases: the cause, and meter:cause while open (one open case per meter and cause)
  auto_cause text,
  auto_key text,
  auto_count integer NOT NULL DEFAULT 0,
  auto_last_ms bigint,
  updated_at_ms bigint NOT NULL
);
CREATE UNIQUE INDEX desk_cases_auto_open ON desk_cases (auto_key) WHERE auto_key IS NOT NULL AND state <> 'closed';
CREATE INDEX desk_cases_open_clock ON desk_cases (state, warn_at_ms, due_at_ms);
CREATE INDEX desk_cases_created ON desk_cases (created_at_ms);
CREATE INDEX desk_cases_subscriber ON desk_cases (subscriber_id, created_at_ms);
CREATE INDEX desk_cases_meter ON desk_cases (meter_id, created_at_ms);

-- The case's own timeline (every transition, also written to the audit log).
CREATE TABLE desk_case_events (
  id bigserial PRIMARY KEY,
  reference text NOT NULL REFERENCES desk_cases(reference),
  at_ms bigint NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  from_state text,
  to_state text,
  note text,
  details jsonb
);
CREATE INDEX desk_case_events_ref ON desk_case_events (reference, id);

CREATE TABLE desk_visits (
  id bigserial PRIMARY KEY,
  reference text NOT NULL REFERENCES desk_cases(reference),
  slot_start_ms bigint NOT NULL,
  slot_end_ms bigint NOT NULL,
  technician text NOT NULL,
  state text NOT NULL CHECK (state IN ('scheduled', 'done', 'failed', 'cancelled')),
  result text,
  created_by text NOT NULL,
  created_at_ms bigint NOT NULL,
  finished_at_ms bigint
);
CREATE INDEX desk_visits_ref ON desk_visits (reference);
CREATE INDEX desk_visits_tech ON desk_visits (technician, slot_start_ms);

-- Files: on disk under DATA_DIR/desk/ (stored = 'file') or here (stored = 'db', in-memory stores).
CREATE TABLE desk_attachments (
  id bigserial PRIMARY KEY,
  reference text NOT NULL REFERENCES desk_cases(reference),
  visit_id bigint REFERENCES desk_visits(id),
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  stored text NOT NULL CHECK (stored IN ('file', 'db')),
  path text,
  data bytea,
  uploaded_by text NOT NULL,
  created_at_ms bigint NOT NULL
);
CREATE INDEX desk_attachments_ref ON desk_attachments (reference);

-- One satisfaction poll answer per case.
CREATE TABLE desk_surveys (
  reference text PRIMARY KEY REFERENCES desk_cases(reference),
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  language text NOT NULL,
  answered_by text NOT NULL,
  at_ms bigint NOT NULL
);

-- Signals that open automatic cases only when repeated (token rejections) or late (top-ups not accepted).
CREATE TABLE desk_meter_signals (
  meter_id text NOT NULL,
  cause text NOT NULL,
  count integer NOT NULL,
  first_ms bigint NOT NULL,
  last_ms bigint NOT NULL,
  PRIMARY KEY (meter_id, cause)
);
