CREATE INDEX CONCURRENTLY IF NOT EXISTS users_mood_idx ON users (mood);
