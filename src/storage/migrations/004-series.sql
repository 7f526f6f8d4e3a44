-- Occurrences of one recurring series share a key, so search can show the series once.
ALTER TABLE events ADD COLUMN series TEXT;
CREATE INDEX events_series ON events (series) WHERE series IS NOT NULL;
