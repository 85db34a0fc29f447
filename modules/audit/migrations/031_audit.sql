-- Append-only audit log of every operator (and automatic) action: who, when, from where, what, why,
-- and the disconnection policy's answer. Rows can be added, never changed or removed: triggers refuse
-- UPDATE, DELETE and TRUNCATE (for every role, the owner included).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at_ms bigint NOT NULL,
  actor text NOT NULL,
  actor_id bigint,
  actor_role text,
  ip text,
  action text NOT NULL,
  target_type text,
  target text,
  meter_id text,
  reason text,
  note text,
  outcome text,
  decision jsonb,
  command_reference text,
  details jsonb
);
CREATE INDEX audit_log_at ON audit_log (at_ms);
CREATE INDEX audit_log_meter ON audit_log (meter_id, at_ms);
CREATE INDEX audit_log_actor ON audit_log (actor, at_ms);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''audit_log is append-only: % refused'', TG_OP USING ERRCODE = ''42501''; END';
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
