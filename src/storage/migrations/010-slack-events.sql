-- Events API deliveries already handled, by event_id, so Slack's retries (at once, ~1 min, ~5 min) of
-- an event we did answer are not answered again. Rows are kept at least an hour, then pruned.
CREATE TABLE slack_events (
  event_id   TEXT PRIMARY KEY,
  handled_ms INTEGER NOT NULL
);
CREATE INDEX slack_events_handled ON slack_events (handled_ms);
