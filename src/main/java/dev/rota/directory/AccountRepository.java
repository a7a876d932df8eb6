package dev.rota.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Account a) {
        jdbc.sql("""
                insert into account (id, name, plan, time_zone, keep_manual_away_across_shifts,
                                     default_max_open_conversations, created_at, updated_at)
                values (:id, :name, :plan, :zone, :keep, :max, :created, :updated)""")
                .param("id", a.id()).param("name", a.name()).param("plan", a.plan().name())
                .param("zone", a.timeZone().getId()).param("keep", a.keepManualAwayAcrossShifts())
                .param("max", a.defaultMaxOpenConversations())
                .param("created", Sql.ts(a.createdAt())).param("updated", Sql.ts(a.updatedAt()))
                .update();
    }

    Optional<Account> find(UUID id) {
        return jdbc.sql("select * from account where id = :id").param("id", id).query(AccountRepository::map).optional();
    }

    void update(Account a) {
        jdbc.sql("""
                update account set name = :name, plan = :plan, time_zone = :zone,
                       keep_manual_away_across_shifts = :keep, default_max_open_conversations = :max,
                       updated_at = :updated
                 where id = :id""")
                .param("id", a.id()).param("name", a.name()).param("plan", a.plan().name())
                .param("zone", a.timeZone().getId()).param("keep", a.keepManualAwayAcrossShifts())
                .param("max", a.defaultMaxOpenConversations()).param("updated", Sql.ts(a.updatedAt()))
                .update();
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from account)").query(Boolean.class).single();
    }

    Optional<UUID> findByName(String name) {
        return jdbc.sql("select id from account where name = :name order by created_at limit 1")
                .param("name", name).query(UUID.class).optional();
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(Sql.uuid(rs, "id"), rs.getString("name"), Plan.valueOf(rs.getString("plan")),
                ZoneId.of(rs.getString("time_zone")), rs.getBoolean("keep_manual_away_across_shifts"),
                Sql.nullableInt(rs, "default_max_open_conversations"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
