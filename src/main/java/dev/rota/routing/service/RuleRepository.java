package dev.rota.routing.service;

import dev.rota.directory.Channel;
import dev.rota.routing.RoutingMode;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.Strategy;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Routing rules per inbox and channel, and the inbox's reassign-after-away setting. */
@Repository
public class RuleRepository {

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ReassignSettings(Integer afterAwayMinutes, boolean includeManual) {
    }

    Optional<RoutingRule> find(UUID accountId, UUID inboxId, Channel channel) {
        return jdbc.sql("select * from routing_rule where account_id = :account and inbox_id = :inbox and channel = :channel")
                .param("account", accountId).param("inbox", inboxId).param("channel", channel.name())
                .query((rs, row) -> map(rs)).optional();
    }

    /**
     * What routing on one inbox channel is built from: the inbox's channels ({@code null}: no such inbox)
     * and the channel's rule (the default one when none was saved).
     */
    record Setup(Set<Channel> channels, RoutingRule rule) {

        boolean routes(Channel channel) {
            return channels != null && channels.contains(channel);
        }
    }

    /** {@link Setup} in one read. */
    Setup setup(UUID accountId, UUID inboxId, Channel channel) {
        return jdbc.sql("""
                select i.channels, r.* from inbox i
                  left join routing_rule r on r.account_id = i.account_id and r.inbox_id = i.id and r.channel = :channel
                 where i.account_id = :account and i.id = :inbox and i.deleted_at is null""")
                .param("account", accountId).param("inbox", inboxId).param("channel", channel.name())
                .query((rs, row) -> {
                    Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
                    for (String name : strings(rs.getArray("channels"))) {
                        channels.add(Channel.valueOf(name));
                    }
                    return new Setup(channels, rs.getString("mode") == null ? Routing.defaultRule() : map(rs));
                }).optional().orElse(new Setup(null, Routing.defaultRule()));
    }

    void save(UUID accountId, UUID inboxId, Channel channel, RoutingRule rule) {
        RoutingRule fallback = rule.fallback();
        jdbc.sql("""
                insert into routing_rule (account_id, inbox_id, channel, mode, user_ids, team_ids, strategy,
                                          fallback_user_ids, fallback_team_ids, fallback_strategy)
                values (:account, :inbox, :channel, :mode, :users, :teams, :strategy, :fusers, :fteams, :fstrategy)
                on conflict (account_id, inbox_id, channel) do update
                   set mode = excluded.mode, user_ids = excluded.user_ids, team_ids = excluded.team_ids,
                       strategy = excluded.strategy, fallback_user_ids = excluded.fallback_user_ids,
                       fallback_team_ids = excluded.fallback_team_ids, fallback_strategy = excluded.fallback_strategy""")
                .param("account", accountId).param("inbox", inboxId).param("channel", channel.name())
                .param("mode", rule.mode().name()).param("users", uuids(rule.userIds()))
                .param("teams", uuids(rule.teamIds()))
                .param("strategy", rule.strategy() == null ? null : rule.strategy().name())
                .param("fusers", fallback == null ? null : uuids(fallback.userIds()))
                .param("fteams", fallback == null ? null : uuids(fallback.teamIds()))
                .param("fstrategy", fallback == null || fallback.strategy() == null ? null : fallback.strategy().name())
                .update();
    }

    ReassignSettings reassign(UUID accountId, UUID inboxId) {
        return jdbc.sql("select reassign_after_away_minutes, reassign_manual from inbox where account_id = :account and id = :inbox")
                .param("account", accountId).param("inbox", inboxId)
                .query((rs, row) -> {
                    int minutes = rs.getInt(1);
                    return new ReassignSettings(rs.wasNull() ? null : minutes, rs.getBoolean(2));
                }).optional().orElse(new ReassignSettings(null, false));
    }

    void saveReassign(UUID accountId, UUID inboxId, ReassignSettings s) {
        jdbc.sql("update inbox set reassign_after_away_minutes = :minutes, reassign_manual = :manual where account_id = :account and id = :inbox")
                .param("minutes", s.afterAwayMinutes()).param("manual", s.includeManual())
                .param("account", accountId).param("inbox", inboxId).update();
    }

    /** How {@link RoutingRule#ALL_MEMBERS} is stored among user ids: the nil UUID, which no user has. */
    private static final UUID ALL_MEMBERS = new UUID(0, 0);

    private static UUID[] uuids(Set<String> ids) {
        return ids.stream().map(id -> id.equals(RoutingRule.ALL_MEMBERS) ? ALL_MEMBERS : UUID.fromString(id))
                .toArray(UUID[]::new);
    }

    private static RoutingRule map(ResultSet rs) throws SQLException {
        RoutingMode mode = RoutingMode.valueOf(rs.getString("mode"));
        return switch (mode) {
            case NONE -> RoutingRule.none();
            case SPECIFIC -> RoutingRule.specific(strings(rs.getArray("user_ids")), strings(rs.getArray("team_ids")),
                    Strategy.valueOf(rs.getString("strategy")));
            case CONTACT_OWNER -> {
                Array fallbackUsers = rs.getArray("fallback_user_ids");
                RoutingRule fallback = fallbackUsers == null ? null : RoutingRule.specific(strings(fallbackUsers),
                        strings(rs.getArray("fallback_team_ids")), Strategy.valueOf(rs.getString("fallback_strategy")));
                yield RoutingRule.contactOwner(fallback);
            }
        };
    }

    private static Set<String> strings(Array array) throws SQLException {
        Set<String> result = new LinkedHashSet<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                result.add(ALL_MEMBERS.equals(o) ? RoutingRule.ALL_MEMBERS : o.toString());
            }
        }
        return result;
    }

    /** "inbox name (CHANNEL)" of each rule naming the team, itself or as its fallback's. */
    java.util.List<String> usingTeam(UUID accountId, UUID teamId) {
        return jdbc.sql("""
                select i.name || ' (' || r.channel || ')' from routing_rule r
                  join inbox i on i.account_id = r.account_id and i.id = r.inbox_id
                 where r.account_id = :account and i.deleted_at is null -- an archived inbox routes nothing
                   and (cast(:team as uuid) = any(r.team_ids) or cast(:team as uuid) = any(coalesce(r.fallback_team_ids, '{}')))
                 order by i.name, r.channel""")
                .param("account", accountId).param("team", teamId).query(String.class).list();
    }
}
