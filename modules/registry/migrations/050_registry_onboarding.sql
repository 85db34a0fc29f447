-- Onboarding a real fleet: the operator roles and area scopes, disabled accounts, subscribers' contact and
-- identity fields with normalised search columns, protected-category evidence, the meter life cycle and
-- credential bookkeeping. (The two role statements and the two contact statements are shared verbatim
-- with other branches.)
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer', 'subscriber'));
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'ar';

-- Areas an operator may see and act on; empty: every area.
ALTER TABLE users ADD COLUMN IF NOT EXISTS areas text[] NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled_at timestamptz;
ALTER TABLE users ADD COLUMN IF NOT EXISTS password_changed_at timestamptz;

ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS civil_id text;
-- The citizen (subsidised residential) tariff: at most two accounts per civil ID, enforced by the registry.
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS citizen_tariff boolean NOT NULL DEFAULT false;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS protected_evidence text;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS protected_expires date;
-- Search columns written by the registry (modules/registry/normalise.ts): Arabic-normalised, lower-case names, and the phone's 8 national digits.
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS search_name text;
ALTER TABLE subscribers ADD COLUMN IF NOT EXISTS phone_digits text;
CREATE INDEX IF NOT EXISTS subscribers_civil_id ON subscribers (civil_id);
CREATE INDEX IF NOT EXISTS subscribers_phone_digits ON subscribers (phone_digits);
CREATE INDEX IF NOT EXISTS subscribers_search_name ON subscribers (search_name text_pattern_ops);
CREATE INDEX IF NOT EXISTS subscribers_account_lower ON subscribers (lower(account_no) text_pattern_ops);

-- Life cycle: in_stock -> installed -> active <-> suspended -> decommissioned (history kept). Meters that exist already are active.
ALTER TABLE meters ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'active' CHECK (status IN ('in_stock', 'installed', 'active', 'suspended', 'decommissioned'));
ALTER TABLE meters ADD COLUMN IF NOT EXISTS model text;
ALTER TABLE meters ADD COLUMN IF NOT EXISTS credentials_issued_at timestamptz;
ALTER TABLE meters ADD COLUMN IF NOT EXISTS status_changed_at timestamptz;
CREATE INDEX IF NOT EXISTS meters_area ON meters (area);
CREATE INDEX IF NOT EXISTS meters_id_lower ON meters (lower(id) text_pattern_ops);
