-- One-character words ("3" in "Session 3", "c" in "C-34") join the vocabulary that search reads, so
-- a query holding one is not taken for a typo. Later imports keep them (SearchIndexWriter.refresh).
INSERT INTO vocab (term, df) SELECT term, doc FROM events_vocab WHERE length(term) = 1;
INSERT INTO vocab_trigram (vocab_trigram) VALUES ('rebuild');

-- A pasted event link finds its event by url.
CREATE INDEX events_url ON events (url) WHERE url IS NOT NULL;
