-- players at 0002, as pg_dump --schema-only would give it (the foreign key named as PostgreSQL names it).
CREATE TABLE players_team (id bigserial PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE players_player (
    id bigserial PRIMARY KEY,
    name varchar(100) NOT NULL,
    email varchar(254),
    team_id bigint REFERENCES players_team DEFERRABLE INITIALLY DEFERRED,
    division varchar(10) NOT NULL
);
CREATE INDEX players_player_team_id_c95b0652 ON players_player (team_id);
