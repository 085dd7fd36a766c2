ALTER TABLE users ADD COLUMN IF NOT EXISTS org_id integer REFERENCES orgs (id);
