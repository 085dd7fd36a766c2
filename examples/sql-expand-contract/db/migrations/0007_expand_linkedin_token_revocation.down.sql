-- Rollback of 0007: drop the two new columns.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "linkedin_tokens" DROP COLUMN IF EXISTS "last_refreshed_at";
--> statement-breakpoint
ALTER TABLE "linkedin_tokens" DROP COLUMN IF EXISTS "revoked_at";
