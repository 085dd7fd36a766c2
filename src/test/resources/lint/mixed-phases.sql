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
