-- Signed webhooks: an account's endpoints, and one delivery per endpoint and event.
create table webhook_endpoint (
    account_id    uuid        not null references account (id),
    id            uuid        not null,
    url           text        not null,
    description   text,
    events        text[]      not null check (events <@ array['status', 'assignment'] and cardinality(events) > 0),
    -- the signing secret, sealed with AES-GCM (SecretBox); receivers hold the plain one
    sealed_secret text        not null,
    active        boolean     not null default true,
    -- after a failed attempt nothing is sent to it before this instant: a receiver that is down is asked a few
    -- times per pause, not once for every waiting delivery
    paused_until  timestamptz,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (account_id, id)
);

create table webhook_delivery (
    account_id      uuid        not null,
    id              bigint generated always as identity,
    endpoint_id     uuid        not null,
    event           text        not null,
    event_id        bigint      not null,
    payload         jsonb       not null,
    created_at      timestamptz not null,
    state           text        not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     not null default 0,
    -- while PENDING: when to try next; a sender that claims it moves this past its call (a lease that runs out
    -- if the node dies), so a delivery is never sent by two nodes at once
    next_attempt_at timestamptz,
    claim           uuid,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    primary key (account_id, id),
    foreign key (account_id, endpoint_id) references webhook_endpoint (account_id, id) on delete cascade
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (account_id, endpoint_id, id);

-- An instant as ISO 8601 in UTC, whatever the session's time zone.
create function rota_utc(t timestamptz) returns text language sql immutable as $$
    select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- Deliveries are written by the statement that records the event, in its transaction: an event that is recorded
-- is never lost to its webhooks, and one that is rolled back is never sent. Statement-level triggers over the
-- inserted rows cost one join per statement (one per routing batch), and nothing when the account has no endpoint.
create function rota_webhook_status_events() returns trigger language plpgsql as $$
begin
    insert into webhook_delivery (account_id, endpoint_id, event, event_id, payload, created_at, next_attempt_at)
    select e.account_id, w.id, 'status', e.id,
           jsonb_build_object('eventId', e.id, 'userId', e.user_id, 'at', rota_utc(e.at), 'oldStatus', e.old_status,
                              'oldReason', e.old_reason, 'status', e.new_status, 'reason', e.new_reason,
                              'actorId', e.actor_id, 'cause', e.cause),
           e.at, e.at
    from inserted e
    join webhook_endpoint w on w.account_id = e.account_id and w.active and 'status' = any (w.events)
    order by e.id, w.id;
    return null;
end $$;

create trigger status_event_webhooks after insert on status_event
    referencing new table as inserted for each statement execute function rota_webhook_status_events();

create function rota_webhook_assignment_events() returns trigger language plpgsql as $$
begin
    insert into webhook_delivery (account_id, endpoint_id, event, event_id, payload, created_at, next_attempt_at)
    select e.account_id, w.id, 'assignment', e.id,
           jsonb_build_object('eventId', e.id, 'conversationId', e.conversation_id, 'inboxId', e.inbox_id,
                              'userId', e.user_id, 'kind', e.kind, 'manual', e.manual, 'at', rota_utc(e.at),
                              'actorId', e.actor_id, 'reason', e.reason),
           e.at, e.at
    from inserted e
    join webhook_endpoint w on w.account_id = e.account_id and w.active and 'assignment' = any (w.events)
    order by e.id, w.id;
    return null;
end $$;

create trigger assignment_event_webhooks after insert on assignment_event
    referencing new table as inserted for each statement execute function rota_webhook_assignment_events();
