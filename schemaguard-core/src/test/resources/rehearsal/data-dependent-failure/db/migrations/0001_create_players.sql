CREATE TABLE players (id bigint PRIMARY KEY, shirt text);
