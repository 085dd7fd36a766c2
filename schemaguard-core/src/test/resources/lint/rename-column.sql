-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint, name text);
-- A table created in the same migration: nobody can be using it yet.
ALTER TABLE players RENAME COLUMN name TO display_name;

-- migration: 0002_rename
-- expect: rename-column
ALTER TABLE players RENAME COLUMN display_name TO full_name;
-- expect: rename-column
ALTER TABLE IF EXISTS ONLY public.players RENAME team_id TO squad_id;
-- Renaming the table or a constraint is not renaming a column.
ALTER TABLE players RENAME CONSTRAINT players_pkey TO players_pk;
CREATE TABLE teams (id bigint PRIMARY KEY, label text);
ALTER TABLE teams RENAME COLUMN label TO name;
ALTER TABLE teams RENAME TO squads;
ALTER TABLE squads RENAME COLUMN name TO title;
-- A column added earlier in the same migration: nobody can be using it yet.
ALTER TABLE players ADD COLUMN nick text;
ALTER TABLE players RENAME COLUMN nick TO nickname;

-- migration: 0003_again
-- The column came from an earlier migration: services may use it now.
-- expect: rename-column
ALTER TABLE players RENAME COLUMN nickname TO handle;
-- A table the migrations seen did not create (a baseline's) is assumed to be in use.
-- expect: rename-column
ALTER TABLE legacy_scores RENAME COLUMN pts TO points;
