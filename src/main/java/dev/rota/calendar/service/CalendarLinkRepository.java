package dev.rota.calendar.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Linked calendars, their sync bookkeeping and leases, and the events written back to CalDAV calendars. */
@Repository
class CalendarLinkRepository {

    /** A link as stored; {@code generation} (its creation instant) tells a replaced link from the one a sync read. */
    record Link(UUID accountId, UUID userId, LinkType type, String url, String username, String passwordEncrypted,
                String etag, String lastModified, String ctag, Instant readAt, String readZone, Instant lastSyncAt, String lastOutcome,
                String lastMessage, int lastWarnings, int consecutiveFailures, Instant nextSyncAt, Instant generation) {
    }

    record Key(UUID accountId, UUID userId) {
    }

    /**
     * What a successful sync leaves behind: the validators to send next time, a note, the warnings count, and the
     * zone the calendar was read in (null when it was not read: not modified).
     */
    record Success(String etag, String lastModified, String ctag, String message, int warnings, String readZone) {
    }

    /** A Rota period written to a CalDAV calendar, as it was written. */
    /** What Rota wrote for a period; {@code zone} is the one its local times were written in (as UTC instants). */
    record Written(UUID periodId, String href, String etag, LocalDateTime start, LocalDateTime endExclusive,
                   boolean wholeDays, String zone) {
    }

    private final JdbcClient jdbc;

    CalendarLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Link> find(UUID accountId, UUID userId) {
        return jdbc.sql("select * from calendar_link where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId).query((rs, row) -> link(rs)).optional();
    }

    /** Inserts or replaces the link; a replaced link starts afresh (validators, outcome, written events). */
    void save(UUID accountId, UUID userId, LinkType type, String url, String username, String passwordEncrypted,
              Instant now) {
        jdbc.sql("delete from calendar_link where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId).update();
        jdbc.sql("""
                insert into calendar_link (account_id, user_id, type, url, username, password_encrypted,
                                           next_sync_at, created_at)
                values (:account, :user, :type, :url, :username, :password, :now, :now)""")
                .param("account", accountId).param("user", userId).param("type", type.name()).param("url", url)
                .param("username", username).param("password", passwordEncrypted).param("now", Timestamp.from(now))
                .update();
    }

    boolean delete(UUID accountId, UUID userId) {
        return jdbc.sql("delete from calendar_link where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId).update() > 0;
    }

    /** Locks the link row if it is still the one of {@code generation}; false when it was unlinked or replaced. */
    boolean lockGeneration(Key key, Instant generation) {
        return jdbc.sql("""
                select 1 from calendar_link
                 where account_id = :account and user_id = :user and created_at = :generation for update""")
                .param("account", key.accountId()).param("user", key.userId())
                .param("generation", Timestamp.from(generation)).query(Integer.class).optional().isPresent();
    }

    /**
     * Claims up to {@code limit} due links that no node is syncing, leasing them until {@code leaseUntil}. Run in a
     * transaction: {@code skip locked} lets nodes claim side by side without waiting on each other.
     */
    List<Key> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Key> due = jdbc.sql("""
                select account_id, user_id from calendar_link
                 where next_sync_at <= :now and (leased_until is null or leased_until <= :now)
                 order by next_sync_at
                 limit :limit
                 for update skip locked""")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, row) -> new Key(rs.getObject("account_id", UUID.class), rs.getObject("user_id", UUID.class)))
                .list();
        for (Key key : due) {
            lease(key, leaseUntil);
        }
        return due;
    }

    /** Takes the lease of one link unless another sync holds it. */
    boolean tryLease(Key key, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                update calendar_link set leased_until = :until
                 where account_id = :account and user_id = :user and (leased_until is null or leased_until <= :now)""")
                .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("account", key.accountId()).param("user", key.userId()).update() > 0;
    }

    private void lease(Key key, Instant leaseUntil) {
        jdbc.sql("update calendar_link set leased_until = :until where account_id = :account and user_id = :user")
                .param("until", Timestamp.from(leaseUntil)).param("account", key.accountId())
                .param("user", key.userId()).update();
    }

    void recordSuccess(Key key, Instant generation, Instant now, Success success, Instant next) {
        jdbc.sql("""
                update calendar_link
                   set etag = :etag, last_modified = :lastModified, ctag = :ctag, last_sync_at = :now,
                       read_at = case when cast(:readZone as text) is null then read_at else :now end,
                       read_zone = coalesce(cast(:readZone as text), read_zone),
                       last_outcome = 'OK', last_message = :message, last_warnings = :warnings,
                       consecutive_failures = 0, next_sync_at = :next, leased_until = null
                 where account_id = :account and user_id = :user and created_at = :generation""")
                .param("etag", success.etag()).param("lastModified", success.lastModified())
                .param("ctag", success.ctag()).param("now", Timestamp.from(now)).param("message", success.message())
                .param("readZone", success.readZone())
                .param("warnings", success.warnings()).param("next", Timestamp.from(next))
                .param("account", key.accountId()).param("user", key.userId())
                .param("generation", Timestamp.from(generation)).update();
    }

    /** Records a failure; the last good validators and periods stay. */
    void recordFailure(Key key, Instant generation, Instant now, String message, Instant next) {
        jdbc.sql("""
                update calendar_link
                   set last_sync_at = :now, last_outcome = 'ERROR', last_message = :message,
                       consecutive_failures = consecutive_failures + 1, next_sync_at = :next, leased_until = null
                 where account_id = :account and user_id = :user and created_at = :generation""")
                .param("now", Timestamp.from(now)).param("message", message).param("next", Timestamp.from(next))
                .param("account", key.accountId()).param("user", key.userId())
                .param("generation", Timestamp.from(generation)).update();
    }

    void releaseLease(Key key) {
        jdbc.sql("update calendar_link set leased_until = null where account_id = :account and user_id = :user")
                .param("account", key.accountId()).param("user", key.userId()).update();
    }

    // ---- write-back

    List<Written> written(UUID accountId, UUID userId) {
        return jdbc.sql("select * from calendar_written_event where account_id = :account and user_id = :user")
                .param("account", accountId).param("user", userId)
                .query((rs, row) -> new Written(rs.getObject("period_id", UUID.class), rs.getString("href"),
                        rs.getString("etag"), rs.getTimestamp("start_local").toLocalDateTime(),
                        rs.getTimestamp("end_local").toLocalDateTime(), rs.getBoolean("whole_days"),
                        rs.getString("time_zone")))
                .list();
    }

    void saveWritten(UUID accountId, UUID userId, Written w) {
        jdbc.sql("""
                insert into calendar_written_event (account_id, period_id, user_id, href, etag, start_local, end_local,
                                                    whole_days, time_zone)
                values (:account, :period, :user, :href, :etag, :start, :end, :whole, :zone)
                on conflict (account_id, period_id) do update
                   set href = excluded.href, etag = excluded.etag, start_local = excluded.start_local,
                       end_local = excluded.end_local, whole_days = excluded.whole_days,
                       time_zone = excluded.time_zone""")
                .param("account", accountId).param("period", w.periodId()).param("user", userId)
                .param("href", w.href()).param("etag", w.etag()).param("start", Timestamp.valueOf(w.start()))
                .param("end", Timestamp.valueOf(w.endExclusive())).param("whole", w.wholeDays())
                .param("zone", w.zone()).update();
    }

    void deleteWritten(UUID accountId, UUID periodId) {
        jdbc.sql("delete from calendar_written_event where account_id = :account and period_id = :period")
                .param("account", accountId).param("period", periodId).update();
    }

    private static Link link(ResultSet rs) throws SQLException {
        return new Link(rs.getObject("account_id", UUID.class), rs.getObject("user_id", UUID.class),
                LinkType.valueOf(rs.getString("type")), rs.getString("url"), rs.getString("username"),
                rs.getString("password_encrypted"), rs.getString("etag"), rs.getString("last_modified"),
                rs.getString("ctag"), instant(rs, "read_at"), rs.getString("read_zone"), instant(rs, "last_sync_at"), rs.getString("last_outcome"),
                rs.getString("last_message"), rs.getInt("last_warnings"), rs.getInt("consecutive_failures"),
                instant(rs, "next_sync_at"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
