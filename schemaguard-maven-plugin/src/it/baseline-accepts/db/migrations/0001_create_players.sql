CREATE TABLE players (id bigint PRIMARY KEY, nickname text);
