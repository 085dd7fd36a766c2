CREATE INDEX CONCURRENTLY players_email_idx ON players (email);
