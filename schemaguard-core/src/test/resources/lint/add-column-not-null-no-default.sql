-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, name text);
-- A table created in the same migration holds no rows: NOT NULL without a default is fine.
ALTER TABLE players ADD COLUMN email text NOT NULL;

-- migration: 0002_columns
-- expect: add-column-not-null-no-default
ALTER TABLE players ADD COLUMN country text NOT NULL;
-- expect: add-column-not-null-no-default
ALTER TABLE players ADD COLUMN IF NOT EXISTS team_id bigint CONSTRAINT players_team_nn NOT NULL REFERENCES teams (id);
-- A primary key column is NOT NULL too.
-- expect: add-column-not-null-no-default
ALTER TABLE legacy_scores ADD COLUMN nickname text, ADD COLUMN id bigint PRIMARY KEY;
-- With a default, existing rows get its value.
ALTER TABLE players ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE players ADD COLUMN created_at timestamptz DEFAULT now() NOT NULL;
-- Nullable columns need no value; serial, identity and generated columns compute one.
ALTER TABLE players ADD COLUMN nickname text;
ALTER TABLE players ADD COLUMN seq bigserial NOT NULL;
ALTER TABLE players ADD COLUMN number int GENERATED ALWAYS AS IDENTITY NOT NULL;
ALTER TABLE players ADD COLUMN name_length int NOT NULL GENERATED ALWAYS AS (length(name)) STORED;
-- Setting NOT NULL on an existing column is another rule's business.
ALTER TABLE players ALTER COLUMN name SET NOT NULL;

-- migration: 0003_cache
CREATE TABLE cache_entries (key text PRIMARY KEY, value bytea);

-- migration: 0004_rebuild_cache
-- The migration empties the table first: no row gets the missing value (a false warning on a production history).
DELETE FROM cache_entries;
ALTER TABLE cache_entries ADD COLUMN user_id integer NOT NULL;
TRUNCATE cache_entries;
ALTER TABLE cache_entries ADD COLUMN tenant_id integer NOT NULL;
-- A DELETE with a WHERE keeps rows, and rows inserted after emptying are rows again.
DELETE FROM cache_entries WHERE key LIKE 'tmp:%';
INSERT INTO cache_entries (key, value, user_id, tenant_id) VALUES ('k', '\x00', 1, 1);
-- expect: add-column-not-null-no-default
ALTER TABLE cache_entries ADD COLUMN region text NOT NULL;
