-- Search support: the archive's own words with how many events use each (read from the full-text
-- index by fts5vocab, refreshed after each import), and a trigram index over those words that finds
-- spelling corrections for a typed word.
CREATE VIRTUAL TABLE events_vocab USING fts5vocab (events_fts, 'row');

CREATE TABLE vocab (
  id   INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE,
  df   INTEGER NOT NULL
);
CREATE VIRTUAL TABLE vocab_trigram USING fts5 (term, content = 'vocab', content_rowid = 'id', tokenize = 'trigram');
