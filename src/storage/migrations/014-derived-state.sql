-- Crash-safe derived search state. A write of events counts a new data_gen, and the search writer sets
-- derived_gen to it once the vocabulary, its trigram index and the theme counts are up to date, in the
-- same transaction as the events (a per-row trigger would cost a tenth of a bulk load). Start-up
-- compares the two (one row) and rebuilds what is derived when they differ. Databases from before this
-- migration start with them differing, so their first start rebuilds whatever a crash left stale.
CREATE TABLE search_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  data_gen    INTEGER NOT NULL,
  derived_gen INTEGER NOT NULL
);
INSERT INTO search_state (id, data_gen, derived_gen) VALUES (1, 1, 0);
-- Theme counts are kept up to date by deltas after small writes (an event added from Slack), found by
-- their case-folded title.
CREATE INDEX theme_counts_folded ON theme_counts (lower(title));

-- Nothing reads people by name (speaker and host search go through the full-text index): 22 MB at 100k events.
DROP INDEX people_name;
