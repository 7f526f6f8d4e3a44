-- An event that will not happen as announced (schema.org eventStatus on a saved page): 'cancelled' or
-- 'postponed'; NULL for every scheduled event.
ALTER TABLE events ADD COLUMN status TEXT;
