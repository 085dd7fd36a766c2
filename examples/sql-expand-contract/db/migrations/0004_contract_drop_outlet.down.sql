-- Rollback of 0004: re-add publications.outlet and back-fill it from outlet_id,
-- then restore its NOT NULL and its index.
SET lock_timeout = '5s';
--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN IF NOT EXISTS "outlet" text;
--> statement-breakpoint
UPDATE "publications" AS p
   SET "outlet" = o."slug"
  FROM "outlets" AS o
 WHERE o."id" = p."outlet_id"
   AND p."outlet" IS NULL;
--> statement-breakpoint
ALTER TABLE "publications" ALTER COLUMN "outlet" SET NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "publications_outlet_idx" ON "publications" USING btree ("outlet");
