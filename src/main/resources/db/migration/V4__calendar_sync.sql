-- Calendar sync: one linked calendar per user (an iCalendar feed or a CalDAV collection), the outcome of its
-- last sync and when the next one is due; the events Rota wrote back to a CalDAV calendar; and each account's
-- list of titles that mean "out of office".

create table calendar_link (
    account_id           uuid        not null,
    user_id              uuid        not null,
    type                 text        not null check (type in ('ICS_FEED', 'CALDAV')),
    url                  text        not null,
    username             text,
    -- AES-GCM, base64 of nonce || ciphertext+tag; never returned by the API
    password_encrypted   text,
    -- validators of the last good read: HTTP ETag / Last-Modified (feeds), ctag (CalDAV)
    etag                 text,
    last_modified        text,
    ctag                 text,
    -- when the calendar was last read in full, and in which zone: validators are ignored once that is a day old
    -- or the user's zone changed, so the window moves on and periods follow the zone
    read_at              timestamptz,
    read_zone            text,
    last_sync_at         timestamptz,
    last_outcome         text check (last_outcome in ('OK', 'ERROR')),
    last_message         text,
    last_warnings        integer     not null default 0,
    consecutive_failures integer     not null default 0,
    -- when the scheduler syncs next (backoff after failures); leased_until: a node is syncing it now
    next_sync_at         timestamptz not null,
    leased_until         timestamptz,
    created_at           timestamptz not null,
    primary key (account_id, user_id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create index calendar_link_due on calendar_link (next_sync_at);

-- A Rota period written to the user's CalDAV calendar: where, with which ETag, and what was written (to see
-- edits). No foreign key to out_of_office: a row whose period is gone means "delete the remote event".
create table calendar_written_event (
    account_id  uuid      not null,
    period_id   uuid      not null,
    user_id     uuid      not null,
    href        text      not null,
    etag        text,
    start_local timestamp not null,
    end_local   timestamp not null,
    whole_days  boolean   not null,
    primary key (account_id, period_id),
    foreign key (account_id, user_id) references calendar_link (account_id, user_id) on delete cascade
);
create index calendar_written_event_user on calendar_written_event (account_id, user_id);

create table calendar_settings (
    account_id           uuid   not null primary key references account (id),
    out_of_office_titles text[] not null
);
