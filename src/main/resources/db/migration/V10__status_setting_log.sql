-- Every status setting, not only the last: an answer for a past instant uses the setting in force then, and a
-- timeline over a window with several settings changes at each (status_setting keeps the last, for the present).
create table status_setting_log (
    account_id uuid        not null,
    user_id    uuid        not null,
    set_at     timestamptz not null,
    id         bigint generated always as identity,
    status     text        not null check (status in ('AVAILABLE', 'AWAY')),
    actor_id   uuid        not null,
    by_admin   boolean     not null,
    until      timestamptz,
    primary key (account_id, user_id, set_at, id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);
insert into status_setting_log (account_id, user_id, set_at, status, actor_id, by_admin, until)
select account_id, user_id, set_at, status, actor_id, by_admin, until from status_setting;
