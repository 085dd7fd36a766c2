-- migration: 0001_setup
-- expect: non-idempotent-ddl
CREATE TABLE players (id bigint PRIMARY KEY, name text);
CREATE TABLE IF NOT EXISTS teams (id bigint PRIMARY KEY);
-- expect: non-idempotent-ddl
CREATE INDEX players_name_idx ON players (name);
CREATE INDEX IF NOT EXISTS teams_id_idx ON teams (id);
-- expect: non-idempotent-ddl
CREATE EXTENSION pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SEQUENCE IF NOT EXISTS invoice_seq;
-- A temporary table lives for one session: re-running creates it afresh.
CREATE TEMP TABLE scratch (id int);

-- migration: 0002_change
-- expect: non-idempotent-ddl
ALTER TABLE players ADD COLUMN nickname text;
ALTER TABLE players ADD COLUMN IF NOT EXISTS birth_year int;
ALTER TABLE players DROP COLUMN IF EXISTS legacy;
-- expect: non-idempotent-ddl
DROP TABLE teams;
DROP INDEX IF EXISTS players_name_idx;
-- expect: non-idempotent-ddl
DROP SEQUENCE invoice_seq;
