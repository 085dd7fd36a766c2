BEGIN;

CREATE TABLE IF NOT EXISTS orgs (
    id serial PRIMARY KEY,
    name text NOT NULL
);

COMMIT;
