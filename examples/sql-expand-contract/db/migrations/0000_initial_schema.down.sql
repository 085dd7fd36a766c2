-- Rollback of 0000_initial_schema: drops the 7 tables and 3 enum types.
-- Only safe on an empty database (this is the first migration); the indexes
-- and foreign keys go with their tables.
DROP TABLE IF EXISTS "metrics";
--> statement-breakpoint
DROP TABLE IF EXISTS "approvals";
--> statement-breakpoint
DROP TABLE IF EXISTS "publications";
--> statement-breakpoint
DROP TABLE IF EXISTS "content";
--> statement-breakpoint
DROP TABLE IF EXISTS "linkedin_tokens";
--> statement-breakpoint
DROP TABLE IF EXISTS "audit";
--> statement-breakpoint
DROP TABLE IF EXISTS "outlet_feature_flags";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."publication_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."content_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."approval_decision";
