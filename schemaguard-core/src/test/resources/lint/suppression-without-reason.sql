-- migration: 0001_create_tags
CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY, name text NOT NULL);

-- migration: 0002_index_tags
SET lock_timeout = '5s';
-- expect: suppression-without-reason
-- schemaguard:ignore index-not-concurrent
CREATE INDEX IF NOT EXISTS tags_name_idx ON tags (name);
-- schemaguard:ignore index-not-concurrent tags holds ~2k rows; the build takes well under lock_timeout
CREATE INDEX IF NOT EXISTS tags_id_name_idx ON tags (id, name);
