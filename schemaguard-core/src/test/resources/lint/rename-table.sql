-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY);
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE seasons (id bigint PRIMARY KEY);
-- A table created in the same migration: nobody can be using it yet.
CREATE TABLE staging_clubs (id bigint);
ALTER TABLE staging_clubs RENAME TO clubs;

-- migration: 0002_rename
-- expect: rename-table
ALTER TABLE players RENAME TO athletes;
-- expect: rename-table
ALTER TABLE IF EXISTS public.teams RENAME TO squads;
-- A table the migrations seen did not create (a baseline's) is assumed to be in use.
-- expect: rename-table
ALTER TABLE legacy_scores RENAME TO scores;
-- A view under the old name, later in the same migration, keeps every query working.
ALTER TABLE seasons RENAME TO competitions;
CREATE VIEW seasons AS SELECT * FROM competitions;
-- Renaming a column, a constraint or an index is not renaming a table.
ALTER TABLE clubs RENAME COLUMN id TO club_id;
ALTER TABLE clubs RENAME CONSTRAINT clubs_pkey TO clubs_pk;
ALTER INDEX clubs_pk RENAME TO clubs_primary;

-- migration: 0003_view_elsewhere
-- A view created before the rename, or under another name, does not keep the old name.
CREATE VIEW athlete_names AS SELECT id FROM athletes;
-- expect: rename-table
ALTER TABLE athletes RENAME TO members;
CREATE VIEW player_list AS SELECT * FROM members;
