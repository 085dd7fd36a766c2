CREATE TYPE division AS ENUM ('north', 'south');
