-- Slack installations for OAuth distribution, one row per workspace (team_id) or per Enterprise Grid
-- org-wide install (team_id ''); ids are '' rather than NULL so the key is a plain primary key. The
-- whole installation (bot token, refresh token, scopes…) is kept as JSON sealed with AES-256-GCM under
-- SLACK_TOKEN_KEY, so the file alone leaks no token. Token rotation stores again: the row is merged.
CREATE TABLE slack_installations (
  enterprise_id         TEXT NOT NULL DEFAULT '',
  team_id               TEXT NOT NULL DEFAULT '',
  is_enterprise_install INTEGER NOT NULL DEFAULT 0,
  sealed                TEXT NOT NULL,
  installed_ms          INTEGER NOT NULL,
  updated_ms            INTEGER NOT NULL,
  PRIMARY KEY (enterprise_id, team_id)
);
