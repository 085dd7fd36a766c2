-- 0004 contract: drop the old publications.outlet column.
--
-- Only after one full deploy cycle of the release that reads outlet_id:
-- nothing may read or write publications.outlet any more. Its index
-- (publications_outlet_idx) is dropped with it.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "publications" DROP COLUMN IF EXISTS "outlet";
