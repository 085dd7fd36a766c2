-- 0005 expand: content.visibility and content.embargo_until.
--
-- The enum type is created idempotently so the file survives a re-run. The
-- constant default means ADD COLUMN ... NOT NULL does not rewrite the table.
SET lock_timeout = '5s';
--> statement-breakpoint
DO $$ BEGIN
	CREATE TYPE "public"."content_visibility" AS ENUM('internal', 'public', 'embargoed');
EXCEPTION
	WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN IF NOT EXISTS "visibility" "content_visibility" DEFAULT 'internal' NOT NULL;
--> statement-breakpoint
ALTER TABLE "content" ADD COLUMN IF NOT EXISTS "embargo_until" timestamp with time zone;
