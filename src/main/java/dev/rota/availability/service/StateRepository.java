package dev.rota.availability.service;

import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The effective status as last recorded (valid until {@code next_change_at}) and the history of
 * changes. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several nodes never record the
 * same change twice and a node that dies mid-batch releases its claim with its transaction.
 */
@Repository
class StateRepository {

    private final JdbcClient jdbc;

    StateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record State(UUID accountId, UUID userId, Status status, Reason reason, Instant since, Instant nextChangeAt) {
    }

    record Event(UUID accountId, UUID userId, Instant at, Status oldStatus, Reason oldReason, Status newStatus,
                 Reason newReason, UUID actorId, String cause) {
    }

    record StoredEvent(long id, Event event) {
    }

    Optional<State> lock(UUID accountId, UUID userId) {
        return jdbc.sql("select * from availability_state where account_id = :account and user_id = :user for update")
                .param("account", accountId).param("user", userId).query((rs, row) -> state(rs)).optional();
    }

    Map<UUID, State> states(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, State> result = new HashMap<>();
        jdbc.sql("select * from availability_state where account_id = :account and user_id = any(:ids)")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    State s = state(rs);
                    result.put(s.userId(), s);
                });
        return result;
    }

    /** Claims up to {@code limit} states whose next change is due at {@code now}, skipping ones other nodes hold. */
    List<State> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                select * from availability_state
                 where next_change_at <= :now
                 order by next_change_at
                 limit :limit
                 for update skip locked""")
                .param("now", Timestamp.from(now)).param("limit", limit).query((rs, row) -> state(rs)).list();
    }

    /** Saves the state after an input changed: also bumps the inputs' version (see V7). */
    void save(State s) {
        jdbc.sql("""
                insert into availability_state (account_id, user_id, status, reason, since, next_change_at)
                values (:account, :user, :status, :reason, :since, :next)
                on conflict (account_id, user_id) do update
                   set status = excluded.status, reason = excluded.reason, since = excluded.since,
                       next_change_at = excluded.next_change_at,
                       inputs_version = availability_state.inputs_version + 1""")
                .param("account", s.accountId()).param("user", s.userId()).param("status", s.status().name())
                .param("reason", s.reason().name()).param("since", Timestamp.from(s.since()))
                .param("next", s.nextChangeAt() == null ? null : Timestamp.from(s.nextChangeAt()))
                .update();
    }

    /** Saves many states in one statement (the boundary worker's batches). */
    void saveAll(List<State> states) {
        if (states.isEmpty()) {
            return;
        }
        int n = states.size();
        UUID[] accounts = new UUID[n];
        UUID[] users = new UUID[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        Timestamp[] since = new Timestamp[n];
        Timestamp[] next = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            State s = states.get(i);
            accounts[i] = s.accountId();
            users[i] = s.userId();
            statuses[i] = s.status().name();
            reasons[i] = s.reason().name();
            since[i] = Timestamp.from(s.since());
            next[i] = s.nextChangeAt() == null ? null : Timestamp.from(s.nextChangeAt());
        }
        jdbc.sql("""
                update availability_state s
                   set status = v.status, reason = v.reason, since = v.since, next_change_at = v.next
                  from unnest(:accounts, :users, :statuses, :reasons, :since, :next)
                       as v(account_id, user_id, status, reason, since, next)
                 where s.account_id = v.account_id and s.user_id = v.user_id""")
                .param("accounts", accounts).param("users", users).param("statuses", statuses)
                .param("reasons", reasons).param("since", since).param("next", next)
                .update();
    }

    /** Appends events and returns their ids, in order. */
    List<Long> insertAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        UUID[] accounts = new UUID[n];
        UUID[] users = new UUID[n];
        Timestamp[] at = new Timestamp[n];
        String[] oldStatus = new String[n];
        String[] oldReason = new String[n];
        String[] newStatus = new String[n];
        String[] newReason = new String[n];
        UUID[] actors = new UUID[n];
        String[] causes = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            accounts[i] = e.accountId();
            users[i] = e.userId();
            at[i] = Timestamp.from(e.at());
            oldStatus[i] = e.oldStatus() == null ? null : e.oldStatus().name();
            oldReason[i] = e.oldReason() == null ? null : e.oldReason().name();
            newStatus[i] = e.newStatus().name();
            newReason[i] = e.newReason().name();
            actors[i] = e.actorId();
            causes[i] = e.cause();
        }
        return jdbc.sql("""
                insert into status_event (account_id, user_id, at, old_status, old_reason, new_status, new_reason,
                                          actor_id, cause)
                select * from unnest(:accounts, :users, :at, :oldStatus, :oldReason, :newStatus, :newReason,
                                     :actors, :causes)
                returning id""")
                .param("accounts", accounts).param("users", users).param("at", at).param("oldStatus", oldStatus)
                .param("oldReason", oldReason).param("newStatus", newStatus).param("newReason", newReason)
                .param("actors", actors).param("causes", causes)
                .query(Long.class).list();
    }

    List<StoredEvent> history(UUID accountId, UUID userId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                select * from status_event
                 where account_id = :account and user_id = :user and at >= :from and at < :to
                 order by at, id limit :limit""")
                .param("account", accountId).param("user", userId).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).param("limit", limit)
                .query((rs, row) -> new StoredEvent(rs.getLong("id"), new Event(accountId, userId,
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("old_status") == null ? null : Status.valueOf(rs.getString("old_status")),
                        rs.getString("old_reason") == null ? null : Reason.valueOf(rs.getString("old_reason")),
                        Status.valueOf(rs.getString("new_status")), Reason.valueOf(rs.getString("new_reason")),
                        rs.getObject("actor_id", UUID.class), rs.getString("cause"))))
                .list();
    }

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp next = rs.getTimestamp("next_change_at");
        return new State(rs.getObject("account_id", UUID.class), rs.getObject("user_id", UUID.class),
                Status.valueOf(rs.getString("status")), Reason.valueOf(rs.getString("reason")),
                rs.getTimestamp("since").toInstant(), next == null ? null : next.toInstant());
    }
}
