UPDATE players SET nickname = full_name WHERE nickname IS NULL;
ALTER TABLE players ALTER COLUMN nickname SET NOT NULL;
