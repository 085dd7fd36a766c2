DROP INDEX CONCURRENTLY players_email_idx;
