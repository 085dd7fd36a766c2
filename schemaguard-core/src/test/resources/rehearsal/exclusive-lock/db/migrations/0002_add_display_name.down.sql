ALTER TABLE players DROP COLUMN display_name;
