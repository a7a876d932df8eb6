package dev.rota.availability.service;

import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read model of the availability-management table: users with access to at least one inbox (directly
 * or through a team), with the recorded status, which is exact until its {@code next_change_at}.
 */
@Repository
class TableRepository {

    private static final String ACCESS = """
            with access as (
                select m.user_id, m.inbox_id
                  from inbox_member_user m
                  join inbox i on i.account_id = m.account_id and i.id = m.inbox_id and i.deleted_at is null
                 where m.account_id = :account
                union
                select tm.user_id, mt.inbox_id
                  from inbox_member_team mt
                  join team_member tm on tm.account_id = mt.account_id and tm.team_id = mt.team_id
                  join inbox i on i.account_id = mt.account_id and i.id = mt.inbox_id and i.deleted_at is null
                 where mt.account_id = :account)
            """;

    private final JdbcClient jdbc;

    TableRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Candidate(UUID userId, Status status, Reason reason, Instant nextChangeAt) {
        boolean staleAt(Instant now) {
            return nextChangeAt != null && !nextChangeAt.isAfter(now);
        }
    }

    record Named(UUID id, String name) {
    }

    /** Per user, whether they reach an inbox (the filtered one, if any) directly or through a team. */
    private static final String HAS_ACCESS = """
               and (exists (select 1 from inbox_member_user m
                              join inbox i on i.account_id = m.account_id and i.id = m.inbox_id and i.deleted_at is null
                             where m.account_id = u.account_id and m.user_id = u.id
                               and (cast(:inbox as uuid) is null or m.inbox_id = :inbox))
                    or exists (select 1 from team_member tm
                              join inbox_member_team mt on mt.account_id = tm.account_id and mt.team_id = tm.team_id
                              join inbox i on i.account_id = mt.account_id and i.id = mt.inbox_id and i.deleted_at is null
                             where tm.account_id = u.account_id and tm.user_id = u.id
                               and (cast(:inbox as uuid) is null or mt.inbox_id = :inbox)))
            """;

    private static final String OTHER_FILTERS = """
               and (cast(:team as uuid) is null or exists (select 1 from team_member tm
                     where tm.account_id = u.account_id and tm.team_id = :team and tm.user_id = u.id))
               and (:q = '' or u.name ilike :like or u.email ilike :like)
            """;

    private static final String FROM = """
              from app_user u
              join availability_state s on s.account_id = u.account_id and s.user_id = u.id
             where u.account_id = :account
            """;

    /** The filters of the table; {@code status} null = any. */
    record Filter(UUID accountId, UUID inboxId, UUID teamId, String q, Status status) {
    }

    /**
     * One page of matching users, ordered by name, filtered by the recorded status where it is still
     * exact ({@code next_change_at} after now). Walks the name index and stops after the page.
     */
    List<UUID> page(Filter f, Instant now, int limit, int offset) {
        return bind(jdbc.sql("select u.id " + FROM + HAS_ACCESS + OTHER_FILTERS + EXACT_STATUS
                + " order by lower(u.name), u.id limit :limit offset :offset"), f, now)
                .param("limit", limit).param("offset", offset).query(UUID.class).list();
    }

    /** How many users match; counted over the set of users with access, which beats a check per user. */
    long count(Filter f, Instant now) {
        return bind(jdbc.sql(ACCESS + "select count(*) " + FROM
                + " and u.id in (select a.user_id from access a where cast(:inbox as uuid) is null or a.inbox_id = :inbox)"
                + OTHER_FILTERS + EXACT_STATUS), f, now)
                .query(Long.class).single();
    }

    /** Matching users whose recorded status is past its next change: their status must be evaluated live. */
    List<UUID> stale(Filter f, Instant now) {
        return bind(jdbc.sql("select u.id " + FROM + " and s.next_change_at <= :now" + HAS_ACCESS + OTHER_FILTERS),
                f, now).query(UUID.class).list();
    }

    private static final String EXACT_STATUS = """
               and (cast(:status as text) is null
                    or (s.status = :status and (s.next_change_at is null or s.next_change_at > :now)))
            """;

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter f, Instant now) {
        return spec.param("account", f.accountId()).param("inbox", f.inboxId()).param("team", f.teamId())
                .param("q", f.q()).param("like", dev.rota.web.Params.likeContains(f.q())).param("status", f.status() == null ? null : f.status().name())
                .param("now", Timestamp.from(now));
    }

    /** Matching users ordered by name with their recorded status (the slow path, while some rows are stale). */
    List<Candidate> candidates(Filter f) {
        return bind(jdbc.sql("select u.id, s.status, s.reason, s.next_change_at " + FROM + HAS_ACCESS + OTHER_FILTERS
                + " order by lower(u.name), u.id"), new Filter(f.accountId(), f.inboxId(), f.teamId(), f.q(), null),
                Instant.EPOCH)
                .query((rs, row) -> {
                    Timestamp next = rs.getTimestamp("next_change_at");
                    return new Candidate(rs.getObject("id", UUID.class), Status.valueOf(rs.getString("status")),
                            Reason.valueOf(rs.getString("reason")), next == null ? null : next.toInstant());
                })
                .list();
    }

    Map<UUID, List<Named>> inboxesOf(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, List<Named>> result = new HashMap<>();
        jdbc.sql(ACCESS + """
                select distinct a.user_id, i.id, i.name from access a
                  join inbox i on i.account_id = :account and i.id = a.inbox_id
                 where a.user_id = any(:ids) order by i.name""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(new Named(rs.getObject("id", UUID.class), rs.getString("name")));
                });
        return result;
    }

    Map<UUID, List<Named>> teamsOf(UUID accountId, Collection<UUID> userIds) {
        Map<UUID, List<Named>> result = new HashMap<>();
        jdbc.sql("""
                select tm.user_id, t.id, t.name from team_member tm
                  join team t on t.account_id = tm.account_id and t.id = tm.team_id
                 where tm.account_id = :account and tm.user_id = any(:ids) order by t.name""")
                .param("account", accountId).param("ids", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(new Named(rs.getObject("id", UUID.class), rs.getString("name")));
                });
        return result;
    }
}
