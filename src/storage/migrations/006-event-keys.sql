-- A short key per event (core's eventKey: "~" and 22 characters of the id's SHA-256), so places with
-- tight limits, such as a Slack option value (150 characters), can name an event whose id is a long
-- slug or a URL. SQLite cannot hash, so the store fills the keys of rows written before this column.
ALTER TABLE events ADD COLUMN key TEXT;
CREATE UNIQUE INDEX events_key ON events (key);
