-- Failed attempts in a row at an endpoint: its pause after each grows with them (10 s, 20 s, 40 s … 5 min), so a
-- receiver that is down is asked seldom, while one delivery it refuses delays the others only briefly.
alter table webhook_endpoint add column consecutive_failures integer not null default 0;
