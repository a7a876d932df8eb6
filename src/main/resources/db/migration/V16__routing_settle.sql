-- Someone who may take conversations they could not before — given a paid seat, reactivated, given a higher
-- limit — is drained for after a short settle, like someone becoming Available (whose state says when): this
-- says when, for every node, so a drain elsewhere in that moment waits for the others instead of giving the
-- first of them the whole backlog. One row per user, the latest; old rows mean nothing and are overwritten.
create table routing_settle (
    account_id uuid not null,
    user_id    uuid not null,
    at         timestamptz not null,
    primary key (account_id, user_id),
    foreign key (account_id, user_id) references app_user (account_id, id) on delete cascade
);
create index routing_settle_at on routing_settle (account_id, at);
