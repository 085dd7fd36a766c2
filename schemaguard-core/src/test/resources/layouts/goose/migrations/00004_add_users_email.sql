-- +goose Up
ALTER TABLE users ADD COLUMN email text;

-- +goose Down
-- nothing to undo: the column stays
