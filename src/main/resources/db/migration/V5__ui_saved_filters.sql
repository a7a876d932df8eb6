-- Filters of the availability-management view, one set per account: everyone who opens the view sees them.
create table ui_saved_filter (
    account_id uuid        not null references account (id),
    view       text        not null check (view in ('AVAILABILITY_MANAGEMENT')),
    status     text        check (status in ('AVAILABLE', 'AWAY')),
    inbox_id   uuid,
    team_id    uuid,
    query      text        not null default '',
    updated_by uuid        not null,
    updated_at timestamptz not null,
    primary key (account_id, view)
);
