-- The last good copy of each calendar feed named by URL in the archive, with the validators it was
-- served with (ETag, Last-Modified): sent back so an unchanged feed answers 304, and imported again
-- when a fetch fails or a recurring series needs re-expanding.
CREATE TABLE feed_copies (
  name          TEXT PRIMARY KEY,
  body          BLOB NOT NULL,
  etag          TEXT,
  last_modified TEXT,
  fetched_ms    INTEGER NOT NULL
);
