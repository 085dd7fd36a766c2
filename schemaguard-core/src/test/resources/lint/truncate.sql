-- migration: 0001_setup
CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
CREATE TABLE audit (id bigint PRIMARY KEY);
-- A table this migration created holds nothing yet.
TRUNCATE sessions;

-- migration: 0002_reset
-- Every row of an existing table is gone, and no down migration brings it back (a hazard seen missed).
-- expect: truncate
TRUNCATE TABLE sessions;
-- expect: truncate
TRUNCATE audit, sessions RESTART IDENTITY CASCADE;

-- migration: 0003_new
CREATE TABLE scratch (id bigint);
INSERT INTO scratch VALUES (1);
TRUNCATE scratch;
-- schemaguard:ignore truncate the session cache is rebuilt at login
TRUNCATE sessions;
