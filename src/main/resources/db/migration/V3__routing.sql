-- Routing: rules per inbox channel, conversations, per-user load (open conversations), round-robin
-- state and the assignment history.

alter table inbox add column reassign_after_away_minutes integer check (reassign_after_away_minutes > 0);
alter table inbox add column reassign_manual boolean not null default false;

create table routing_rule (
    account_id        uuid   not null,
    inbox_id          uuid   not null,
    channel           text   not null,
    mode              text   not null check (mode in ('NONE', 'SPECIFIC', 'CONTACT_OWNER')),
    user_ids          uuid[] not null default '{}',
    team_ids          uuid[] not null default '{}',
    strategy          text check (strategy in ('ROUND_ROBIN', 'BALANCED')),
    -- CONTACT_OWNER's fallback: a SPECIFIC rule, or none (leave unassigned)
    fallback_user_ids uuid[],
    fallback_team_ids uuid[],
    fallback_strategy text check (fallback_strategy in ('ROUND_ROBIN', 'BALANCED')),
    primary key (account_id, inbox_id, channel),
    foreign key (account_id, inbox_id) references inbox (account_id, id)
);

create table conversation (
    account_id        uuid        not null,
    id                uuid        not null,
    inbox_id          uuid        not null,
    channel           text        not null,
    external_id       text,
    idempotency_key   text,
    subject           text,
    contact_email     text,
    contact_owner_id  uuid,
    status            text        not null check (status in ('OPEN', 'CLOSED')),
    assignee_id       uuid,
    assigned_manually boolean     not null default false,
    assigned_at       timestamptz,
    created_at        timestamptz not null,
    closed_at         timestamptz,
    routing_trace     jsonb,
    primary key (account_id, id),
    foreign key (account_id, inbox_id) references inbox (account_id, id),
    foreign key (account_id, assignee_id) references app_user (account_id, id)
);
create unique index conversation_external on conversation (account_id, inbox_id, external_id) where external_id is not null;
create unique index conversation_idempotency on conversation (account_id, idempotency_key) where idempotency_key is not null;
-- the queue: waiting conversations, oldest first
create index conversation_waiting on conversation (account_id, inbox_id, created_at) where status = 'OPEN' and assignee_id is null;
create index conversation_assignee on conversation (account_id, assignee_id) where status = 'OPEN';
create index conversation_inbox on conversation (account_id, inbox_id, created_at);

-- Open conversations per user, changed only by conditional updates in the assigning transaction,
-- so a limit holds with any number of concurrent requests and nodes.
create table user_load (
    account_id uuid    not null,
    user_id    uuid    not null,
    open_count integer not null default 0 check (open_count >= 0),
    primary key (account_id, user_id),
    foreign key (account_id, user_id) references app_user (account_id, id)
);

create table inbox_rotation (
    account_id       uuid        not null,
    inbox_id         uuid        not null,
    user_id          uuid        not null,
    last_assigned_at timestamptz not null,
    primary key (account_id, inbox_id, user_id)
);

create table assignment_event (
    account_id      uuid        not null,
    id              bigint generated always as identity,
    conversation_id uuid        not null,
    inbox_id        uuid        not null,
    user_id         uuid        not null,
    kind            text        not null check (kind in ('ASSIGNED', 'UNASSIGNED', 'CLOSED')),
    manual          boolean     not null,
    open_after      integer     not null,
    user_limit      integer,
    at              timestamptz not null,
    actor_id        uuid,
    reason          text,
    primary key (account_id, id)
);
create index assignment_event_conversation on assignment_event (account_id, conversation_id, id);

insert into user_load (account_id, user_id) select account_id, id from app_user on conflict do nothing;
