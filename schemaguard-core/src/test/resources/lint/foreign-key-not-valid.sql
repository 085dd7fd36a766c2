-- migration: 0001_tables
CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE players (id bigint PRIMARY KEY, team_id bigint, name text);
-- A table created in the same migration has no rows to check.
ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id);

-- migration: 0002_foreign_keys
CREATE TABLE coaches (id bigint PRIMARY KEY, team_id bigint);
ALTER TABLE coaches ADD FOREIGN KEY (team_id) REFERENCES teams;
-- expect: foreign-key-not-valid
ALTER TABLE players ADD CONSTRAINT players_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE;
-- expect: foreign-key-not-valid
ALTER TABLE IF EXISTS ONLY public.players ADD FOREIGN KEY (team_id) REFERENCES public.teams (id) DEFERRABLE INITIALLY DEFERRED;
-- The safe form: NOT VALID now, VALIDATE CONSTRAINT in a later migration.
ALTER TABLE players ADD CONSTRAINT players_team_nv_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;

-- migration: 0003_validate_and_columns
ALTER TABLE players VALIDATE CONSTRAINT players_team_nv_fkey;
-- A new column without a default holds only NULLs: PostgreSQL adds the foreign key without checking rows.
ALTER TABLE players ADD COLUMN captain_of bigint REFERENCES teams (id);
ALTER TABLE players ADD COLUMN IF NOT EXISTS mentor_id bigint CONSTRAINT players_mentor_fkey REFERENCES players (id) ON DELETE SET NULL;
-- With a default, every existing row holds a value to check.
-- expect: foreign-key-not-valid
ALTER TABLE players ADD COLUMN home_team_id bigint DEFAULT 1 REFERENCES teams (id);
-- expect: foreign-key-not-valid
ALTER TABLE players ADD COLUMN seq_team_id bigserial REFERENCES teams (id);
-- A table-level foreign key is checked row by row even on a column added in the same statement.
-- expect: foreign-key-not-valid
ALTER TABLE players ADD COLUMN coach_id bigint, ADD CONSTRAINT players_coach_id_fkey FOREIGN KEY (coach_id) REFERENCES coaches (id);

-- migration: 0004_validate_in_the_same_transaction
ALTER TABLE coaches ADD CONSTRAINT coaches_team_nv_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
-- The ADD's SHARE ROW EXCLUSIVE locks are still held: writes to both tables wait through the check anyway.
-- expect: foreign-key-not-valid
ALTER TABLE coaches VALIDATE CONSTRAINT coaches_team_nv_fkey;

-- migration: 0090_drizzle_foreign_keys
-- Drizzle wraps every foreign key in a DO block: the ADD CONSTRAINT still validates every row.
CREATE TABLE "post_tags" ("post_id" bigint, "tag" text);
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "post_tags" ADD CONSTRAINT "post_tags_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
-- expect: foreign-key-not-valid
DO $$ BEGIN
 ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
-- Real PL/pgSQL is not read statement by statement.
DO $$ BEGIN
 IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'comments_author_fk') THEN
  ALTER TABLE comments ADD CONSTRAINT comments_author_fk FOREIGN KEY (author_id) REFERENCES users (id) NOT VALID;
 END IF;
END $$;
