package dev.rota.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InboxRepository {

    private static final String SELECT = """
            select i.*,
                   array(select m.user_id from inbox_member_user m
                          where m.account_id = i.account_id and m.inbox_id = i.id order by m.user_id) as user_ids,
                   array(select m.team_id from inbox_member_team m
                          where m.account_id = i.account_id and m.inbox_id = i.id order by m.team_id) as team_ids
              from inbox i""";

    private final JdbcClient jdbc;

    InboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Inbox inbox) {
        jdbc.sql("insert into inbox (account_id, id, name, channels, created_at) values (:account, :id, :name, :channels, :created)")
                .param("account", inbox.accountId()).param("id", inbox.id()).param("name", inbox.name())
                .param("channels", Sql.names(inbox.channels())).param("created", Sql.ts(inbox.createdAt())).update();
        replaceMembers(inbox);
    }

    void update(Inbox inbox) {
        jdbc.sql("update inbox set name = :name, channels = :channels where account_id = :account and id = :id")
                .param("account", inbox.accountId()).param("id", inbox.id()).param("name", inbox.name())
                .param("channels", Sql.names(inbox.channels())).update();
        replaceMembers(inbox);
    }

    private void replaceMembers(Inbox inbox) {
        jdbc.sql("delete from inbox_member_user where account_id = :account and inbox_id = :inbox")
                .param("account", inbox.accountId()).param("inbox", inbox.id()).update();
        jdbc.sql("delete from inbox_member_team where account_id = :account and inbox_id = :inbox")
                .param("account", inbox.accountId()).param("inbox", inbox.id()).update();
        jdbc.sql("""
                insert into inbox_member_user (account_id, inbox_id, user_id)
                select :account, :inbox, u from unnest(:ids) as u on conflict do nothing""")
                .param("account", inbox.accountId()).param("inbox", inbox.id())
                .param("ids", inbox.memberUserIds().toArray(UUID[]::new)).update();
        jdbc.sql("""
                insert into inbox_member_team (account_id, inbox_id, team_id)
                select :account, :inbox, t from unnest(:ids) as t on conflict do nothing""")
                .param("account", inbox.accountId()).param("inbox", inbox.id())
                .param("ids", inbox.memberTeamIds().toArray(UUID[]::new)).update();
    }

    void archive(UUID accountId, UUID id, java.time.Instant at) {
        jdbc.sql("update inbox set deleted_at = :at where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).param("at", Sql.ts(at)).update();
    }

    Optional<Inbox> find(UUID accountId, UUID id) {
        return jdbc.sql(SELECT + " where i.account_id = :account and i.id = :id and i.deleted_at is null")
                .param("account", accountId).param("id", id).query(InboxRepository::map).optional();
    }


    /** Names of these inboxes, archived ones too (a conversation outlives its inbox). */
    List<Inboxes.Label> labels(UUID accountId, java.util.Collection<UUID> ids) {
        return jdbc.sql("select id, name, deleted_at is not null as archived from inbox where account_id = :account and id = any(:ids)")
                .param("account", accountId).param("ids", ids.toArray(UUID[]::new))
                .query((rs, row) -> new Inboxes.Label(Sql.uuid(rs, "id"), rs.getString("name"), rs.getBoolean("archived")))
                .list();
    }

    List<Inbox> list(UUID accountId, int limit, int offset) {
        return jdbc.sql(SELECT + " where i.account_id = :account and i.deleted_at is null order by lower(i.name), i.id limit :limit offset :offset")
                .param("account", accountId).param("limit", limit).param("offset", offset)
                .query(InboxRepository::map).list();
    }

    long count(UUID accountId) {
        return jdbc.sql("select count(*) from inbox where account_id = :account and deleted_at is null")
                .param("account", accountId).query(Long.class).single();
    }

    static Inbox map(ResultSet rs, int row) throws SQLException {
        return new Inbox(Sql.uuid(rs, "account_id"), Sql.uuid(rs, "id"), rs.getString("name"),
                Sql.enumSet(rs, "channels", Channel.class), Sql.uuids(rs, "user_ids"), Sql.uuids(rs, "team_ids"),
                Sql.instant(rs, "created_at"));
    }
}
