-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, age int, name text);
-- A table created in the same migration has no rows to check.
ALTER TABLE players ADD CONSTRAINT players_age_check CHECK (age >= 0);

-- migration: 0002_checks
-- expect: check-not-valid
ALTER TABLE players ADD CONSTRAINT players_name_length CHECK (char_length(name) < 200);
-- expect: check-not-valid
ALTER TABLE IF EXISTS public.players ADD CHECK (age < 150) NO INHERIT;
-- The safe form: NOT VALID now, VALIDATE CONSTRAINT in a later migration.
ALTER TABLE players ADD CONSTRAINT players_age_sane CHECK (age < 150) NOT VALID;
-- Other constraints are other rules' concern.
ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE (name);

-- migration: 0003_validate
ALTER TABLE players VALIDATE CONSTRAINT players_age_sane;
CREATE TABLE teams (id bigint PRIMARY KEY, size int);
ALTER TABLE teams ADD CONSTRAINT teams_size_check CHECK (size > 0);

-- migration: 0004_validate_in_the_same_transaction
ALTER TABLE players ADD CONSTRAINT players_name_present CHECK (name IS NOT NULL) NOT VALID;
-- The ADD's ACCESS EXCLUSIVE is still held: the scan blocks reads and writes anyway.
-- expect: check-not-valid
ALTER TABLE players VALIDATE CONSTRAINT players_name_present;

-- migration: 0005_two_transactions
BEGIN;
ALTER TABLE players ADD CONSTRAINT players_id_positive CHECK (id > 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE players VALIDATE CONSTRAINT players_id_positive;
COMMIT;

-- migration: 0090_column_check
-- A CHECK on a new column of a table in use is checked against every row.
-- expect: check-not-valid
ALTER TABLE players ADD COLUMN IF NOT EXISTS age int CHECK (age > 0);
