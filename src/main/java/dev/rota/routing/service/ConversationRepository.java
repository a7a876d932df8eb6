package dev.rota.routing.service;

import dev.rota.directory.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whom a new conversation is planned for, with the trace to store if the claim goes through. */
    record Plan(UUID userId, String trace) {
    }

    /** A conversation stored assigned: to whom, and when (the same instant for the whole statement). */
    record Placed(UUID userId, Instant at) {
    }

    /**
     * What {@link #insertRouted} did: whether its check passed ({@code ok}), the conversations it stored (not those
     * known already) and those of them it assigned, the users' loads and turns as it left them, its snapshot's
     * mark and its transaction.
     */
    record Stored(boolean ok, Set<UUID> inserted, Map<UUID, Placed> assigned, Map<UUID, LoadRepository.Load> loads,
                  LoadRepository.Mark mark, long xid) {
    }

    /**
     * Stores new conversations of one account, skipping those whose external id (in their inbox) or
     * idempotency key is known, and assigns each to the user planned for it as far as that user's claim
     * goes through ({@link LoadRepository#GRANT}: limit, status and seat re-checked under lock, a row
     * another transaction holds skipped) — with history and round-robin turn — in one statement that needs
     * no transaction around it: a user's count grows by the conversations actually stored for them, so no
     * place is ever claimed for one a concurrent request stored first. The others are stored unassigned with
     * {@code waitingTrace} if they had no plan, else without a trace. Assignment time is {@code at}, or the
     * latest status change of a user assigned if later, so the history never shows an assignment before the
     * status that allowed it.
     * <p>
     * The plan was made on a roster as of {@code basis}: the statement first checks that nothing routing
     * depends on changed since (another transaction's status, load or turn in the account, or the routing
     * epoch) — unless {@code check} is off; if something did, it writes nothing and says so ({@code ok} false).
     * It returns the users' loads as it left them and the mark of its snapshot, so the roster can take in its
     * own changes without reading them back ({@link RosterCache#applyOwn}).
     */
    Stored insertRouted(UUID accountId, UUID inboxId, List<Conversation> cs, List<String> idempotencyKeys,
                        List<Plan> plans, String waitingTrace, RosterCache.Basis basis, boolean check, Instant at,
                        Instant now, String reason) {
        Set<UUID> inserted = new java.util.HashSet<>();
        Map<UUID, Placed> assigned = new java.util.HashMap<>();
        Map<UUID, LoadRepository.Load> loads = new java.util.HashMap<>();
        LoadRepository.Mark[] mark = new LoadRepository.Mark[1];
        long[] xid = new long[1];
        boolean[] ok = new boolean[1];
        jdbc.sql("""
                with go as (
                    -- a range with both ends unknown keeps one generic plan (see LoadRepository#changesSince);
                    -- this transaction's own earlier writes are no news (its locks keep the claim exact)
                    -- only the view's candidates matter (their bit in the filter, see RosterCache#candidateFilter)
                    select not cast(:check as boolean) or not exists (select 1 from availability_state where account_id = :account
                                          and changed_xid between cast(:since as xid8) and cast(:until as xid8)
                                          and changed_xid <> all (cast(:own as xid8[]))
                                          and changed_xid is distinct from pg_current_xact_id_if_assigned()
                                          and (""" + IS_CANDIDATE + """
                                          ))
                       and not exists (select 1 from user_load where account_id = :account
                                          and changed_xid between cast(:since as xid8) and cast(:until as xid8)
                                          and changed_xid <> all (cast(:own as xid8[]))
                                          and changed_xid is distinct from pg_current_xact_id_if_assigned()
                                          and (""" + IS_CANDIDATE + """
                                          ))
                       and not exists (select 1 from inbox_rotation where account_id = :account and inbox_id = :inbox
                                          and changed_xid between cast(:since as xid8) and cast(:until as xid8)
                                          and changed_xid <> all (cast(:own as xid8[]))
                                          and changed_xid is distinct from pg_current_xact_id_if_assigned())
                       and coalesce((select changed_xid::text from routing_epoch where account_id = :account), '0')
                           = :epoch as ok),
                r as (
                    select * from unnest(cast(:ids as uuid[]), cast(:inboxes as uuid[]), cast(:channels as text[]),
                                         cast(:externals as text[]), cast(:keys as text[]), cast(:subjects as text[]),
                                         cast(:emails as text[]), cast(:owners as uuid[]), cast(:created as timestamptz[]),
                                         cast(:users as uuid[]), cast(:traces as text[]))
                           with ordinality as r(id, inbox_id, channel, external_id, idempotency_key, subject,
                                                contact_email, contact_owner_id, created_at, user_id, trace, ord)),
                fresh as (
                    select r.*, row_number() over (partition by r.user_id order by r.ord) as nth from r
                     where not exists (select 1 from conversation c where c.account_id = :account
                                          and c.inbox_id = r.inbox_id and c.external_id = r.external_id)
                       and not exists (select 1 from conversation c where c.account_id = :account
                                          and c.idempotency_key = r.idempotency_key)),
                want as (
                    select user_id, count(*) as k from fresh
                     where user_id is not null and (select ok from go) group by user_id),
                """ + LoadRepository.GRANT + """
                ,
                stamp as (
                    select greatest(cast(:at as timestamptz), max(since)) as at from granted where n > 0),
                ins as (
                    insert into conversation (account_id, id, inbox_id, channel, external_id, idempotency_key, subject,
                                              contact_email, contact_owner_id, status, created_at, assignee_id,
                                              assigned_at, routing_trace)
                    select :account, f.id, f.inbox_id, f.channel, f.external_id, f.idempotency_key, f.subject,
                           f.contact_email, f.contact_owner_id, 'OPEN', f.created_at,
                           case when f.nth <= g.n then f.user_id end,
                           case when f.nth <= g.n then (select at from stamp) end,
                           cast(case when f.nth <= g.n then f.trace
                                     when f.user_id is null then cast(:waiting as text) end as jsonb)
                      from fresh f left join granted g on g.user_id = f.user_id
                     where (select ok from go)
                     order by f.ord
                    on conflict do nothing
                    returning id, inbox_id, assignee_id, assigned_at),
                -- a place for each conversation stored assigned (not for one a concurrent request stored first)
                claimed as (
                    update user_load l set open_count = l.open_count + x.k
                      from (select assignee_id, count(*) as k from ins where assignee_id is not null
                             group by assignee_id) x
                     where l.account_id = :account and l.user_id = x.assignee_id
                    returning l.user_id, l.open_count),
                placed as (
                    select i.id, i.inbox_id, i.assignee_id as user_id, i.assigned_at as at, f.ord,
                           g.open_count + row_number() over (partition by i.assignee_id order by f.ord) as open_after,
                           g.lim
                      from ins i join fresh f on f.id = i.id join granted g on g.user_id = i.assignee_id),
                """ + RECORD_ASSIGNMENTS + """
                select 'conversation' as kind, i.id, i.assignee_id as user_id, i.assigned_at as at, null::bigint as n,
                       null::text as xmin, null::text as epoch, null::text as xid, null::boolean as ok
                  from ins i
                union all
                select 'load', null::uuid, c.user_id, t.last_assigned_at, c.open_count, null, null, null, null
                  from claimed c join turn t on t.user_id = c.user_id
                union all
                select 'mark', null::uuid, null::uuid, null::timestamptz, null::bigint, pg_snapshot_xmin(pg_current_snapshot())::text,
                       (select changed_xid::text from routing_epoch where account_id = :account),
                       pg_current_xact_id()::text, (select ok from go)""")
                .param("ids", cs.stream().map(Conversation::id).toArray(UUID[]::new))
                .param("inboxes", cs.stream().map(Conversation::inboxId).toArray(UUID[]::new))
                .param("channels", cs.stream().map(c -> c.channel().name()).toArray(String[]::new))
                .param("externals", cs.stream().map(Conversation::externalId).toArray(String[]::new))
                .param("keys", idempotencyKeys.toArray(String[]::new))
                .param("subjects", cs.stream().map(Conversation::subject).toArray(String[]::new))
                .param("emails", cs.stream().map(Conversation::contactEmail).toArray(String[]::new))
                .param("owners", cs.stream().map(Conversation::contactOwnerId).toArray(UUID[]::new))
                .param("created", cs.stream().map(c -> c.createdAt().toString()).toArray(String[]::new))
                .param("users", plans.stream().map(p -> p == null ? null : p.userId()).toArray(UUID[]::new))
                .param("traces", plans.stream().map(p -> p == null ? null : p.trace()).toArray(String[]::new))
                .param("waiting", waitingTrace)
                .param("account", accountId).param("inbox", inboxId)
                .param("since", Long.toString(basis.since())).param("until", "18446744073709551615")
                .param("own", basis.own().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .param("epoch", Long.toString(basis.epoch())).param("check", check)
                .param("candidates", basis.candidates())
                .param("at", Timestamp.from(at)).param("now", Timestamp.from(now)).param("reason", reason)
                .query(rs -> {
                    UUID userId = rs.getObject("user_id", UUID.class);
                    switch (rs.getString("kind")) {
                        case "conversation" -> {
                            UUID id = rs.getObject("id", UUID.class);
                            inserted.add(id);
                            if (userId != null) {
                                assigned.put(id, new Placed(userId, rs.getTimestamp("at").toInstant()));
                            }
                        }
                        case "load" -> loads.put(userId, new LoadRepository.Load(rs.getInt("n"),
                                rs.getTimestamp("at").toInstant()));
                        default -> {
                            String epoch = rs.getString("epoch");
                            mark[0] = new LoadRepository.Mark(Long.parseLong(rs.getString("xmin")),
                                    epoch == null ? 0 : Long.parseLong(epoch));
                            xid[0] = Long.parseLong(rs.getString("xid"));
                            ok[0] = rs.getBoolean("ok");
                        }
                    }
                });
        return new Stored(ok[0], inserted, assigned, loads, mark[0], xid[0]);
    }

    /** A row's {@code user_id} has its bit set in the view's candidate filter ({@link RosterCache#candidateFilter}). */
    private static final String IS_CANDIDATE = """
            get_bit(cast(:candidates as bytea), ((get_byte(uuid_send(user_id), 14) << 8)
                    | get_byte(uuid_send(user_id), 15)) & 8191) = 1""";

    /** The conversation with this external id in the inbox, else with this idempotency key (each may be null). */
    Optional<Conversation> findExisting(UUID accountId, UUID inboxId, String externalId, String idempotencyKey) {
        if (externalId != null) {
            Optional<Conversation> byExternal = jdbc.sql("""
                    select * from conversation where account_id = :account and inbox_id = :inbox and external_id = :external""")
                    .param("account", accountId).param("inbox", inboxId).param("external", externalId)
                    .query(ConversationRepository::map).optional();
            if (byExternal.isPresent()) {
                return byExternal;
            }
        }
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from conversation where account_id = :account and idempotency_key = :key")
                .param("account", accountId).param("key", idempotencyKey).query(ConversationRepository::map).optional();
    }

    Optional<Conversation> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from conversation where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(ConversationRepository::map).optional();
    }

    Optional<Conversation> lock(UUID accountId, UUID id) {
        return jdbc.sql("select * from conversation where account_id = :account and id = :id for update")
                .param("account", accountId).param("id", id).query(ConversationRepository::map).optional();
    }

    /** Locks the conversation if it is waiting and nobody else holds it; false otherwise. */
    boolean lockWaiting(UUID accountId, UUID id) {
        return jdbc.sql("""
                select count(*) from (select 1 from conversation
                 where account_id = :account and id = :id and status = 'OPEN' and assignee_id is null
                   for update skip locked) w""")
                .param("account", accountId).param("id", id).query(Long.class).single() == 1;
    }

    /** The oldest waiting conversations of an inbox not being handled by another node right now. */
    List<Conversation> claimWaiting(UUID accountId, UUID inboxId, int limit) {
        return jdbc.sql("""
                select * from conversation
                 where account_id = :account and inbox_id = :inbox and status = 'OPEN' and assignee_id is null
                 order by created_at, id
                 limit :limit
                 for update skip locked""")
                .param("account", accountId).param("inbox", inboxId).param("limit", limit)
                .query(ConversationRepository::map).list();
    }

    record InboxRef(UUID accountId, UUID inboxId) {
    }

    /** Inboxes that have a queue, of one account or (null) of all: the periodic sweep starts from these. */
    List<InboxRef> inboxesWithWaiting(UUID accountId, int limit) {
        return jdbc.sql("""
                select distinct account_id, inbox_id from conversation
                 where status = 'OPEN' and assignee_id is null
                   and (cast(:account as uuid) is null or account_id = :account) limit :limit""")
                .param("account", accountId).param("limit", limit)
                .query((rs, row) -> new InboxRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** Those of {@code inboxes} that have a waiting conversation, the one whose oldest waits longest first. */
    List<InboxRef> byOldestWaiting(java.util.Collection<InboxRef> inboxes) {
        if (inboxes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select r.account_id, r.inbox_id from unnest(cast(:accounts as uuid[]), cast(:inboxes as uuid[]))
                       as r(account_id, inbox_id)
                  cross join lateral (select c.created_at from conversation c
                                       where c.account_id = r.account_id and c.inbox_id = r.inbox_id
                                         and c.status = 'OPEN' and c.assignee_id is null
                                       order by c.created_at limit 1) oldest
                 order by oldest.created_at""")
                .param("accounts", inboxes.stream().map(InboxRef::accountId).toArray(UUID[]::new))
                .param("inboxes", inboxes.stream().map(InboxRef::inboxId).toArray(UUID[]::new))
                .query((rs, row) -> new InboxRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** Open conversations held by users who were deactivated (on every node's sweep, or for one user), locked. */
    List<Conversation> assignedToInactive(UUID accountId, UUID userId, int limit) {
        return jdbc.sql("""
                select c.* from app_user u
                  join conversation c on c.account_id = u.account_id and c.assignee_id = u.id and c.status = 'OPEN'
                 where not u.active and (cast(:account as uuid) is null or (u.account_id = :account and u.id = :user))
                 order by c.created_at limit :limit
                 for update of c skip locked""")
                .param("account", accountId).param("user", userId).param("limit", limit)
                .query(ConversationRepository::map).list();
    }

    /**
     * Open conversations held by someone who is not (or no longer) a member of their inbox, directly or through a
     * team: of one inbox, one account's inboxes ({@code inboxId} null) or anyone's (both null), locked.
     */
    List<Conversation> assignedToNonMembers(UUID accountId, UUID inboxId, int limit) {
        return jdbc.sql("""
                select c.* from conversation c
                 where c.status = 'OPEN' and c.assignee_id is not null
                   and (cast(:account as uuid) is null or c.account_id = :account)
                   and (cast(:inbox as uuid) is null or c.inbox_id = :inbox)
                   and not exists (select 1 from inbox_member_user m where m.account_id = c.account_id
                                     and m.inbox_id = c.inbox_id and m.user_id = c.assignee_id)
                   and not exists (select 1 from inbox_member_team mt
                                     join team_member tm on tm.account_id = mt.account_id and tm.team_id = mt.team_id
                                    where mt.account_id = c.account_id and mt.inbox_id = c.inbox_id
                                      and tm.user_id = c.assignee_id)
                 order by c.created_at limit :limit
                 for update of c skip locked""")
                .param("account", accountId).param("inbox", inboxId).param("limit", limit)
                .query(ConversationRepository::map).list();
    }

    /** Assigns only if still open and unassigned; false when someone else got there first. */
    boolean assign(UUID accountId, UUID id, UUID userId, boolean manual, Instant at, String trace) {
        return jdbc.sql("""
                update conversation set assignee_id = :user, assigned_manually = :manual, assigned_at = :at,
                       routing_trace = coalesce(cast(:trace as jsonb), routing_trace)
                 where account_id = :account and id = :id and status = 'OPEN' and assignee_id is null""")
                .param("user", userId).param("manual", manual).param("at", Timestamp.from(at)).param("trace", trace)
                .param("account", accountId).param("id", id).update() == 1;
    }

    /**
     * Common table expressions recording routing's assignments of the account's conversations listed in a
     * preceding {@code placed(id, inbox_id, user_id, at, ord, open_after, lim)}: each user's round-robin turn
     * in the inbox ({@code turn(user_id, last_assigned_at)} as left) and the history, in {@code ord} order.
     * Parameters: {@code :account}, {@code :reason}.
     */
    private static final String RECORD_ASSIGNMENTS = """
            turn as (
                -- a microsecond per place keeps a batch's order in the rotation
                insert into inbox_rotation (account_id, inbox_id, user_id, last_assigned_at)
                select :account, inbox_id, user_id, max(at + ord * interval '1 microsecond')
                  from placed group by inbox_id, user_id
                on conflict (account_id, inbox_id, user_id) do update
                   set last_assigned_at = greatest(inbox_rotation.last_assigned_at, excluded.last_assigned_at)
                returning user_id, last_assigned_at),
            history as (
                insert into assignment_event (account_id, conversation_id, inbox_id, user_id, kind, manual,
                                              open_after, user_limit, at, reason)
                select :account, id, inbox_id, user_id, 'ASSIGNED', false, open_after, lim, at, :reason
                  from placed order by ord)""";

    /**
     * Routing's assignment in one statement: assigns if still open and unassigned, moves the user's
     * round-robin turn and appends the history entry; false (nothing written) when someone got there first.
     */
    boolean assignByRouting(Conversation c, UUID userId, Instant at, String trace, int openAfter, Integer limit,
                            String reason) {
        return jdbc.sql("""
                with assigned as (
                    update conversation set assignee_id = :user, assigned_manually = false, assigned_at = :at,
                           routing_trace = cast(:trace as jsonb)
                     where account_id = :account and id = :id and status = 'OPEN' and assignee_id is null
                    returning inbox_id, id),
                placed as (
                    select id, inbox_id, cast(:user as uuid) as user_id, cast(:at as timestamptz) as at, 0 as ord,
                           cast(:open as integer) as open_after, cast(:limit as integer) as lim
                      from assigned),
                """ + RECORD_ASSIGNMENTS + """
                select count(*) from assigned""")
                .param("user", userId).param("at", Timestamp.from(at)).param("trace", trace)
                .param("account", c.accountId()).param("id", c.id()).param("open", openAfter).param("limit", limit)
                .param("reason", reason)
                .query(Long.class).single() == 1;
    }

    void saveTrace(UUID accountId, UUID id, String trace) {
        jdbc.sql("update conversation set routing_trace = cast(:trace as jsonb) where account_id = :account and id = :id")
                .param("trace", trace).param("account", accountId).param("id", id).update();
    }

    void unassign(UUID accountId, UUID id) {
        jdbc.sql("""
                update conversation set assignee_id = null, assigned_manually = false, assigned_at = null
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).update();
    }

    void markManual(UUID accountId, UUID id) {
        jdbc.sql("update conversation set assigned_manually = true where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    void close(UUID accountId, UUID id, Instant at) {
        jdbc.sql("update conversation set status = 'CLOSED', closed_at = :at where account_id = :account and id = :id")
                .param("at", Timestamp.from(at)).param("account", accountId).param("id", id).update();
    }

    void reopen(UUID accountId, UUID id) {
        jdbc.sql("update conversation set status = 'OPEN', closed_at = null where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    List<Conversation> list(UUID accountId, UUID inboxId, UUID assigneeId, String status, Boolean waiting,
                            int limit, int offset) {
        return jdbc.sql("""
                select * from conversation
                 where account_id = :account
                   and (cast(:inbox as uuid) is null or inbox_id = :inbox)
                   and (cast(:assignee as uuid) is null or assignee_id = :assignee)
                   and (cast(:status as text) is null or status = :status)
                   and (cast(:waiting as boolean) is null or (status = 'OPEN' and assignee_id is null) = :waiting)
                 order by created_at, id limit :limit offset :offset""")
                .param("account", accountId).param("inbox", inboxId).param("assignee", assigneeId)
                .param("status", status).param("waiting", waiting).param("limit", limit).param("offset", offset)
                .query(ConversationRepository::map).list();
    }

    long count(UUID accountId, UUID inboxId, UUID assigneeId, String status, Boolean waiting) {
        return jdbc.sql("""
                select count(*) from conversation
                 where account_id = :account
                   and (cast(:inbox as uuid) is null or inbox_id = :inbox)
                   and (cast(:assignee as uuid) is null or assignee_id = :assignee)
                   and (cast(:status as text) is null or status = :status)
                   and (cast(:waiting as boolean) is null or (status = 'OPEN' and assignee_id is null) = :waiting)""")
                .param("account", accountId).param("inbox", inboxId).param("assignee", assigneeId)
                .param("status", status).param("waiting", waiting).query(Long.class).single();
    }

    /** Open conversations assigned by routing (or also by hand) to users who have been away since before {@code cutoff}. */
    List<Conversation> assignedToLongAway(UUID accountId, UUID inboxId, Instant cutoff, boolean includeManual, int limit) {
        return jdbc.sql("""
                select c.* from conversation c
                  join availability_state s on s.account_id = c.account_id and s.user_id = c.assignee_id
                 where c.account_id = :account and c.inbox_id = :inbox and c.status = 'OPEN'
                   and (:manual or not c.assigned_manually)
                   and s.status = 'AWAY' and c.assigned_at <= :cutoff
                   -- away since they stopped being available: another reason of away (their own after an admin's,
                   -- a temporary away after the shift's end) does not start the grace period again
                   and coalesce((select max(e.at) from status_event e
                                  where e.account_id = s.account_id and e.user_id = s.user_id
                                    and e.new_status = 'AWAY' and e.old_status is distinct from 'AWAY'), s.since)
                       <= :cutoff
                 order by c.created_at limit :limit
                 for update of c skip locked""")
                .param("account", accountId).param("inbox", inboxId).param("manual", includeManual)
                .param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
                .query(ConversationRepository::map).list();
    }

    record ReassignInbox(UUID accountId, UUID inboxId, int minutes, boolean includeManual) {
    }

    List<ReassignInbox> inboxesWithReassign() {
        return jdbc.sql("""
                select account_id, id, reassign_after_away_minutes, reassign_manual from inbox
                 where reassign_after_away_minutes is not null and deleted_at is null""")
                .query((rs, row) -> new ReassignInbox(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getInt(3), rs.getBoolean(4))).list();
    }

    static Conversation map(ResultSet rs, int row) throws SQLException {
        Timestamp assigned = rs.getTimestamp("assigned_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Conversation(rs.getObject("account_id", UUID.class), rs.getObject("id", UUID.class),
                rs.getObject("inbox_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("external_id"), rs.getString("subject"), rs.getString("contact_email"),
                rs.getObject("contact_owner_id", UUID.class),
                Conversation.ConversationStatus.valueOf(rs.getString("status")), rs.getObject("assignee_id", UUID.class),
                rs.getBoolean("assigned_manually"), assigned == null ? null : assigned.toInstant(),
                rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant(),
                rs.getString("routing_trace"));
    }
}
