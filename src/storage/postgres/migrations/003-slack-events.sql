-- Handled Events API deliveries by event_id, shared by every replica (see ../../migrations/010-slack-events.sql).
CREATE TABLE slack_events (
  event_id   TEXT PRIMARY KEY,
  handled_ms BIGINT NOT NULL
);
CREATE INDEX slack_events_handled ON slack_events (handled_ms);
