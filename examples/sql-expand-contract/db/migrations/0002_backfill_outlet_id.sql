-- 0002 backfill: one outlets row per distinct publications.outlet, then
-- publications.outlet_id from it.
--
-- Idempotent: ON CONFLICT DO NOTHING and "outlet_id IS NULL" make a second run
-- a no-op, so it is safe to re-run after a partial failure. Rows are updated in
-- batches of 5000 to keep each UPDATE small; on a very large table run this file
-- with psql outside the migration transaction so that each batch commits.
INSERT INTO "outlets" ("slug", "display_name")
SELECT DISTINCT p."outlet", initcap(replace(p."outlet", '_', ' '))
  FROM "publications" AS p
ON CONFLICT ("slug") DO NOTHING;
--> statement-breakpoint
DO $$
DECLARE
	batch_size constant integer := 5000;
	updated integer;
BEGIN
	LOOP
		UPDATE "publications" AS p
		   SET "outlet_id" = o."id"
		  FROM "outlets" AS o
		 WHERE o."slug" = p."outlet"
		   AND p."id" IN (
		         SELECT p2."id"
		           FROM "publications" AS p2
		           JOIN "outlets" AS o2 ON o2."slug" = p2."outlet"
		          WHERE p2."outlet_id" IS NULL
		          LIMIT batch_size
		       );
		GET DIAGNOSTICS updated = ROW_COUNT;
		EXIT WHEN updated = 0;
	END LOOP;
END $$;
