ALTER TABLE players ALTER COLUMN shirt TYPE text;
