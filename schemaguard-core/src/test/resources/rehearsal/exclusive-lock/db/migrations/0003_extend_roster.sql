-- replacing a view locks its readers out too, for as long as the catalog change takes: information
CREATE OR REPLACE VIEW roster AS SELECT id, nickname, upper(nickname) AS shout FROM players;
