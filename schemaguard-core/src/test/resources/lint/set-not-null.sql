-- migration: 0001_players
CREATE TABLE players (
    id bigint PRIMARY KEY,
    email text,
    name text,
    team_id bigint,
    nickname text NOT NULL,
    handle text,
    country text,
    city text,
    region text,
    zip text
);
-- A table created in the same migration holds no rows yet.
ALTER TABLE players ALTER COLUMN name SET NOT NULL;

-- migration: 0002_constraints
ALTER TABLE players ADD CONSTRAINT players_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE players ADD CONSTRAINT players_team_not_null CHECK (team_id IS NOT NULL) NOT VALID;
ALTER TABLE players ADD CONSTRAINT players_handle_check CHECK ((handle IS NOT NULL) AND length(handle) > 2) NOT VALID;
ALTER TABLE players ADD CONSTRAINT players_country_either CHECK (country IS NOT NULL OR city IS NOT NULL);
ALTER TABLE legacy_scores ADD CONSTRAINT legacy_bonus_nn CHECK (bonus IS NOT NULL) NOT VALID;

-- migration: 0003_validate
ALTER TABLE players VALIDATE CONSTRAINT players_email_not_null;
ALTER TABLE legacy_scores VALIDATE CONSTRAINT legacy_bonus_nn;

-- migration: 0004_set_not_null
-- Validated in an earlier migration: PostgreSQL 12+ proves the column non-null without a scan.
ALTER TABLE players ALTER COLUMN email SET NOT NULL;
ALTER TABLE legacy_scores ALTER COLUMN bonus SET NOT NULL;
-- Validated earlier in the same migration: no scan either.
ALTER TABLE players VALIDATE CONSTRAINT players_handle_check;
ALTER TABLE players ALTER COLUMN handle SET NOT NULL;
-- Already NOT NULL: nothing to check.
ALTER TABLE players ALTER COLUMN nickname SET NOT NULL;
ALTER TABLE players ALTER COLUMN id SET NOT NULL;
-- The constraint is still NOT VALID: the scan happens.
-- expect: set-not-null
ALTER TABLE players ALTER COLUMN team_id SET NOT NULL;
-- A CHECK that only says one of two columns is set proves neither.
-- expect: set-not-null
ALTER TABLE players ALTER COLUMN country SET NOT NULL;
-- A table the migrations seen did not create (a baseline's) is assumed to hold rows.
-- expect: set-not-null
ALTER TABLE IF EXISTS ONLY public.legacy_scores ALTER COLUMN points SET NOT NULL, ALTER COLUMN rank DROP NOT NULL;
-- PostgreSQL 18's NOT NULL constraint is the same operation.
-- expect: set-not-null
ALTER TABLE players ADD CONSTRAINT players_city_nn NOT NULL city;
ALTER TABLE players ADD CONSTRAINT players_country_nn NOT NULL country NOT VALID;

-- migration: 0005_dropped
-- A dropped constraint proves nothing any more.
ALTER TABLE players ALTER COLUMN email DROP NOT NULL, DROP CONSTRAINT players_email_not_null;
-- expect: set-not-null
ALTER TABLE players ALTER COLUMN email SET NOT NULL;
-- An unnamed CHECK added (and so validated) earlier, renamed: still proves the column.
ALTER TABLE players ALTER COLUMN handle DROP NOT NULL;
ALTER TABLE players ADD CHECK (nickname IS NOT NULL AND handle IS NOT NULL);
ALTER TABLE players RENAME CONSTRAINT players_check TO players_names_present;
ALTER TABLE players ALTER COLUMN handle SET NOT NULL;

-- migration: 0006_one_transaction
-- Added NOT VALID and validated in the same transaction: SET NOT NULL itself needs no scan. (The VALIDATE
-- scans while the ADD's lock is still held: check-not-valid reports that, not this rule.)
ALTER TABLE players ADD CONSTRAINT players_region_present CHECK (region IS NOT NULL) NOT VALID;
ALTER TABLE players VALIDATE CONSTRAINT players_region_present;
ALTER TABLE players ALTER COLUMN region SET NOT NULL;
-- A CHECK added without NOT VALID scanned when it was added (check-not-valid reports that): SET NOT NULL is free.
ALTER TABLE players ADD CONSTRAINT players_zip_present CHECK (zip IS NOT NULL);
ALTER TABLE players ALTER COLUMN zip SET NOT NULL;
