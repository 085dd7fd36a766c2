-- expect (error): modified-applied-migration: edited after it was merged
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text);
