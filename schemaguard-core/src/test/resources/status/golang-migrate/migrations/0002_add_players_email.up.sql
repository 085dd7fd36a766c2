ALTER TABLE players ADD COLUMN email text;
