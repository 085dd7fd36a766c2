-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, name text);
CREATE INDEX players_name_idx ON players (name);
-- A table created in the same migration holds no rows yet.
ALTER TABLE players SET UNLOGGED;
CLUSTER players USING players_name_idx;

-- migration: 0002_maintenance
-- expect: table-rewrite
VACUUM FULL players;
-- expect: table-rewrite
VACUUM (FULL, ANALYZE) public.players;
-- expect: table-rewrite
VACUUM FULL;
-- expect: table-rewrite
CLUSTER players USING players_name_idx;
-- expect: table-rewrite
CLUSTER VERBOSE players;
-- expect: table-rewrite
CLUSTER;
-- Plain VACUUM blocks neither reads nor writes.
VACUUM players;
VACUUM (ANALYZE, VERBOSE) players;
VACUUM (FULL false) players;
VACUUM ANALYZE;

-- migration: 0003_alter
-- expect: table-rewrite
ALTER TABLE players SET TABLESPACE fast_ssd;
-- expect: table-rewrite
ALTER TABLE players SET LOGGED;
-- expect: table-rewrite
ALTER TABLE ONLY players SET UNLOGGED, SET (fillfactor = 70);
-- expect: table-rewrite
ALTER TABLE players SET ACCESS METHOD heap2;
-- Catalog changes, no rewrite.
ALTER TABLE players SET (fillfactor = 80);
ALTER TABLE players ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE players SET WITHOUT CLUSTER;
ALTER TABLE players ADD COLUMN nickname text DEFAULT 'none';
-- Rewrites that change-column-type and volatile-default report.
ALTER TABLE players ALTER COLUMN name TYPE varchar(100);
ALTER TABLE players ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
-- A table created in the same migration.
CREATE TABLE staging (id bigint);
VACUUM FULL staging;
ALTER TABLE staging SET LOGGED;

-- migration: 0090_generated_columns
CREATE TABLE invoices_new (net numeric, vat numeric, total numeric GENERATED ALWAYS AS (net + vat) STORED);
-- A STORED generated column on a table in use computes and writes a value for every row.
-- expect: table-rewrite
ALTER TABLE players ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED;
-- VIRTUAL (PostgreSQL 18) is computed on read: no rewrite.
ALTER TABLE players ADD COLUMN name_upper text GENERATED ALWAYS AS (upper(name)) VIRTUAL;
