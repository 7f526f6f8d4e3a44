-- Slack installations, as in the SQLite schema (../../migrations/007-installations.sql): one row per
-- workspace or org-wide install, the installation sealed with AES-256-GCM, merged on every store.
CREATE TABLE slack_installations (
  enterprise_id         TEXT NOT NULL DEFAULT '',
  team_id               TEXT NOT NULL DEFAULT '',
  is_enterprise_install INTEGER NOT NULL DEFAULT 0,
  sealed                TEXT NOT NULL,
  installed_ms          BIGINT NOT NULL,
  updated_ms            BIGINT NOT NULL,
  PRIMARY KEY (enterprise_id, team_id)
);
