-- Command kinds are an open registry (modules declare theirs): databases created before it had a CHECK on
-- commands.type naming three kinds. On a new database the table does not exist yet here and 030 creates it
-- without the CHECK, so both statements are no-ops.
ALTER TABLE IF EXISTS commands DROP CONSTRAINT IF EXISTS commands_type_check;
