-- Many workspaces: every row of user state carries its workspace (team_id) and Enterprise Grid org
-- (enterprise_id), '' for both in the single-workspace setup (one bot token, or the console), which is
-- what rows from before this migration belong to. Queries of people's reminders and a channel's
-- digests filter on both, so one workspace never sees another's.
ALTER TABLE reminders ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN enterprise_id TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN enterprise_id TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN enterprise_id TEXT NOT NULL DEFAULT '';

DROP INDEX reminders_user;
CREATE INDEX reminders_user ON reminders (team_id, user_id, status, due_ms);
DROP INDEX reminders_once;
CREATE UNIQUE INDEX reminders_once ON reminders (team_id, enterprise_id, user_id, event_id, due_ms)
  WHERE status IN ('pending', 'sending');
DROP INDEX subscriptions_channel;
CREATE INDEX subscriptions_channel ON subscriptions (team_id, channel_id, state);
