-- Events added or edited in Slack, kept apart from the archive files (their search index rows carry
-- the source 'slack:added', which imports never overwrite or prune): the event as JSON, its workspace,
-- who added it and who changed it last. Without DATABASE_URL this is their store; with it, this
-- replica's copy of the shared store's table, refreshed when that changes.
CREATE TABLE added_events (
  id            TEXT PRIMARY KEY,
  team_id       TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  event_json    TEXT NOT NULL,
  added_by      TEXT NOT NULL,
  added_ms      INTEGER NOT NULL,
  updated_by    TEXT NOT NULL,
  updated_ms    INTEGER NOT NULL
);
