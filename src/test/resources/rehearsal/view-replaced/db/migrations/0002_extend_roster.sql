CREATE OR REPLACE VIEW roster AS SELECT id, nickname, upper(nickname) AS shout FROM players;
