CREATE TABLE sessions (id uuid PRIMARY KEY, website_id uuid NOT NULL, distinct_id text, hostname text, created_at timestamptz);
