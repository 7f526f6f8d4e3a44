-- Searches that found nothing, shared by every replica (see ../../migrations/011-search-misses.sql):
-- query text only, its workspace, and when; deleted after SEARCH_MISS_DAYS.
CREATE TABLE search_misses (
  id            BIGSERIAL PRIMARY KEY,
  team_id       TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  query         TEXT NOT NULL,
  missed_ms     BIGINT NOT NULL
);
CREATE INDEX search_misses_workspace ON search_misses (team_id, enterprise_id, missed_ms);
CREATE INDEX search_misses_missed ON search_misses (missed_ms);
