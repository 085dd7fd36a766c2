ALTER TABLE players DROP CONSTRAINT shirt_digits;
