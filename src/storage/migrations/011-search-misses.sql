-- Searches that found nothing, for the archive keepers' gaps report: the query text only (never who
-- asked), its workspace, and when. Deleted after SEARCH_MISS_DAYS by the retention job.
CREATE TABLE search_misses (
  id            INTEGER PRIMARY KEY,
  team_id       TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  query         TEXT NOT NULL,
  missed_ms     INTEGER NOT NULL
);
CREATE INDEX search_misses_workspace ON search_misses (team_id, enterprise_id, missed_ms);
CREATE INDEX search_misses_missed ON search_misses (missed_ms);
