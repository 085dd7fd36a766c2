-- migration: 0001_events
CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2025 (id bigint, at timestamptz NOT NULL);
CREATE TABLE events_2026 (id bigint, at timestamptz NOT NULL);
CREATE TABLE events_other (id bigint, at timestamptz NOT NULL);
-- Tables created in the same migration hold no rows yet: nothing to scan.
ALTER TABLE events ATTACH PARTITION events_other DEFAULT;

-- migration: 0002_attach
-- Every row of events_2025 is read under ACCESS EXCLUSIVE to check the bound (a hazard seen missed).
-- expect: attach-partition-without-check
ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- The safe form: a validated CHECK that implies the bound lets PostgreSQL skip the scan.
ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bound
    CHECK (at >= '2026-01-01' AND at < '2027-01-01') NOT VALID;
ALTER TABLE events_2026 VALIDATE CONSTRAINT events_2026_bound;
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE events_2026 DROP CONSTRAINT events_2026_bound;
-- A partition created attached is never scanned.
CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
