-- Rollback of 0006: scheduled_posts is new and nothing else references it.
DROP TABLE IF EXISTS "scheduled_posts";
