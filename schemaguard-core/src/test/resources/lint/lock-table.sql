-- fixture: format=golang-migrate
-- migration: 1_setup
CREATE TABLE api_keys (id bigint PRIMARY KEY, hashed text);
CREATE TABLE api_keys_new (id bigint PRIMARY KEY, hashed text);
-- Tables created in the same migration: nobody can be waiting on them.
LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE;

-- migration: 2_swap
-- golang-migrate sends the file as one implicit transaction: the locks last until it ends (a hazard seen missed).
-- expect: lock-table
LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE;
-- expect: lock-table
LOCK api_keys_new;
-- Weak modes let reads and writes through; NOWAIT is the deliberate form.
LOCK TABLE api_keys IN ROW EXCLUSIVE MODE;
LOCK TABLE api_keys IN SHARE UPDATE EXCLUSIVE MODE NOWAIT;
LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE NOWAIT;
DROP TABLE api_keys;
ALTER TABLE api_keys_new RENAME TO api_keys;

-- migration: 3_alone
-- A statement sent on its own runs outside a transaction block, where PostgreSQL refuses LOCK TABLE.
-- expect: lock-table
LOCK TABLE api_keys IN SHARE MODE;
