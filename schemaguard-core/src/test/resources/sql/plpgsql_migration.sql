-- Migration 0007: scores
-- schemaguard:ignore non-idempotent-ddl the installer creates it exactly once

SET lock_timeout = '5s';

CREATE TABLE scores (
    id bigserial PRIMARY KEY,
    player_id bigint NOT NULL,   -- who; scored
    points integer NOT NULL DEFAULT 0,
    note text DEFAULT 'n/a; pending'
);

CREATE OR REPLACE FUNCTION scores_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    msg text := 'it''s; fine';
BEGIN
    -- a comment; inside the body
    IF NEW.points < 0 THEN
        RAISE EXCEPTION 'negative points: %; rejected', NEW.points;
    END IF;
    NEW.note := E'checked\'\n' || $$quoted; text$$;
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER scores_touch BEFORE INSERT OR UPDATE ON scores
    FOR EACH ROW EXECUTE FUNCTION scores_touch();

/* Backfill; in batches
   /* nested: '; */
*/
UPDATE scores SET points = 0 WHERE points IS NULL;
