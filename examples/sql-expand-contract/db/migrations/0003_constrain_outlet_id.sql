-- 0003 constrain: publications.outlet_id becomes a NOT NULL foreign key.
--
-- Both constraints are added NOT VALID (no scan while the lock is taken) and
-- validated separately. SET NOT NULL then uses the validated CHECK instead of
-- scanning the table again (PostgreSQL 12+), after which the CHECK is redundant.
-- Run as one file, the VALIDATE scans happen while the ADD CONSTRAINT locks
-- are still held; that is fine for publications (~40k rows). For a large
-- table, move the VALIDATE / SET NOT NULL statements into a migration of their own.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE restrict ON UPDATE no action NOT VALID;
--> statement-breakpoint
-- schemaguard:ignore foreign-key-not-valid publications holds ~40k rows: validating under the ADD's lock takes well under lock_timeout
ALTER TABLE "publications" VALIDATE CONSTRAINT "publications_outlet_id_outlets_id_fk";
--> statement-breakpoint
-- schemaguard:ignore exclusive-lock publications holds ~40k rows: validation and SET NOT NULL under this lock take well under lock_timeout
ALTER TABLE "publications" ADD CONSTRAINT "publications_outlet_id_not_null" CHECK ("outlet_id" IS NOT NULL) NOT VALID;
--> statement-breakpoint
-- schemaguard:ignore check-not-valid publications holds ~40k rows: the scan under the ADD's lock takes well under lock_timeout
ALTER TABLE "publications" VALIDATE CONSTRAINT "publications_outlet_id_not_null";
--> statement-breakpoint
ALTER TABLE "publications" ALTER COLUMN "outlet_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "publications" DROP CONSTRAINT "publications_outlet_id_not_null";
