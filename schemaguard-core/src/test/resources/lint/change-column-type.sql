-- migration: 0001_players
CREATE TABLE players (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    email character varying(100),
    bio text,
    nickname varchar,
    rating numeric(5, 2),
    score numeric(8),
    flags bit varying(8),
    joined_at timestamp,
    code char(4)
);
-- A table created in the same migration: nobody can be using it yet.
ALTER TABLE players ALTER COLUMN code TYPE char(2);

-- migration: 0002_catalog_only
-- Changes PostgreSQL makes in the catalog alone: a longer varchar, varchar to text or to unlimited varchar,
-- text to unlimited varchar, more numeric precision at the same scale, a longer varbit, the same type.
ALTER TABLE players ALTER COLUMN name TYPE varchar(100);
ALTER TABLE players ALTER COLUMN email SET DATA TYPE text;
ALTER TABLE players ALTER COLUMN nickname TYPE text;
ALTER TABLE players ALTER COLUMN bio TYPE character varying;
ALTER TABLE players ALTER COLUMN rating TYPE numeric(7, 2), ALTER COLUMN score TYPE decimal(12);
ALTER TABLE players ALTER COLUMN flags TYPE varbit(16);
ALTER TABLE players ALTER COLUMN id TYPE int4;
-- Django writes USING with a plain cast of the column to the new type: the same change.
ALTER TABLE players ALTER COLUMN name TYPE varchar(200) USING "name"::varchar(200);
CREATE TABLE teams (id integer PRIMARY KEY, label varchar(20));
ALTER TABLE teams ALTER COLUMN id TYPE bigint;

-- migration: 0003_rewrites
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN id TYPE bigint;
-- A shorter varchar must check every row.
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN name TYPE varchar(20);
-- A smaller scale changes every value.
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN rating SET DATA TYPE numeric(9, 1);
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN joined_at TYPE timestamp with time zone;
-- char(n) is blank-padded: changing it to varchar rewrites.
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN code TYPE varchar(10);
-- A USING expression other than a cast of the column computes every value anew.
-- expect: change-column-type
ALTER TABLE players ALTER COLUMN bio TYPE text USING trim(bio);
-- The current type is not known (the table comes from a baseline): the finding says so.
-- expect: change-column-type
ALTER TABLE legacy_scores ALTER COLUMN label TYPE varchar(100);
-- A column added in this migration to a table that has rows: changing its type still rewrites the table.
ALTER TABLE teams ADD COLUMN short_name varchar(3);
-- expect: change-column-type
ALTER TABLE teams ALTER COLUMN short_name TYPE integer USING short_name::integer;
-- teams.label is known to be varchar(20): a longer varchar is catalog-only.
ALTER TABLE teams ALTER COLUMN label TYPE varchar(40);

-- migration: 0004_events
CREATE TABLE events (id bigint PRIMARY KEY, at timestamp, logged_at timestamp, handle citext, note text);
CREATE INDEX events_logged_at_idx ON events (logged_at);

-- migration: 0005_time_zones
-- With the session TimeZone UTC, PostgreSQL 12+ changes timestamp to timestamptz without rewriting a row (a false
-- warning on a production history); only an index on the column is built again.
SET timezone = 'UTC';
ALTER TABLE events ALTER COLUMN at TYPE timestamptz;
-- expect: change-column-type
ALTER TABLE events ALTER COLUMN logged_at TYPE timestamptz;
-- citext's casts to text and back are binary: no rewrite.
ALTER TABLE events ALTER COLUMN handle TYPE text;
ALTER TABLE events ALTER COLUMN note TYPE citext;

-- migration: 0006_time_zone_not_utc
SET TIME ZONE 'Europe/Paris';
-- expect: change-column-type
ALTER TABLE events ALTER COLUMN at TYPE timestamp;
