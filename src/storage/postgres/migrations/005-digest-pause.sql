-- Who paused a digest and when, as in the SQLite schema (../../migrations/013-digest-pause.sql).
ALTER TABLE subscriptions ADD COLUMN paused_by TEXT;
ALTER TABLE subscriptions ADD COLUMN paused_ms BIGINT;
