-- Rollback of 0003: outlet_id is nullable again and no longer a foreign key.
-- (The temporary CHECK was already dropped by 0003 itself.)
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "publications" ALTER COLUMN "outlet_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "publications" DROP CONSTRAINT IF EXISTS "publications_outlet_id_outlets_id_fk";
