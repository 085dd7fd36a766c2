-- fails on a generated shirt that is not digits; applies on a table without such rows
ALTER TABLE players ADD CONSTRAINT shirt_digits CHECK (shirt ~ '^[0-9]+$');
