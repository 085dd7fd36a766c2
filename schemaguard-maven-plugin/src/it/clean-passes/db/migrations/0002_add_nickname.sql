SET lock_timeout = '5s';
ALTER TABLE players ADD COLUMN IF NOT EXISTS nickname text;
