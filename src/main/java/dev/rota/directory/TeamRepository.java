package dev.rota.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TeamRepository {

    private static final String SELECT = """
            select t.*, array(select m.user_id from team_member m
                               where m.account_id = t.account_id and m.team_id = t.id order by m.user_id) as member_ids
              from team t""";

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Team t) {
        jdbc.sql("insert into team (account_id, id, name, parent_id, created_at) values (:account, :id, :name, :parent, :created)")
                .param("account", t.accountId()).param("id", t.id()).param("name", t.name())
                .param("parent", t.parentId()).param("created", Sql.ts(t.createdAt())).update();
        replaceMembers(t.accountId(), t.id(), t.memberIds());
    }

    void update(Team t) {
        jdbc.sql("update team set name = :name, parent_id = :parent where account_id = :account and id = :id")
                .param("account", t.accountId()).param("id", t.id()).param("name", t.name())
                .param("parent", t.parentId()).update();
        replaceMembers(t.accountId(), t.id(), t.memberIds());
    }

    private void replaceMembers(UUID accountId, UUID teamId, List<UUID> memberIds) {
        jdbc.sql("delete from team_member where account_id = :account and team_id = :team")
                .param("account", accountId).param("team", teamId).update();
        jdbc.sql("""
                insert into team_member (account_id, team_id, user_id)
                select :account, :team, u from unnest(:users) as u on conflict do nothing""")
                .param("account", accountId).param("team", teamId)
                .param("users", memberIds.toArray(UUID[]::new)).update();
    }

    /** Locks the team against anyone naming it until the transaction ends; false when it does not exist. */
    boolean lockForDelete(UUID accountId, UUID id) {
        return !jdbc.sql("select id from team where account_id = :account and id = :id for update")
                .param("account", accountId).param("id", id).query(UUID.class).list().isEmpty();
    }

    void delete(UUID accountId, UUID id) {
        jdbc.sql("update team set parent_id = null where account_id = :account and parent_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from team where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<Team> find(UUID accountId, UUID id) {
        return jdbc.sql(SELECT + " where t.account_id = :account and t.id = :id")
                .param("account", accountId).param("id", id).query(TeamRepository::map).optional();
    }

    List<Team> list(UUID accountId, int limit, int offset) {
        return jdbc.sql(SELECT + " where t.account_id = :account order by lower(t.name), t.id limit :limit offset :offset")
                .param("account", accountId).param("limit", limit).param("offset", offset)
                .query(TeamRepository::map).list();
    }

    /** Id and name of the account's teams, without their members (for pickers and filters). */
    List<Teams.Summary> summaries(UUID accountId, int limit) {
        return jdbc.sql("select id, name from team where account_id = :account order by lower(name), id limit :limit")
                .param("account", accountId).param("limit", limit)
                .query((rs, row) -> new Teams.Summary(rs.getObject("id", UUID.class), rs.getString("name"))).list();
    }

    long count(UUID accountId) {
        return jdbc.sql("select count(*) from team where account_id = :account")
                .param("account", accountId).query(Long.class).single();
    }

    List<UUID> existing(UUID accountId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // locked until the caller's transaction ends: a check before naming the teams must not race their deletion
        return jdbc.sql("select id from team where account_id = :account and id = any(:ids) for key share")
                .param("account", accountId).param("ids", ids.toArray(UUID[]::new)).query(UUID.class).list();
    }

    /** The ids among {@code ids}, in their order, that name nothing in the account (unknown or another account's). */
    List<UUID> missing(UUID accountId, List<UUID> ids) {
        List<UUID> existing = existing(accountId, ids);
        return ids.stream().filter(id -> !existing.contains(id)).toList();
    }

    /** The chain of ancestors of a team, nearest first (used to refuse cycles). */
    List<UUID> ancestors(UUID accountId, UUID teamId) {
        return jdbc.sql("""
                with recursive up(id, parent_id, depth) as (
                    select id, parent_id, 0 from team where account_id = :account and id = :team
                    union all
                    select t.id, t.parent_id, up.depth + 1 from team t join up on t.id = up.parent_id
                     where t.account_id = :account and up.depth < 1000)
                select id from up where depth > 0 order by depth""")
                .param("account", accountId).param("team", teamId).query(UUID.class).list();
    }

    List<UUID> teamIdsOf(UUID accountId, UUID userId) {
        return jdbc.sql("select team_id from team_member where account_id = :account and user_id = :user order by team_id")
                .param("account", accountId).param("user", userId).query(UUID.class).list();
    }

    static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(Sql.uuid(rs, "account_id"), Sql.uuid(rs, "id"), rs.getString("name"),
                Sql.uuid(rs, "parent_id"), Sql.uuids(rs, "member_ids"), Sql.instant(rs, "created_at"));
    }
}
