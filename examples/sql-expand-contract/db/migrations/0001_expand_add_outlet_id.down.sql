-- Rollback of 0001: drop the new column (its index goes with it) and the
-- outlets table. Nothing reads them yet, so no data the application needs is lost.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "publications" DROP COLUMN IF EXISTS "outlet_id";
--> statement-breakpoint
DROP TABLE IF EXISTS "outlets";
