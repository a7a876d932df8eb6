-- Bumped with every change of a user's availability inputs (and their directory record), so a node
-- may keep the inputs in memory and know, with one indexed read, whether they are still current.
alter table availability_state add column inputs_version bigint not null default 0;
