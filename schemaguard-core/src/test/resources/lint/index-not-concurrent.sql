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

-- migration: 0004_new_materialized_view
-- A materialized view created in the migration is read by nobody yet: index and fill it plainly.
CREATE MATERIALIZED VIEW reporting_daily AS SELECT date_trunc('day', now()) AS day, count(*) AS n FROM players GROUP BY 1 WITH NO DATA;
CREATE UNIQUE INDEX reporting_daily_day_idx ON reporting_daily (day);
REFRESH MATERIALIZED VIEW reporting_daily;

-- migration: 0005_existing_materialized_view
-- expect: index-not-concurrent
CREATE INDEX reporting_daily_n_idx ON reporting_daily (n);
-- expect: index-not-concurrent
REFRESH MATERIALIZED VIEW reporting_daily;

-- migration: 0006_partitioned
CREATE TABLE events (id bigint, at timestamptz NOT NULL, payload jsonb) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- migration: 0007_partitioned_index
-- ON ONLY the parent builds nothing: the partitions' indexes are built (concurrently) and attached one by one. A false
-- warning on a production goose history.
CREATE INDEX IF NOT EXISTS events_payload_idx ON ONLY events USING gin (payload jsonb_path_ops);
-- expect: index-not-concurrent
CREATE INDEX events_at_idx ON events (at);
