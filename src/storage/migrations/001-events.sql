-- The event archive: one row per event, its ordered themes and people, and the files it came from.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  type         TEXT NOT NULL,
  start        TEXT NOT NULL,
  start_ms     INTEGER NOT NULL,
  end_value    TEXT,
  end_ms       INTEGER,
  timezone     TEXT,
  location     TEXT,
  url          TEXT,
  summary      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  tags         TEXT NOT NULL DEFAULT '[]',
  source_file  TEXT,
  source_line  INTEGER,
  content_hash TEXT NOT NULL,
  updated_ms   INTEGER NOT NULL
);
CREATE INDEX events_start ON events (start_ms);
CREATE INDEX events_source ON events (source_file);

CREATE TABLE themes (
  event_seq INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  title     TEXT NOT NULL,
  summary   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_seq, position)
) WITHOUT ROWID;

-- Hosts and speakers in programme order; kind is 'host' or 'speaker'.
CREATE TABLE people (
  event_seq INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('host', 'speaker')),
  position  INTEGER NOT NULL,
  name      TEXT NOT NULL,
  role      TEXT,
  PRIMARY KEY (event_seq, kind, position)
) WITHOUT ROWID;
CREATE INDEX people_name ON people (name COLLATE NOCASE);

-- Archive files already imported, with the hash of their bytes, so an unchanged archive is not re-parsed.
CREATE TABLE archive_files (
  path        TEXT PRIMARY KEY,
  hash        TEXT NOT NULL,
  events      INTEGER NOT NULL,
  valid_until INTEGER,
  imported_ms INTEGER NOT NULL
);

-- Full-text index over what search reads, short fields first. rowid = events.seq. Contentless: the
-- text already lives in events, themes and people, so the index keeps no second copy. Words are not
-- stemmed: search widens each query word to the archive's words sharing its stem (see vocab).
CREATE VIRTUAL TABLE events_fts USING fts5 (
  title, themes, speakers, hosts, tags, summary, body,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- The short fields again, on their own: their word lists are a tenth the size of the full index's, so
-- most searches (titles, themes, people) never walk the long lists that summaries and bodies make.
CREATE VIRTUAL TABLE short_fts USING fts5 (
  title, themes, speakers, hosts, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
