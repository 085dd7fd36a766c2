-- migration: 0001_players
CREATE TABLE players (id bigint PRIMARY KEY, name text, email text);
-- A new table holds no rows and no traffic: a plain index is right.
CREATE INDEX players_name_idx ON players (name);

-- migration: 0002_indexes
-- expect: index-not-concurrent
CREATE INDEX players_email_idx ON players (email);
-- expect: index-not-concurrent
CREATE UNIQUE INDEX IF NOT EXISTS players_email_key ON public.players USING btree (lower(email));
-- expect: index-not-concurrent
REINDEX INDEX players_name_idx;
-- expect: index-not-concurrent
REFRESH MATERIALIZED VIEW player_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY player_stats;

-- migration: 0003_concurrent
-- fixture note: golang-style single statement files are not needed for plain SQL, the lint rule only looks at locks
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_lower_name_idx ON players (lower(name));
