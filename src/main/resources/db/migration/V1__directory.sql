-- Directory: accounts (tenants), users, teams, inboxes, API tokens.
-- Every table is keyed by account_id first; ids are random UUIDs.

create table account (
    id                             uuid primary key,
    name                           text        not null,
    plan                           text        not null check (plan in ('FREE', 'STARTER', 'PROFESSIONAL', 'ENTERPRISE')),
    time_zone                      text        not null,
    keep_manual_away_across_shifts boolean     not null default false,
    default_max_open_conversations integer check (default_max_open_conversations >= 0),
    created_at                     timestamptz not null,
    updated_at                     timestamptz not null
);

create table app_user (
    account_id             uuid        not null references account (id),
    id                     uuid        not null,
    email                  text        not null,
    name                   text        not null,
    password_hash          text,
    role                   text        not null check (role in ('SUPER_ADMIN', 'USER')),
    permissions            text[]      not null default '{}',
    seat                   text        not null check (seat in ('NONE', 'CORE', 'SALES', 'SERVICE')),
    time_zone              text        not null,
    max_open_conversations integer check (max_open_conversations >= 0),
    active                 boolean     not null default true,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    primary key (account_id, id),
    unique (id)
);
create unique index app_user_email on app_user (account_id, lower(email));
create index app_user_login on app_user (lower(email));

create table api_token (
    account_id   uuid        not null,
    token_hash   text        not null,
    user_id      uuid        not null,
    created_at   timestamptz not null,
    primary key (account_id, token_hash),
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create unique index api_token_hash on api_token (token_hash);

create table team (
    account_id uuid        not null references account (id),
    id         uuid        not null,
    name       text        not null,
    parent_id  uuid,
    created_at timestamptz not null,
    primary key (account_id, id),
    unique (id),
    foreign key (account_id, parent_id) references team (account_id, id)
);

create table team_member (
    account_id uuid not null,
    team_id    uuid not null,
    user_id    uuid not null,
    primary key (account_id, team_id, user_id),
    foreign key (account_id, team_id) references team (account_id, id) on delete cascade,
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create index team_member_user on team_member (account_id, user_id);

create table inbox (
    account_id uuid        not null references account (id),
    id         uuid        not null,
    name       text        not null,
    channels   text[]      not null,
    created_at timestamptz not null,
    -- inboxes are archived, not deleted: conversations keep pointing at them
    deleted_at timestamptz,
    primary key (account_id, id),
    unique (id)
);

create table inbox_member_user (
    account_id uuid not null,
    inbox_id   uuid not null,
    user_id    uuid not null,
    primary key (account_id, inbox_id, user_id),
    foreign key (account_id, inbox_id) references inbox (account_id, id) on delete cascade,
    foreign key (account_id, user_id) references app_user (account_id, id)
);
create index inbox_member_user_user on inbox_member_user (account_id, user_id);

create table inbox_member_team (
    account_id uuid not null,
    inbox_id   uuid not null,
    team_id    uuid not null,
    primary key (account_id, inbox_id, team_id),
    foreign key (account_id, inbox_id) references inbox (account_id, id) on delete cascade,
    foreign key (account_id, team_id) references team (account_id, id) on delete cascade
);
