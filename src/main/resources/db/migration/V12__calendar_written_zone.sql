-- The zone a timed period was written in: its event holds UTC instants, so a change of the user's zone must rewrite
-- it. Rows from before have none and are rewritten once.
alter table calendar_written_event add column time_zone text;
