-- Personal reminders, channel digest subscriptions, and one-off notices to users. Each row is also its own
-- delivery record for the dispatcher: due rows are claimed in a transaction (status 'sending', claim_token,
-- claimed_ms: a lease), posting_ms is set the moment a post begins and cleared when its outcome is
-- recorded, so a row still 'sending' with posting_ms set after a crash is known to be in doubt and is
-- looked for in Slack before it is posted again. Event ids are not foreign keys: re-imports remove
-- events, and their reminders are then cancelled with a notice rather than deleted.

CREATE TABLE reminders (
  id             INTEGER PRIMARY KEY,
  user_id        TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  event_title    TEXT NOT NULL,
  event_start_ms INTEGER NOT NULL,
  zone           TEXT NOT NULL,
  spec           TEXT NOT NULL,
  due_ms         INTEGER NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'cancelled')),
  next_ms        INTEGER NOT NULL,
  attempts       INTEGER NOT NULL DEFAULT 0,
  claim_token    TEXT,
  claimed_ms     INTEGER,
  posting_ms     INTEGER,
  sent_ts        TEXT,
  channel_id     TEXT,
  last_error     TEXT,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL
);
CREATE INDEX reminders_due ON reminders (status, next_ms);
CREATE INDEX reminders_user ON reminders (user_id, status, due_ms);
CREATE INDEX reminders_event ON reminders (event_id, status);
-- The same reminder twice ("Remind me" clicked twice) is one reminder.
CREATE UNIQUE INDEX reminders_once ON reminders (user_id, event_id, due_ms) WHERE status IN ('pending', 'sending');

-- state: the subscription's life; status: the delivery of its next run (run_ms), as for reminders.
CREATE TABLE subscriptions (
  id              INTEGER PRIMARY KEY,
  channel_id      TEXT NOT NULL,
  channel_name    TEXT,
  created_by      TEXT NOT NULL,
  query           TEXT NOT NULL,
  schedule        TEXT NOT NULL,
  zone            TEXT NOT NULL,
  post_when_empty INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'cancelled')),
  run_ms          INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending')),
  next_ms         INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  claim_token     TEXT,
  claimed_ms      INTEGER,
  posting_ms      INTEGER,
  last_run_ms     INTEGER,
  last_outcome    TEXT,
  last_ts         TEXT,
  last_error      TEXT,
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions (status, next_ms);
CREATE INDEX subscriptions_channel ON subscriptions (channel_id, state);

CREATE TABLE notices (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  user_id     TEXT NOT NULL,
  tone        TEXT NOT NULL CHECK (tone IN ('info', 'warning')),
  text        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'missed', 'cancelled')),
  next_ms     INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  claim_token TEXT,
  claimed_ms  INTEGER,
  posting_ms  INTEGER,
  sent_ts     TEXT,
  channel_id  TEXT,
  last_error  TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL
);
CREATE INDEX notices_due ON notices (status, next_ms);
