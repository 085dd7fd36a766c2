-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint, name text);

-- migration: 0002_player_teams
CREATE TABLE player_teams (player_id bigint, team_id bigint, note text);
-- A table created in the same migration: nobody can be reading it yet.
ALTER TABLE player_teams DROP COLUMN note;
-- expect: drop-column
ALTER TABLE players DROP COLUMN team_id;
-- expect: drop-column
ALTER TABLE IF EXISTS ONLY public.players DROP COLUMN IF EXISTS name CASCADE;

-- migration: 0090_rename_then_drop
-- A table in use that this migration renames is still in use under its new name.
ALTER TABLE players RENAME TO athletes;
-- expect: drop-column
ALTER TABLE athletes DROP COLUMN IF EXISTS nickname;
