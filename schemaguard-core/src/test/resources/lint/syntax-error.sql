-- migration: 0001_setup
CREATE TABLE players (id bigint PRIMARY KEY, name text);

-- migration: 0002_typos
-- A typo in the second word: the statement passed with no finding at all.
-- expect: syntax-error
ALTER TABL players ADD COLUMN email text;
-- A typo in the first word.
-- expect: syntax-error
CREAT INDEX players_name_idx ON players (name);
-- expect: syntax-error
CREATE TABEL teams (id bigint PRIMARY KEY);
-- expect: syntax-error
DROP TABEL teams;
-- The other commands of PostgreSQL are no errors, however rarely migrations use them.
CREATE UNIQUE INDEX players_lower_name_idx ON players (lower(name));
CREATE OR REPLACE VIEW player_names AS SELECT name FROM players;
CREATE CONSTRAINT TRIGGER players_check AFTER INSERT ON players DEFERRABLE FOR EACH ROW EXECUTE FUNCTION check_players();
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO reporting;
ALTER SYSTEM SET work_mem = '64MB';
DROP OWNED BY old_owner;
SECURITY LABEL ON TABLE players IS 'public';
CHECKPOINT;

-- migration: 0003_unterminated
SELECT 1;
-- A string never closed: the server cannot even split the script. Reported once, where it starts.
-- expect: syntax-error
UPDATE players SET name = 'nobody;
