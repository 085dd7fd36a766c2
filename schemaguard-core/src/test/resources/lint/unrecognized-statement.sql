-- migration: 0001_setup
CREATE TABLE players (id bigint PRIMARY KEY);
COMMENT ON TABLE players IS 'one row per registered player';
GRANT SELECT ON players TO reporting;
ANALYZE players;
REASSIGN OWNED BY old_owner TO new_owner;
-- expect: unrecognized-statement
\set ON_ERROR_STOP on
-- Not PostgreSQL at all: a syntax error, not a statement left untyped.
-- expect: syntax-error
FROBNICATE players;
-- the table is named at run time: no static rule can see the ALTER TABLE
-- expect: unrecognized-statement
DO $$
BEGIN
    EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS note text', 'players_' || to_char(now(), 'YYYY'));
END $$;
-- a trigger's EXECUTE FUNCTION is no dynamic SQL
DO $$
BEGIN
    CREATE TRIGGER players_touch BEFORE UPDATE ON players FOR EACH ROW EXECUTE FUNCTION touch();
EXCEPTION
    WHEN duplicate_object THEN NULL;
END $$;
