--liquibase formatted sql

--changeset league:004
-- Teams get a division of their own. The type was created by changeset 002 already:
-- this is seed 003's migration 008, which crash-looped every pod.
CREATE TYPE division AS ENUM ('boys', 'girls');
ALTER TABLE teams ADD COLUMN division division;
--rollback ALTER TABLE teams DROP COLUMN division;

--changeset league:005 runInTransaction:false
CREATE INDEX CONCURRENTLY players_team_id_idx ON players (team_id);
--rollback DROP INDEX CONCURRENTLY players_team_id_idx;

--changeset league:006 context:test
INSERT INTO teams (name) VALUES ('Test team');
--rollback DELETE FROM teams WHERE name = 'Test team';
