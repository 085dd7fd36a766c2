-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, name text, email text);
CREATE INDEX players_name_idx ON players (name);
CREATE INDEX players_email_idx ON players (email);
-- An index on a table created earlier in the same migration: nobody can be using the table yet.
DROP INDEX players_name_idx;
CREATE INDEX players_name_idx ON players (name);

-- migration: 0002_drop
-- expect: drop-index-not-concurrent
DROP INDEX players_name_idx;
-- expect: drop-index-not-concurrent
DROP INDEX IF EXISTS public.players_email_idx, players_missing_idx CASCADE;

-- migration: 0003_concurrent
DROP INDEX CONCURRENTLY IF EXISTS players_lower_email_idx;

-- migration: 0004_scratch
CREATE TABLE imports (id bigint, payload text);
CREATE INDEX imports_payload_idx ON imports (payload);
DROP INDEX imports_payload_idx;
-- An index this migration created on an existing table: dropping it still locks that table.
CREATE INDEX players_tmp_idx ON players (email);
-- expect: drop-index-not-concurrent
DROP INDEX players_tmp_idx;

-- migration: 0005_retire_imports_table
CREATE INDEX players_retired_idx ON players (name);

-- migration: 0006_retire
-- The index's table is dropped further down: the DROP TABLE takes that lock anyway, and is reported as the drop it
-- is (a false warning on production histories).
DROP INDEX players_retired_idx;
DROP TABLE players;
