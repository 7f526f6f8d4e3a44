-- Each event's source (a file path, feed URL, page URL or 'slack:added') by the id of a row naming it,
-- rather than its text on every event and again in the events_source index (about 7 MB at 100k events).
CREATE TABLE event_sources (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
INSERT INTO event_sources (name)
  SELECT DISTINCT source_file FROM events WHERE source_file IS NOT NULL ORDER BY source_file;
ALTER TABLE events ADD COLUMN source_id INTEGER REFERENCES event_sources (id);
UPDATE events SET source_id = (SELECT id FROM event_sources WHERE name = events.source_file);
DROP INDEX events_source;
ALTER TABLE events DROP COLUMN source_file;
CREATE INDEX events_source ON events (source_id);
