CREATE TABLE players (id bigint PRIMARY KEY, name text NOT NULL);
