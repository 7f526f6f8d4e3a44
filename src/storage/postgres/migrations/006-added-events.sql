-- Events added or edited in Slack, shared by every replica (see ../../migrations/016-added-events.sql);
-- each replica mirrors them into its own search index when they change.
CREATE TABLE added_events (
  id            TEXT PRIMARY KEY,
  team_id       TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  event_json    TEXT NOT NULL,
  added_by      TEXT NOT NULL,
  added_ms      BIGINT NOT NULL,
  updated_by    TEXT NOT NULL,
  updated_ms    BIGINT NOT NULL
);
CREATE INDEX added_events_updated ON added_events (updated_ms);
