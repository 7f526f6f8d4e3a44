-- A smaller database (590 MB at 100k generated events, 164 MB of it events, 145 MB themes, 38 MB people):
-- the long text of each event (summary, body, theme summaries, speaker roles; 2.2 KB an event) moves
-- into one compressed blob, events.text (see storage/event-text.ts; event_text_pack is registered by
-- migrate). Search never reads it: the full-text index has its own copy of the words.
CREATE TABLE text_dictionaries (
  id    INTEGER PRIMARY KEY,
  bytes BLOB NOT NULL
);

ALTER TABLE events ADD COLUMN text BLOB;
-- The audit of events without a summary reads this rather than every blob; 0 and 1 take no bytes in a row.
ALTER TABLE events ADD COLUMN has_summary INTEGER NOT NULL DEFAULT 0;
-- The first 16 bytes of the content hash, as bytes rather than 64 hex characters: enough to tell a changed event.
ALTER TABLE events ADD COLUMN content_digest BLOB;
-- A pasted link is found by a 32-bit hash of the stored url (then compared in full): an index of the
-- urls themselves took 11 MB.
ALTER TABLE events ADD COLUMN url_key INTEGER;

UPDATE events SET
  text = event_text_pack(
    summary, body,
    (SELECT json_group_array(t.summary ORDER BY t.position) FROM themes t WHERE t.event_seq = events.seq),
    (SELECT json_group_array(coalesce(p.role, '') ORDER BY p.position) FROM people p
      WHERE p.event_seq = events.seq AND p.kind = 'speaker')),
  has_summary = trim(summary) <> '',
  content_digest = unhex(substr(content_hash, 1, 32)),
  url_key = url_key(url);

DROP INDEX events_url;
CREATE INDEX events_url_key ON events (url_key) WHERE url_key IS NOT NULL;
ALTER TABLE events DROP COLUMN summary;
ALTER TABLE events DROP COLUMN body;
ALTER TABLE events DROP COLUMN content_hash;
ALTER TABLE themes DROP COLUMN summary;
ALTER TABLE people DROP COLUMN role;
