-- Two more things that made the database large at 100k generated events (401 MB after 017):
--
-- 1. Theme titles, hosts and speakers' names move from a row each (themes 22 MB, people 22 MB, mostly
--    keys and row headers) into JSON arrays on the event's own row, in programme order.
ALTER TABLE events ADD COLUMN themes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN hosts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN speakers TEXT NOT NULL DEFAULT '[]';
UPDATE events SET
  themes = coalesce((SELECT json_group_array(t.title ORDER BY t.position) FROM themes t
                     WHERE t.event_seq = events.seq), '[]'),
  hosts = coalesce((SELECT json_group_array(p.name ORDER BY p.position) FROM people p
                    WHERE p.event_seq = events.seq AND p.kind = 'host'), '[]'),
  speakers = coalesce((SELECT json_group_array(p.name ORDER BY p.position) FROM people p
                       WHERE p.event_seq = events.seq AND p.kind = 'speaker'), '[]');
DROP TABLE themes;
DROP TABLE people;

-- 2. Event rowids as dense as start times allow (see storage/event-seq.ts): the number of the start
--    minute, or the next free one after the event before it, instead of minute × 4096. The full-text
--    indexes store the gaps between rowids. Both are emptied here and rebuilt from the events by the
--    start-up check (EventStore.repairIndex), which finds every row missing; nothing else keys by seq.
CREATE TEMP TABLE seq_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
-- seq(i) = max(minute(i), seq(i - 1) + 1) in start order, which is i + the running max of minute - i.
INSERT INTO seq_map (old, new)
  SELECT seq, i + max(minute - i) OVER (ORDER BY i ROWS UNBOUNDED PRECEDING)
  FROM (
    SELECT seq, start_ms / 60000 - (start_ms % 60000 < 0) AS minute,
           row_number() OVER (ORDER BY start_ms, seq) AS i
    FROM events
  );
-- Through a range above every old and new rowid, so no row ever lands on one still taken.
CREATE TEMP TABLE seq_shift AS
  SELECT max((SELECT max(old) FROM seq_map), (SELECT max(new) FROM seq_map))
         - (SELECT min(new) FROM seq_map) + 1 AS by;
UPDATE events SET seq = (SELECT new FROM seq_map WHERE old = seq) + (SELECT by FROM seq_shift);
UPDATE events SET seq = seq - (SELECT by FROM seq_shift);
DROP TABLE seq_map;
DROP TABLE seq_shift;

INSERT INTO events_fts (events_fts) VALUES ('delete-all');
INSERT INTO short_fts (short_fts) VALUES ('delete-all');
UPDATE search_state SET data_gen = data_gen + 1 WHERE id = 1;
