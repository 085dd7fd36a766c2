-- migration: 0001_setup
CREATE TABLE artifacts (id bigint PRIMARY KEY, media_type text);
CREATE TABLE exports (id bigint PRIMARY KEY, traveler boolean);
-- A table this migration created holds no rows to backfill.
ALTER TABLE artifacts ADD COLUMN artifact_type text;
UPDATE artifacts SET artifact_type = media_type;

-- migration: 0002_backfill
-- The ALTER TABLE's ACCESS EXCLUSIVE is held through the whole UPDATE (a hazard seen missed on production
-- histories): every query on artifacts waits for the backfill.
ALTER TABLE artifacts ADD COLUMN IF NOT EXISTS kind text;
-- expect: backfill-in-ddl-transaction
UPDATE artifacts SET kind = media_type WHERE kind IS NULL;
-- A WHERE that picks some rows is not a full-table backfill.
UPDATE artifacts SET kind = 'image' WHERE media_type LIKE 'image/%';
CREATE INDEX exports_traveler_idx ON exports (traveler);
-- The index's SHARE lock blocks every write to exports until the migration commits.
-- expect: backfill-in-ddl-transaction
UPDATE exports SET traveler = false;

-- migration: 0003_separate_transactions
BEGIN;
ALTER TABLE exports ADD COLUMN region text;
COMMIT;
-- The ALTER's transaction ended: the backfill holds only row locks.
BEGIN;
UPDATE exports SET region = 'eu';
COMMIT;

-- migration: 0004_delete
LOCK TABLE exports IN SHARE ROW EXCLUSIVE MODE;
-- expect: backfill-in-ddl-transaction
DELETE FROM exports;
