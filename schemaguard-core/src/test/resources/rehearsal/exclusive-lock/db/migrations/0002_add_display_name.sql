-- the lock of the ALTER TABLE is held through the backfill: a warning
ALTER TABLE players ADD COLUMN display_name text;
UPDATE players SET display_name = coalesce(nickname, full_name);
