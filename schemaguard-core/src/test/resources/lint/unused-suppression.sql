-- migration: 0001_create_tags
CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY, name text NOT NULL);

-- migration: 0002_index_tags
SET lock_timeout = '5s';
-- CONCURRENTLY already avoids the finding this comment was written for
-- expect: unused-suppression
-- schemaguard:ignore index-not-concurrent tags is a small table
CREATE INDEX CONCURRENTLY IF NOT EXISTS tags_name_idx ON tags (name);
-- expect: unused-suppression
-- schemaguard:ignore index-not-concurent tags is a small table
CREATE INDEX CONCURRENTLY IF NOT EXISTS tags_id_name_idx ON tags (id, name);
-- a suppression of a rule the static analysis does not run may yet be used by the rehearsal
-- schemaguard:ignore exclusive-lock the table is new
ALTER TABLE tags ADD COLUMN IF NOT EXISTS slug text;

-- migration: 0003_index_tags_slug
SET lock_timeout = '5s';
-- schemaguard:ignore index-not-concurrent tags holds ~2k rows; the build takes well under lock_timeout
CREATE INDEX IF NOT EXISTS tags_slug_idx ON tags (slug);
