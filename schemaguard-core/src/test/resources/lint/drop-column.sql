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

-- migration: 0091_accounts_from_before
-- accounts comes from before the history (a baseline): no migration here created it, but this one shows it exists.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS legacy_code text;

-- migration: 0092_accounts
-- IF NOT EXISTS says the table may be there, and it is: the CREATE does nothing, and the column it drops is in use
-- (a miss: the table was taken as created here).
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, legacy_code text);
-- expect: drop-column
ALTER TABLE accounts DROP COLUMN legacy_code;
