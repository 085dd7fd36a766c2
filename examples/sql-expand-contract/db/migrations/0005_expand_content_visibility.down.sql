-- Rollback of 0005: drop the two columns, then the type they used.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN IF EXISTS "embargo_until";
--> statement-breakpoint
ALTER TABLE "content" DROP COLUMN IF EXISTS "visibility";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."content_visibility";
