CREATE TABLE teams (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE players (
    id bigint PRIMARY KEY,
    team_id bigint REFERENCES teams (id),
    nickname text,
    legacy_code text,
    date_of_birth date
);
CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text NOT NULL, payload jsonb NOT NULL);
