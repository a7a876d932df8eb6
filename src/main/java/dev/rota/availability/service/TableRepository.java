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

    /** Matching users ordered by name: only ids and recorded status, so 10,000 rows stay cheap. */
    List<Candidate> candidates(UUID accountId, UUID inboxId, UUID teamId, String q) {
        return jdbc.sql(ACCESS + """
                select u.id, s.status, s.reason, s.next_change_at
                  from app_user u
                  join availability_state s on s.account_id = u.account_id and s.user_id = u.id
                 where u.account_id = :account
                   and exists (select 1 from access a where a.user_id = u.id
                                and (cast(:inbox as uuid) is null or a.inbox_id = :inbox))
                   and (cast(:team as uuid) is null or exists (select 1 from team_member tm
                         where tm.account_id = u.account_id and tm.team_id = :team and tm.user_id = u.id))
                   and (:q = '' or u.name ilike '%' || :q || '%' or u.email ilike '%' || :q || '%')
                 order by lower(u.name), u.id""")
                .param("account", accountId).param("inbox", inboxId).param("team", teamId).param("q", q)
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
