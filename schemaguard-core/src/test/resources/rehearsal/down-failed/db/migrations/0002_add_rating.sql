ALTER TABLE players ADD COLUMN rating integer;
