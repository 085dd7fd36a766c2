CREATE TABLE teams (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE
);
CREATE TABLE players (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id bigint REFERENCES teams (id),
    full_name varchar(100) NOT NULL,
    nickname text
);
CREATE VIEW roster AS SELECT id, nickname FROM players;
