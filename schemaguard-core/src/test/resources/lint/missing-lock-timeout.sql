-- migration: 0001_setup
-- Every table is created here: nothing can be holding locks on them yet.
CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint, name text);
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE legacy_scores (id bigint PRIMARY KEY);
CREATE INDEX players_name_idx ON players (name);
ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id);
DROP INDEX players_name_idx;
CREATE MATERIALIZED VIEW team_sizes AS SELECT team_id, count(*) FROM players GROUP BY team_id;
REFRESH MATERIALIZED VIEW team_sizes;
TRUNCATE players, teams;

-- migration: 0002_add_columns
-- Reported once, at the first statement that waits; the fix covers the second one too.
-- expect: missing-lock-timeout
ALTER TABLE players ADD COLUMN nickname text;
ALTER TABLE players ADD COLUMN birth_year int;

-- migration: 0003_with_timeout
SET lock_timeout = '5s';
ALTER TABLE players ADD COLUMN email text;
CREATE INDEX players_email_idx ON players (email);

-- migration: 0004_set_local
BEGIN;
SET LOCAL lock_timeout TO '3s';
ALTER TABLE players DROP COLUMN birth_year;
COMMIT;

-- migration: 0005_set_config
SELECT set_config('lock_timeout', '2s', false);
ALTER TABLE teams ADD COLUMN name text;

-- migration: 0006_timeout_too_late
-- expect: missing-lock-timeout
CREATE INDEX players_team_idx ON players (team_id);
SET lock_timeout = '5s';
ALTER TABLE players ADD COLUMN note text;

-- migration: 0007_weak_locks
-- Locks that let reads and writes through, even while they wait.
ALTER TABLE players VALIDATE CONSTRAINT players_team_id_fkey;
ALTER TABLE players ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE players SET (autovacuum_vacuum_scale_factor = 0.01);
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_lower_name_idx ON players (lower(name));
DROP INDEX CONCURRENTLY IF EXISTS players_lower_name_idx;
LOCK TABLE players IN SHARE UPDATE EXCLUSIVE MODE;
REFRESH MATERIALIZED VIEW CONCURRENTLY team_sizes;
COMMENT ON TABLE players IS 'one row per registered player';
UPDATE players SET name = trim(name);

-- migration: 0008_lock_nowait
-- LOCK ... NOWAIT fails at once instead of queueing, and the ALTER then holds the lock already.
LOCK TABLE players IN ACCESS EXCLUSIVE MODE NOWAIT;
ALTER TABLE players ADD COLUMN rating int;

-- migration: 0009_new_table_then_existing
CREATE TABLE seasons (id bigint PRIMARY KEY, name text);
CREATE INDEX seasons_name_idx ON seasons (name);
ALTER TABLE seasons ADD COLUMN starts_on date;
-- expect: missing-lock-timeout
ALTER TABLE teams ADD COLUMN season_id bigint REFERENCES seasons (id);

-- migration: 0010_drop_table
-- expect: missing-lock-timeout
DROP TABLE IF EXISTS legacy_scores;

-- migration: 0011_drop_index
-- expect: missing-lock-timeout
DROP INDEX players_email_idx;

-- migration: 0012_lock
-- expect: missing-lock-timeout
LOCK TABLE teams IN SHARE ROW EXCLUSIVE MODE;

-- migration: 0013_truncate
-- expect: missing-lock-timeout
TRUNCATE seasons;

-- migration: 0014_foreign_key_not_valid
-- expect: missing-lock-timeout
ALTER TABLE players ADD CONSTRAINT players_season_fkey FOREIGN KEY (team_id) REFERENCES seasons (id) NOT VALID;

-- migration: 0015_refresh
-- expect: missing-lock-timeout
REFRESH MATERIALIZED VIEW team_sizes;

-- migration: 0016_timeout_reset
SET lock_timeout = '5s';
SET lock_timeout = 0;
-- expect: missing-lock-timeout
ALTER TABLE players RENAME COLUMN rating TO score;

-- migration: 0017_trigger
-- expect: missing-lock-timeout
ALTER TABLE players DISABLE TRIGGER ALL;

-- migration: 0018_new_materialized_view
-- Indexing a materialized view created in the same migration waits for nobody.
CREATE MATERIALIZED VIEW player_names AS SELECT id, name FROM players WITH NO DATA;
CREATE UNIQUE INDEX player_names_id_idx ON player_names (id);

-- migration: 0090_timeouts_that_do_not_limit
-- A zero in any unit, DEFAULT and RESET leave the wait unlimited.
SET lock_timeout = '0ms';
-- expect: missing-lock-timeout
ALTER TABLE players ADD COLUMN IF NOT EXISTS nickname90 text;

-- migration: 0091_reset
SET lock_timeout = '3s';
RESET lock_timeout;
-- expect: missing-lock-timeout
ALTER TABLE players ADD COLUMN IF NOT EXISTS nickname91 text;

-- migration: 0092_set_config
SELECT set_config('lock_timeout', '4s', false);
ALTER TABLE players ADD COLUMN IF NOT EXISTS nickname92 text;

-- migration: 0093_triggers
CREATE TABLE IF NOT EXISTS audit_log (id bigint, at timestamptz);
-- A trigger on a table created in the same migration waits for nobody.
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION stamp();
-- expect: missing-lock-timeout
CREATE OR REPLACE TRIGGER players_audit AFTER INSERT OR UPDATE ON public.players FOR EACH ROW EXECUTE FUNCTION audit();

-- migration: 0094_drop_trigger
-- expect: missing-lock-timeout
DROP TRIGGER IF EXISTS players_audit ON players;

-- migration: 0095_index
SET lock_timeout = '5s';
CREATE INDEX teams_id_idx ON teams (id);

-- migration: 0096_rebuild
-- The index goes with its table, whose DROP TABLE is the statement that waits; the table created again in its place
-- is new. Both were false warnings on production histories.
DROP INDEX teams_id_idx;
-- expect: missing-lock-timeout
DROP TABLE teams;
CREATE TABLE teams AS SELECT 1::bigint AS id;
ALTER TABLE teams ADD PRIMARY KEY (id);

-- migration: 0097_conditional
-- Real PL/pgSQL (an IF) is code, not a wrapper of statements: its ALTER runs only when the condition holds, and is
-- not read as if it always ran (a false warning once IF read as a statement of its own).
DO $$
BEGIN
    IF to_regclass('players_name_tmp') IS NOT NULL THEN
        ALTER TABLE players DROP CONSTRAINT IF EXISTS players_name_key;
        ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE USING INDEX players_name_tmp;
    END IF;
END
$$;
