package dev.rota.ui;

import dev.rota.availability.Status;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The availability-management filters, saved per account (the UI's own table; no other feature's data). */
@Repository
class SavedFilters {

    private static final String VIEW = "AVAILABILITY_MANAGEMENT";

    /** Null fields filter nothing; {@code query} is never null. */
    record Filters(Status status, UUID inboxId, UUID teamId, String query) {

        static final Filters NONE = new Filters(null, null, null, "");

        boolean any() {
            return status != null || inboxId != null || teamId != null || !query.isBlank();
        }
    }

    private final JdbcClient jdbc;

    SavedFilters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Filters load(UUID accountId) {
        Optional<Filters> saved = jdbc.sql("""
                        select status, inbox_id, team_id, query from ui_saved_filter
                        where account_id = :account and view = :view""")
                .param("account", accountId).param("view", VIEW)
                .query((rs, n) -> new Filters(rs.getString("status") == null ? null : Status.valueOf(rs.getString("status")),
                        rs.getObject("inbox_id", UUID.class), rs.getObject("team_id", UUID.class), rs.getString("query")))
                .optional();
        return saved.orElse(Filters.NONE);
    }

    void save(UUID accountId, Filters filters, UUID by, Instant at) {
        jdbc.sql("""
                        insert into ui_saved_filter (account_id, view, status, inbox_id, team_id, query, updated_by, updated_at)
                        values (:account, :view, :status, :inbox, :team, :query, :by, :at)
                        on conflict (account_id, view) do update set status = excluded.status,
                            inbox_id = excluded.inbox_id, team_id = excluded.team_id, query = excluded.query,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .param("account", accountId).param("view", VIEW)
                .param("status", filters.status() == null ? null : filters.status().name())
                .param("inbox", filters.inboxId()).param("team", filters.teamId()).param("query", filters.query())
                .param("by", by).param("at", java.sql.Timestamp.from(at))
                .update();
    }

    void clear(UUID accountId) {
        jdbc.sql("delete from ui_saved_filter where account_id = :account and view = :view")
                .param("account", accountId).param("view", VIEW).update();
    }
}
