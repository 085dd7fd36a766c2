-- 0001 expand: publications.outlet (free text) -> publications.outlet_id (FK to outlets)
--
-- Adds the outlets table and a nullable publications.outlet_id. Nothing reads
-- either yet; the running release keeps writing publications.outlet, the next
-- one writes both columns. Rollback: 0001_expand_add_outlet_id.down.sql.
SET lock_timeout = '5s';
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "outlets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outlets_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
-- schemaguard:ignore exclusive-lock publications holds ~40k rows: the index build below keeps this lock well under lock_timeout
ALTER TABLE "publications" ADD COLUMN IF NOT EXISTS "outlet_id" uuid;
--> statement-breakpoint
-- CREATE INDEX CONCURRENTLY cannot run inside the migration transaction.
-- schemaguard:ignore index-not-concurrent publications holds ~40k rows; the build takes well under lock_timeout
CREATE INDEX IF NOT EXISTS "publications_outlet_id_idx" ON "publications" USING btree ("outlet_id");
