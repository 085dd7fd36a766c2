-- Deploy flipr:insert_user to pg
-- requires: users

BEGIN;

CREATE OR REPLACE FUNCTION flipr.insert_user(
    nickname TEXT,
    password TEXT
) RETURNS VOID LANGUAGE SQL SECURITY DEFINER AS $$
    INSERT INTO flipr.users VALUES($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'));
$$;

COMMIT;
