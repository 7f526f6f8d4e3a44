-- The full-text index keeps which columns hold a word, but not where in them (detail=column): at 100k
-- generated events 74 MB instead of 138. FTS5 then refuses phrase queries on it, so the read side
-- matches a phrase's words and checks their order itself (storage/search/phrase-check.ts); short_fts
-- keeps its positions. Emptied here, it is rebuilt from the events by the start-up check.
DROP TABLE events_vocab;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5 (
  title, themes, speakers, hosts, tags, summary, body,
  content = '', contentless_delete = 1, detail = column,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE events_vocab USING fts5vocab (events_fts, 'row');
UPDATE search_state SET data_gen = data_gen + 1 WHERE id = 1;
