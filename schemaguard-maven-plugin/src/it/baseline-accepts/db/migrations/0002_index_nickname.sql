-- The runner wraps each file in a transaction, where CONCURRENTLY is refused.
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_nickname ON players (nickname);
