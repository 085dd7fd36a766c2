-- Rollback of 0002: empty outlet_id again and remove the outlets rows the
-- backfill created. Before 0002 the column was all NULL and outlets was empty;
-- roll this back together with the release that dual-writes outlet_id.
UPDATE "publications" SET "outlet_id" = NULL WHERE "outlet_id" IS NOT NULL;
--> statement-breakpoint
DELETE FROM "outlets";
