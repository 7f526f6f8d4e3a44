-- Theme titles (case folded together) with how many events carry each, kept up to date after every
-- import: counting half a million theme rows on each /event themes took most of a second at 100k events.
CREATE TABLE theme_counts (
  title TEXT NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX theme_counts_order ON theme_counts (count DESC, title);
INSERT INTO theme_counts (title, count)
  SELECT min(title), count(DISTINCT event_seq) FROM themes GROUP BY lower(title);
