-- stands for a long backfill: the run is interrupted while it runs
SELECT pg_sleep(120);
