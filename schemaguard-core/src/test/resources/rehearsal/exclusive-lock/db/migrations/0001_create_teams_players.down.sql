DROP VIEW roster;
DROP TABLE players;
DROP TABLE teams;
