ALTER TABLE players ADD COLUMN display_name text;
UPDATE players SET display_name = coalesce(nickname, full_name);
