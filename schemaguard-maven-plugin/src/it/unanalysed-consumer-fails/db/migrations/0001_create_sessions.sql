CREATE TABLE sessions (id bigint PRIMARY KEY, website_id bigint, distinct_id text, hostname text);
