-- Routing keeps each inbox's candidates ranked in memory on every node and reads only what changed
-- since its last look (see RosterCache). Two kinds of change:
--
-- 1. A user's standing (status and inputs, open conversations, last turn in an inbox): each row
--    carries the id of the transaction that last wrote it. A node that last looked with a snapshot
--    whose xmin was X re-reads the rows with changed_xid >= X: every transaction that could have
--    committed since then has an id at least X, so nothing committed later is missed.
alter table availability_state add column changed_xid xid8 not null default '0';
alter table user_load add column changed_xid xid8 not null default '0';
alter table inbox_rotation add column changed_xid xid8 not null default '0';

create function rota_stamp_change() returns trigger language plpgsql as $$
begin
    new.changed_xid := pg_current_xact_id();
    return new;
end $$;

create trigger availability_state_changed before insert or update on availability_state
    for each row execute function rota_stamp_change();
create trigger user_load_changed before insert or update on user_load
    for each row execute function rota_stamp_change();
create trigger inbox_rotation_changed before insert or update on inbox_rotation
    for each row execute function rota_stamp_change();

create index availability_state_changed_xid on availability_state (account_id, changed_xid);
create index user_load_changed_xid on user_load (account_id, changed_xid);
create index inbox_rotation_changed_xid on inbox_rotation (account_id, inbox_id, changed_xid);

-- 2. Who may be a candidate at all (inbox and team members, rules, channels, a user's activity, the
--    account's default limit): rare admin changes. Any of them stamps the account's routing epoch,
--    and a node seeing a new epoch rebuilds that account's rosters.
create table routing_epoch (
    account_id  uuid primary key,
    changed_xid xid8 not null
);

create function rota_routing_epoch() returns trigger language plpgsql as $$
declare
    account uuid;
begin
    if tg_table_name = 'account' then
        account := case when tg_op = 'DELETE' then old.id else new.id end;
    else
        account := case when tg_op = 'DELETE' then old.account_id else new.account_id end;
    end if;
    insert into routing_epoch (account_id, changed_xid) values (account, pg_current_xact_id())
    on conflict (account_id) do update set changed_xid = excluded.changed_xid
     where routing_epoch.changed_xid <> excluded.changed_xid;
    return null;
end $$;

create trigger inbox_routing_epoch after insert or update or delete on inbox
    for each row execute function rota_routing_epoch();
create trigger inbox_member_user_routing_epoch after insert or update or delete on inbox_member_user
    for each row execute function rota_routing_epoch();
create trigger inbox_member_team_routing_epoch after insert or update or delete on inbox_member_team
    for each row execute function rota_routing_epoch();
create trigger team_routing_epoch after insert or update or delete on team
    for each row execute function rota_routing_epoch();
create trigger team_member_routing_epoch after insert or update or delete on team_member
    for each row execute function rota_routing_epoch();
create trigger routing_rule_routing_epoch after insert or update or delete on routing_rule
    for each row execute function rota_routing_epoch();
create trigger app_user_routing_epoch after insert or delete or update of active on app_user
    for each row execute function rota_routing_epoch();
create trigger account_routing_epoch after update of default_max_open_conversations on account
    for each row execute function rota_routing_epoch();
