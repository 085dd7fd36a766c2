CREATE TABLE players (id int PRIMARY KEY, nickname text);
CREATE VIEW roster AS SELECT id, nickname FROM players;
