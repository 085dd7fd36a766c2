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
