-- fails on a generated shirt that is not a number; applies on a table without such rows
ALTER TABLE players ALTER COLUMN shirt TYPE integer USING shirt::integer;
