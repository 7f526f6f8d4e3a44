-- The state people create, shared by every replica: reminders, channel digest subscriptions and notices,
-- the same delivery records as the embedded SQLite schema (see ../../migrations/003-reminders.sql), with
-- times as BIGINT epoch milliseconds. Every row carries its workspace (team_id) and Enterprise Grid org
-- (enterprise_id; '' when none), and every query filters on them. Columns keep SQLite's names so both
-- stores map rows to core types the same way.

CREATE TABLE reminders (
  id             BIGSERIAL PRIMARY KEY,
  team_id        TEXT NOT NULL DEFAULT '',
  enterprise_id  TEXT NOT NULL DEFAULT '',
  user_id        TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  event_title    TEXT NOT NULL,
  event_start_ms BIGINT NOT NULL,
  zone           TEXT NOT NULL,
  spec           TEXT NOT NULL,
  due_ms         BIGINT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'cancelled')),
  next_ms        BIGINT NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  claim_token    TEXT,
  claimed_ms     BIGINT,
  posting_ms     BIGINT,
  sent_ts        TEXT,
  channel_id     TEXT,
  last_error     TEXT,
  created_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL
);
CREATE INDEX reminders_due ON reminders (status, next_ms);
CREATE INDEX reminders_user ON reminders (team_id, user_id, status, due_ms);
CREATE INDEX reminders_event ON reminders (event_id, status);
CREATE UNIQUE INDEX reminders_once ON reminders (team_id, enterprise_id, user_id, event_id, due_ms)
  WHERE status IN ('pending', 'sending');

CREATE TABLE subscriptions (
  id              BIGSERIAL PRIMARY KEY,
  team_id         TEXT NOT NULL DEFAULT '',
  enterprise_id   TEXT NOT NULL DEFAULT '',
  channel_id      TEXT NOT NULL,
  channel_name    TEXT,
  created_by      TEXT NOT NULL,
  query           TEXT NOT NULL,
  schedule        TEXT NOT NULL,
  zone            TEXT NOT NULL,
  post_when_empty INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
  run_ms          BIGINT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending')),
  next_ms         BIGINT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  claim_token     TEXT,
  claimed_ms      BIGINT,
  posting_ms      BIGINT,
  last_run_ms     BIGINT,
  last_outcome    TEXT,
  last_ts         TEXT,
  last_error      TEXT,
  created_ms      BIGINT NOT NULL,
  updated_ms      BIGINT NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions (status, next_ms);
CREATE INDEX subscriptions_channel ON subscriptions (team_id, channel_id, state);

CREATE TABLE notices (
  id            BIGSERIAL PRIMARY KEY,
  team_id       TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  key           TEXT NOT NULL UNIQUE,
  user_id       TEXT NOT NULL,
  tone          TEXT NOT NULL CHECK (tone IN ('info', 'warning')),
  text          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'cancelled')),
  next_ms       BIGINT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  claim_token   TEXT,
  claimed_ms    BIGINT,
  posting_ms    BIGINT,
  sent_ts       TEXT,
  channel_id    TEXT,
  last_error    TEXT,
  created_ms    BIGINT NOT NULL,
  updated_ms    BIGINT NOT NULL
);
CREATE INDEX notices_due ON notices (status, next_ms);
