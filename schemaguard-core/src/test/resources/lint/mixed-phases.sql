-- migration: 0001_publications
CREATE TABLE publications (id bigint PRIMARY KEY, outlet text, title text);

-- migration: 0002_expand
-- Expanding alone is the first step of a safe change.
ALTER TABLE publications ADD COLUMN outlet_id bigint;

-- migration: 0003_swap
ALTER TABLE publications ADD COLUMN slug text;
-- expect: mixed-phases
ALTER TABLE publications DROP COLUMN outlet;

-- migration: 0004_new_table
-- Shaping a table created in the same migration is all one expansion.
CREATE TABLE outlets (id bigint PRIMARY KEY, name text, legacy text);
ALTER TABLE outlets ADD COLUMN country text;
ALTER TABLE outlets DROP COLUMN legacy;
-- Contracting one table while expanding another is not mixing.
ALTER TABLE publications DROP COLUMN title;

-- migration: 0005_enum_type
-- The default cannot be cast to the new type: dropping it and setting it again only changes it.
ALTER TABLE publications ALTER COLUMN outlet_id DROP DEFAULT;
ALTER TABLE publications ALTER COLUMN outlet_id TYPE integer;
ALTER TABLE publications ALTER COLUMN outlet_id SET DEFAULT 0;

-- migration: 0006_default_changed
ALTER TABLE publications ALTER COLUMN slug DROP DEFAULT;
ALTER TABLE publications ALTER COLUMN slug SET DEFAULT 'untitled';

-- migration: 0007_default_dropped
ALTER TABLE publications ADD COLUMN summary text;
-- expect: mixed-phases
ALTER TABLE publications ALTER COLUMN slug DROP DEFAULT;

-- migration: 0008_code
ALTER TABLE publications ADD COLUMN code varchar(20);

-- migration: 0009_widen
-- A longer varchar keeps every value old code writes: no contract step (a false warning on a production history).
ALTER TABLE publications ADD COLUMN subtitle text;
ALTER TABLE publications ALTER COLUMN code TYPE varchar(40);
