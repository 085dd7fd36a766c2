-- the model declares the enum again, as SQLAlchemy's Enum does by default
CREATE TYPE division AS ENUM ('north', 'south');
ALTER TABLE teams ADD COLUMN division division;
