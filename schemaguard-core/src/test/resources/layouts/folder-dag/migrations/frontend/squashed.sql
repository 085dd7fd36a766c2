-- Generated schema dump of the frontend database; not a migration.
CREATE TABLE users (id serial PRIMARY KEY, username text NOT NULL);
