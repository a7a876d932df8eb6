-- The queue sweep leaves alone, for a moment, inboxes whose people just became available (QueueWorker's settle):
-- it finds them by when their status began.
create index availability_state_available_since on availability_state (since) where status = 'AVAILABLE';
