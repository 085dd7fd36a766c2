-- no title: golang-migrate skips this file, so it never runs
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;
