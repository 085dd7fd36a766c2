-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY users_username_idx ON users (username);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS users_username_idx;
