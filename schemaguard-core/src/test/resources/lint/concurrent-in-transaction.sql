-- fixture: format=flyway
-- migration: 1_players
CREATE TABLE players (id bigint PRIMARY KEY, name text);

-- migration: 2_index_alone
-- Flyway runs a file holding only non-transactional statements without a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_name_idx ON players (name);

-- migration: 2.1_indexes_only
-- Several of them, and nothing else: Flyway still runs the file without a transaction (false error, seen on a
-- production Flyway history).
DROP INDEX CONCURRENTLY IF EXISTS players_name_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_lower_name_idx ON players (lower(name));

-- migration: 3_mixed
ALTER TABLE players ADD COLUMN IF NOT EXISTS email text;
-- expect: concurrent-in-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS players_email_idx ON players (email);
