-- A digest someone paused from its Pause button: paused_by is who (a Slack user id) and paused_ms when.
-- A digest the dispatcher paused after a permanent posting error keeps paused_by NULL and says why in
-- last_error, as before. A monthly digest needs no column: the schedule column holds its JSON
-- ({"cadence":"monthly","day":1,"hour":9,"minute":0}), read by core.
ALTER TABLE subscriptions ADD COLUMN paused_by TEXT;
ALTER TABLE subscriptions ADD COLUMN paused_ms INTEGER;
