SET lock_timeout = '5s';
ALTER TABLE sessions DROP COLUMN hostname;
