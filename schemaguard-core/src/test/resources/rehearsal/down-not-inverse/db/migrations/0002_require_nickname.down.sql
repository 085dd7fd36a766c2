-- forgets: ALTER TABLE players ALTER COLUMN nickname DROP NOT NULL;
SELECT 1;
