-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, name text);
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE seasons (id bigint PRIMARY KEY);
-- A table created in the same migration: nobody can be using it yet.
DROP TABLE seasons;

-- migration: 0002_cleanup
CREATE TABLE import_scratch (id bigint, payload jsonb);
CREATE TABLE staging (id bigint);
ALTER TABLE staging RENAME TO staging_old;
-- Tables created earlier in the same migration, under their name of the moment.
DROP TABLE import_scratch;
DROP TABLE IF EXISTS staging_old;
-- Dropping a view, an index or a sequence is not dropping a table.
DROP VIEW IF EXISTS player_names;
DROP INDEX IF EXISTS players_name_idx;
DROP SEQUENCE IF EXISTS ticket_seq;
-- expect: drop-table
DROP TABLE teams;
-- A table the migrations seen did not create (a baseline's) is assumed to hold data.
-- expect: drop-table
DROP TABLE IF EXISTS public.players, legacy_scores CASCADE;

-- migration: 0003_archive
CREATE TABLE archive (id bigint);

-- migration: 0004_drop_archive
-- CREATE TABLE IF NOT EXISTS of a table that exists creates nothing: dropping it still deletes its data.
CREATE TABLE IF NOT EXISTS archive (id bigint);
-- expect: drop-table
DROP TABLE archive;
