package dev.rota.routing.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who belongs to an inbox (directly or through a team) and which active users a team stands for. */
@Repository
class Membership {

    private final JdbcClient jdbc;

    Membership(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<UUID> inboxMembers(UUID accountId, UUID inboxId) {
        return new LinkedHashSet<>(jdbc.sql("""
                select user_id from inbox_member_user where account_id = :account and inbox_id = :inbox
                union
                select tm.user_id from inbox_member_team mt
                  join team_member tm on tm.account_id = mt.account_id and tm.team_id = mt.team_id
                 where mt.account_id = :account and mt.inbox_id = :inbox
                order by 1""")
                .param("account", accountId).param("inbox", inboxId).query(UUID.class).list());
    }

    /** Active members of the given teams of the account. */
    Set<UUID> activeTeamMembers(UUID accountId, Collection<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(jdbc.sql("""
                select distinct tm.user_id from team_member tm
                  join app_user u on u.account_id = tm.account_id and u.id = tm.user_id and u.active
                 where tm.account_id = :account and tm.team_id = any(:teams) order by 1""")
                .param("account", accountId).param("teams", teamIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    /** Inboxes (not archived) that any of these users belongs to, and that have a waiting conversation. */
    List<ConversationRepository.InboxRef> inboxesWithQueueFor(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with access as (
                    select m.account_id, m.inbox_id from inbox_member_user m where m.user_id = any(:users)
                    union
                    select mt.account_id, mt.inbox_id from inbox_member_team mt
                      join team_member tm on tm.account_id = mt.account_id and tm.team_id = mt.team_id
                     where tm.user_id = any(:users))
                select a.account_id, a.inbox_id from access a
                 where exists (select 1 from conversation c where c.account_id = a.account_id and c.inbox_id = a.inbox_id
                                and c.status = 'OPEN' and c.assignee_id is null)""")
                .param("users", userIds.toArray(UUID[]::new))
                .query((rs, row) -> new ConversationRepository.InboxRef(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class))).list();
    }

    /**
     * Whether a member of the inbox (directly or through a team) came back after {@code cutoff}: became Available, or
     * may take conversations they could not before (a paid seat, reactivated, a higher limit: {@link #markJoined}).
     */
    boolean someoneCameBack(UUID accountId, UUID inboxId, java.time.Instant cutoff) {
        return jdbc.sql("""
                select exists (
                    select 1 from (select s.user_id from availability_state s
                                    where s.account_id = :account and s.status = 'AVAILABLE' and s.since > :cutoff
                                   union all
                                   select j.user_id from routing_settle j
                                    where j.account_id = :account and j.at > :cutoff) back
                     where exists (select 1 from inbox_member_user m where m.account_id = :account
                                      and m.inbox_id = :inbox and m.user_id = back.user_id)
                        or exists (select 1 from inbox_member_team mt
                                     join team_member tm on tm.account_id = mt.account_id and tm.team_id = mt.team_id
                                    where mt.account_id = :account and mt.inbox_id = :inbox
                                      and tm.user_id = back.user_id))""")
                .param("account", accountId).param("inbox", inboxId).param("cutoff", java.sql.Timestamp.from(cutoff))
                .query(Boolean.class).single();
    }

    /**
     * Records, in the transaction that made it, that the user may take conversations they could not before: a drain
     * on any node that reads them as eligible then also sees this, and leaves the backlog to the drain after the
     * settle, when the others who came back with them are there too.
     */
    void markJoined(UUID accountId, UUID userId, java.time.Instant at) {
        jdbc.sql("""
                insert into routing_settle (account_id, user_id, at) values (:account, :user, :at)
                on conflict (account_id, user_id) do update set at = excluded.at""")
                .param("account", accountId).param("user", userId).param("at", java.sql.Timestamp.from(at)).update();
    }
}
