package dev.rota.routing.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-user open conversations and per-inbox round-robin state. The claim is one conditional UPDATE:
 * PostgreSQL re-checks the limit on the locked row, so concurrent claims on any node never exceed it.
 */
@Repository
class LoadRepository {

    private final JdbcClient jdbc;

    LoadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Claimed(int openAfter, Integer limit) {
    }

    /** The outcome of a claim that does not wait for a user another request is assigning right now. */
    sealed interface Attempt permits Got, Busy, Refused {
    }

    record Got(Claimed claimed) implements Attempt {
    }

    record Busy() implements Attempt {
    }

    record Refused() implements Attempt {
    }

    /**
     * The activity, seat and limit (their own, else the account's) of the users {@code which} picks out, as a common
     * table expression {@code terms(user_id, active, seat, lim)}, read under a share lock: a change to them that
     * committed while the claim waited is read as it is now (joined without a lock, the statement would recheck what it
     * waited for against the terms of its snapshot), and one not yet committed waits for the claim. Read before the
     * users' state is locked, as a change of a user takes their row first and their state after it (the other order
     * would let the two wait for each other). Parameter: {@code :account}.
     */
    private static String terms(String which) {
        return """
                terms as (
                    select u.id as user_id, u.active, u.seat,
                           coalesce(u.max_open_conversations, a.default_max_open_conversations) as lim
                      from app_user u join account a on a.id = u.account_id
                     where u.account_id = :account and u.id""" + " " + which + """
                     order by u.id
                       for share of u, a)
                """;
    }

    /** {@link #terms} of the one user {@code :user}. */
    private static final String TERMS = terms("= :user");

    /** Like {@link #claim} for automatic routing, in one statement, but skipping a row another transaction holds. */
    Attempt claimUnlessBusy(UUID accountId, UUID userId, Instant now) {
        return jdbc.sql("""
                with locked as (
                    select account_id, user_id from user_load
                     where account_id = :account and user_id = :user for update skip locked),
                """ + TERMS + """
                ,
                claimed as (
                    update user_load l set open_count = l.open_count + 1
                      from locked k, terms u
                     where l.account_id = k.account_id and l.user_id = k.user_id
                       and u.user_id = l.user_id and u.active and u.seat <> 'NONE'
                       and (u.lim is null or l.open_count < u.lim)
                       and exists (select 1 from availability_state s
                                    where s.account_id = l.account_id and s.user_id = l.user_id
                                      and (s.status = 'AVAILABLE' or s.next_change_at <= :now)
                                      for share)
                    returning l.open_count, u.lim)
                select (select count(*) from locked) as locked, c.open_count, c.lim
                  from (select 1) one left join claimed c on true""")
                .param("account", accountId).param("user", userId).param("now", Timestamp.from(now))
                .query((rs, row) -> {
                    if (rs.getLong("locked") == 0) {
                        return (Attempt) new Busy();
                    }
                    int open = rs.getInt("open_count");
                    if (rs.wasNull()) {
                        return new Refused();
                    }
                    int limit = rs.getInt("lim");
                    return new Got(new Claimed(open, rs.wasNull() ? null : limit));
                }).single();
    }

    /**
     * The grant of many places in one statement, as common table expressions to follow a {@code want(user_id, k)}
     * of the account's users and the places wanted: {@code granted(account_id, user_id, open_count, lim, since, n)}
     * gives each user as many places as they want and their limit allows, or none when inactive, seatless or
     * not Available (status {@code since} then) — for automatic routing. Rows are locked in user id order (their
     * {@link #terms} first), so
     * concurrent claims cannot deadlock on them; a row another transaction holds right now is skipped, not
     * waited for: that user is missing from {@code granted} (busy). The rows stay locked to the end of the
     * transaction, so the caller adds to {@code user_load.open_count} the places it actually uses, at most
     * {@code n}. Parameters: {@code :account}, {@code :now}.
     */
    static final String GRANT = terms("in (select user_id from want)") + """
            ,
            locked as (
                select l.account_id, l.user_id, l.open_count, w.k, s.since, t.lim,
                       -- coalesce: with no next change recorded the test is null, which must mean no
                       coalesce(t.active and t.seat <> 'NONE'
                                and (s.status = 'AVAILABLE' or s.next_change_at <= :now), false) as ok
                  from user_load l
                  join want w on w.user_id = l.user_id
                  join terms t on t.user_id = l.user_id
                  join availability_state s on s.account_id = l.account_id and s.user_id = l.user_id
                 where l.account_id = :account
                 order by l.user_id
                   for no key update of l skip locked
                   for share of s),
            granted as (
                select account_id, user_id, open_count, lim, since,
                       case when not ok then 0
                            when lim is null then k
                            else greatest(0, least(k, lim - open_count)) end as n
                  from locked)""";

    void ensure(UUID accountId, UUID userId) {
        jdbc.sql("insert into user_load (account_id, user_id) values (:account, :user) on conflict do nothing")
                .param("account", accountId).param("user", userId).update();
    }

    /**
     * +1 open conversation if the user is active and below their limit (their own, else the account's).
     * For automatic routing ({@code requireAvailable}) the user's recorded status must also still be
     * Available; the share lock on it orders this claim and any concurrent status change, so nobody
     * who just went Away gets a conversation.
     */
    java.util.Optional<Claimed> claim(UUID accountId, UUID userId, boolean requireAvailable, Instant now) {
        return jdbc.sql("with " + TERMS + """
                update user_load l set open_count = l.open_count + 1
                  from terms u
                 where l.account_id = :account and l.user_id = :user
                   and u.user_id = l.user_id and u.active
                   and (not :available or u.seat <> 'NONE')
                   and (u.lim is null or l.open_count < u.lim)
                   and (not :available or exists (
                        select 1 from availability_state s
                         where s.account_id = l.account_id and s.user_id = l.user_id
                           and (s.status = 'AVAILABLE' or s.next_change_at <= :now)
                           for share))
                returning l.open_count, u.lim""")
                .param("account", accountId).param("user", userId).param("available", requireAvailable)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> {
                    int limit = rs.getInt(2);
                    boolean unlimited = rs.wasNull(); // of the column just read: no limit, not a limit of 0
                    return new Claimed(rs.getInt(1), unlimited ? null : limit);
                }).optional();
    }

    /** A place given back: the user's count after it, and their limit then (null: none). */
    record Released(int openAfter, Integer limit) {
    }

    Released release(UUID accountId, UUID userId) {
        return jdbc.sql("""
                update user_load l set open_count = greatest(l.open_count - 1, 0)
                  from app_user u join account a on a.id = u.account_id
                 where l.account_id = :account and l.user_id = :user and u.account_id = l.account_id and u.id = l.user_id
                returning l.open_count, coalesce(u.max_open_conversations, a.default_max_open_conversations)""")
                .param("account", accountId).param("user", userId)
                .query((rs, row) -> {
                    int limit = rs.getInt(2);
                    boolean unlimited = rs.wasNull(); // before the next read: it answers for the last column read
                    return new Released(rs.getInt(1), unlimited ? null : limit);
                }).optional().orElse(new Released(0, null));
    }

    /** What routing reads per decision: input version, open conversations, last assignment in the inbox, limits. */
    record Standing(long inputsVersion, java.sql.Timestamp accountUpdatedAt, int openCount, Instant lastAssignedAt,
                    Integer accountLimit) {
    }

    private static final String STANDING = """
            select s.user_id, s.inputs_version, a.updated_at, coalesce(l.open_count, 0) as open_count,
                   r.last_assigned_at, a.default_max_open_conversations
              from availability_state s
              join account a on a.id = s.account_id
              left join user_load l on l.account_id = s.account_id and l.user_id = s.user_id
              left join inbox_rotation r on r.account_id = s.account_id and r.inbox_id = :inbox
                                        and r.user_id = s.user_id
             where s.account_id = :account
            """;

    Map<UUID, Standing> standings(UUID accountId, UUID inboxId, Collection<UUID> userIds) {
        return standings(jdbc.sql(STANDING + " and s.user_id = any(:ids)").param("ids", userIds.toArray(UUID[]::new)),
                accountId, inboxId);
    }

    private static Map<UUID, Standing> standings(JdbcClient.StatementSpec query, UUID accountId, UUID inboxId) {
        Map<UUID, Standing> result = new java.util.LinkedHashMap<>();
        query.param("account", accountId).param("inbox", inboxId)
                .query(rs -> {
                    result.put(rs.getObject("user_id", UUID.class), standing(rs));
                });
        return result;
    }

    private static Standing standing(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp last = rs.getTimestamp("last_assigned_at");
        int limit = rs.getInt("default_max_open_conversations");
        Integer accountLimit = rs.wasNull() ? null : limit;
        return new Standing(rs.getLong("inputs_version"), rs.getTimestamp("updated_at"), rs.getInt("open_count"),
                last == null ? null : last.toInstant(), accountLimit);
    }

    /** A user's open conversations and last assignment in an inbox, as a statement left them. */
    record Load(int openCount, Instant lastAssignedAt) {
    }

    /** A point to read changes from: the snapshot's oldest running transaction, and the account's routing epoch. */
    record Mark(long xmin, long epoch) {
    }

    /** What changed since a mark: the standings of the users concerned, and the mark to read from next time. */
    record Changes(Mark mark, Map<UUID, Standing> standings) {
    }

    Mark mark(UUID accountId) {
        return jdbc.sql("""
                select pg_snapshot_xmin(pg_current_snapshot())::text,
                       (select changed_xid::text from routing_epoch where account_id = :account)""")
                .param("account", accountId)
                .query((rs, row) -> new Mark(Long.parseLong(rs.getString(1)), xid(rs.getString(2)))).single();
    }

    /**
     * The standings of the account's users whose status, inputs, open count or turn in the inbox were
     * written by a transaction with an id at least {@code since} (see V8), in one statement.
     */
    Changes changesSince(UUID accountId, UUID inboxId, long since) {
        Map<UUID, Standing> standings = new java.util.LinkedHashMap<>();
        Mark[] mark = new Mark[1];
        jdbc.sql("""
                with changed as (
                    select user_id from availability_state
                     where account_id = :account and changed_xid between cast(:since as xid8) and cast(:until as xid8)
                    union
                    select user_id from user_load where account_id = :account and changed_xid between cast(:since as xid8) and cast(:until as xid8)
                    union
                    select user_id from inbox_rotation
                     where account_id = :account and inbox_id = :inbox and changed_xid between cast(:since as xid8) and cast(:until as xid8))
                select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
                       (select changed_xid::text from routing_epoch where account_id = :account) as epoch, x.*
                  from (select 1) one
                  left join (""" + STANDING + " and s.user_id in (select user_id from changed)) x on true")
                .param("account", accountId).param("inbox", inboxId).param("since", Long.toString(since))
                // a range with both ends unknown is estimated as narrow: so PostgreSQL keeps one generic plan
                // instead of planning anew each time (which cost twice the execution)
                .param("until", "18446744073709551615")
                .query(rs -> {
                    mark[0] = new Mark(Long.parseLong(rs.getString("xmin")), xid(rs.getString("epoch")));
                    UUID user = rs.getObject("user_id", UUID.class);
                    if (user != null) {
                        standings.put(user, standing(rs));
                    }
                });
        return new Changes(mark[0], standings);
    }

    private static long xid(String text) {
        return text == null ? 0 : Long.parseLong(text);
    }

    Map<UUID, Integer> openCounts(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, Integer> result = new HashMap<>();
        jdbc.sql("select user_id, open_count from user_load where account_id = :account and user_id = any(:ids)")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return result;
    }

    void event(UUID accountId, UUID conversationId, UUID inboxId, UUID userId, String kind, boolean manual,
               int openAfter, Integer limit, Instant at, UUID actorId, String reason) {
        jdbc.sql("""
                insert into assignment_event (account_id, conversation_id, inbox_id, user_id, kind, manual, open_after,
                                              user_limit, at, actor_id, reason)
                values (:account, :conversation, :inbox, :user, :kind, :manual, :open, :limit, :at, :actor, :reason)""")
                .param("account", accountId).param("conversation", conversationId).param("inbox", inboxId)
                .param("user", userId).param("kind", kind).param("manual", manual).param("open", openAfter)
                .param("limit", limit).param("at", Timestamp.from(at)).param("actor", actorId).param("reason", reason)
                .update();
    }


    /** A conversation's assignment history, oldest first. */
    List<Map<String, Object>> history(UUID accountId, UUID conversationId) {
        return jdbc.sql("""
                select id, at, kind, user_id, manual, actor_id, reason, open_after, user_limit from assignment_event
                 where account_id = :account and conversation_id = :conversation order by id""")
                .param("account", accountId).param("conversation", conversationId)
                .query((rs, row) -> {
                    Map<String, Object> e = new java.util.LinkedHashMap<>();
                    e.put("id", rs.getLong("id"));
                    e.put("at", rs.getTimestamp("at").toInstant());
                    e.put("kind", rs.getString("kind"));
                    e.put("userId", rs.getObject("user_id", UUID.class));
                    e.put("manual", rs.getBoolean("manual"));
                    e.put("actorId", rs.getObject("actor_id", UUID.class));
                    e.put("reason", rs.getString("reason"));
                    e.put("openAfter", rs.getInt("open_after"));
                    int limit = rs.getInt("user_limit");
                    e.put("limit", rs.wasNull() ? null : limit);
                    return e;
                }).list();
    }
}
