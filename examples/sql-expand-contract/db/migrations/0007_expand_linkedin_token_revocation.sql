-- 0007 expand: remember when a LinkedIn token was revoked or last refreshed,
-- so the refresher stops retrying revoked grants.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "linkedin_tokens" ADD COLUMN IF NOT EXISTS "revoked_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "linkedin_tokens" ADD COLUMN IF NOT EXISTS "last_refreshed_at" timestamp with time zone;
