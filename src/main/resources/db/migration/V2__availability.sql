-- Availability: weekly working hours, out-of-office periods, the last status setting, the recorded
-- effective status with its next change (the index the boundary worker wakes on), and the history.
-- Local times are stored as local times; the zone is the user's, applied on each date.

create table working_range (
    account_id uuid    not null,
    user_id    uuid    not null,
    position   integer not null,
    day        text    not null check (day in ('MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY')),
    start_time text    not null,
    end_time   text    not null,
    primary key (account_id, user_id, position),
    foreign key (account_id, user_id) references app_user (account_id, id)
);

create table out_of_office (
    account_id       uuid        not null,
    id               uuid        not null,
    user_id          uuid        not null,
    start_local      timestamp   not null,
    end_local        timestamp   not null,
    whole_days       boolean     not null,
    source           text        not null check (source in ('USER', 'ADMIN', 'CALENDAR')),
    created_by       uuid,
    created_at       timestamptz not null,
    -- for periods that came from a calendar: the event's UID and recurrence id
    calendar_uid     text,
    calendar_recurrence_id text,
    primary key (account_id, id),
    foreign key (account_id, user_id) references app_user (account_id, id),
    check (end_local > start_local)
);
create index out_of_office_user on out_of_office (account_id, user_id, end_local);

create table status_setting (
    account_id uuid        not null,
    user_id    uuid        not null,
    status     text        not null check (status in ('AVAILABLE', 'AWAY')),
    set_at     timestamptz not null,
    actor_id   uuid        not null,
    by_admin   boolean     not null,
    until      timestamptz,
    primary key (account_id, user_id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);

-- The effective status as last recorded, valid until next_change_at (null: never changes).
create table availability_state (
    account_id     uuid        not null,
    user_id        uuid        not null,
    status         text        not null,
    reason         text        not null,
    since          timestamptz not null,
    next_change_at timestamptz,
    primary key (account_id, user_id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create index availability_state_due on availability_state (next_change_at) where next_change_at is not null;

create table status_event (
    account_id  uuid        not null,
    id          bigint generated always as identity,
    user_id     uuid        not null,
    at          timestamptz not null,
    old_status  text,
    old_reason  text,
    new_status  text        not null,
    new_reason  text        not null,
    actor_id    uuid,
    cause       text        not null,
    primary key (account_id, id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create index status_event_user on status_event (account_id, user_id, at);
