-- migration: 0001_division
-- expect: unguarded-create-type
CREATE TYPE division AS ENUM ('boys', 'girls');

-- The safe form: a DO block that catches duplicate_object.
DO $$ BEGIN
    CREATE TYPE agegroup AS ENUM ('u10', 'u12', 'u14');
EXCEPTION WHEN duplicate_object THEN null;
END $$;

-- Also safe: a catalog check first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'season') THEN
        CREATE TYPE season AS ENUM ('fall', 'spring');
    END IF;
END $$;

-- Drizzle's form: schema-qualified, quoted.
DO $$ BEGIN
 CREATE TYPE "public"."approval_decision" AS ENUM('approved', 'rejected');
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;

-- migration: 0002_teams
-- The seed incident: an earlier migration already created division.
-- expect: unguarded-create-type
CREATE TYPE division AS ENUM ('boys', 'girls');

-- An unguarded DO block is no better.
-- expect: unguarded-create-type
DO $$ BEGIN CREATE TYPE level AS ENUM ('a', 'b'); END $$;

-- The type the guarded Drizzle block created is known by its bare name.
-- expect: unguarded-create-type
CREATE TYPE approval_decision AS ENUM ('approved', 'rejected');
