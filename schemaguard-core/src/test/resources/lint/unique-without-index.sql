-- migration: 0001_players
CREATE TABLE players (id bigint, email text, handle text);
CREATE TABLE teams (id bigint, name text);
-- A table created in the same migration holds no rows: the build inside ALTER TABLE is instant.
ALTER TABLE players ADD CONSTRAINT players_pkey PRIMARY KEY (id);

-- migration: 0002_keys
-- expect: unique-without-index
ALTER TABLE players ADD CONSTRAINT players_email_key UNIQUE (email);
-- expect: unique-without-index
ALTER TABLE players ADD UNIQUE NULLS NOT DISTINCT (handle) INCLUDE (email);
-- expect: unique-without-index
ALTER TABLE teams ADD PRIMARY KEY (id);
-- A column added with UNIQUE builds the same index over every existing row.
-- expect: unique-without-index
ALTER TABLE players ADD COLUMN public_id uuid UNIQUE;
-- Not this rule's: an exclusion constraint has no USING INDEX form.
ALTER TABLE teams ADD CONSTRAINT teams_name_excl EXCLUDE USING btree (name WITH =);

-- migration: 0003_build_concurrently
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS players_handle_idx ON players (handle);

-- migration: 0004_attach
-- The safe form: attach the index built concurrently.
ALTER TABLE players ADD CONSTRAINT players_handle_key UNIQUE USING INDEX players_handle_idx;
ALTER TABLE teams ADD CONSTRAINT teams_pkey PRIMARY KEY USING INDEX teams_id_idx;
CREATE TABLE seasons (id bigint, name text);
ALTER TABLE seasons ADD PRIMARY KEY (id), ADD UNIQUE (name);
ALTER TABLE seasons ADD COLUMN code text UNIQUE;

-- migration: 0089_fast_scores
CREATE TABLE fast_scores (id bigint);

-- migration: 0090_rebuild_in_place
-- Dropped and created again from a query: the new table is read by nobody yet (a false warning on a production
-- history).
DROP TABLE IF EXISTS fast_scores;
CREATE TABLE fast_scores AS SELECT 1::bigint AS id;
ALTER TABLE fast_scores ADD PRIMARY KEY (id);
