ALTER TABLE teams ADD COLUMN city text;
