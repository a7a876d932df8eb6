package dev.rota.webhooks;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Endpoints and deliveries. Deliveries are inserted by the database's triggers, never here. */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delivery claimed for one attempt, with what sending it needs. */
    record Claimed(Delivery delivery, URI url, String sealedSecret, UUID claim) {
    }

    void insert(Webhook w, String sealedSecret) {
        jdbc.sql("""
                insert into webhook_endpoint (account_id, id, url, description, events, sealed_secret, active,
                                              created_at, updated_at)
                values (:account, :id, :url, :description, :events, :secret, :active, :created, :updated)""")
                .param("account", w.accountId()).param("id", w.id()).param("url", w.url().toString())
                .param("description", w.description()).param("events", w.events().toArray(String[]::new))
                .param("secret", sealedSecret).param("active", w.active()).param("created", ts(w.createdAt()))
                .param("updated", ts(w.updatedAt())).update();
    }

    /** The endpoint, locked for a change. */
    Optional<Webhook> lock(UUID accountId, UUID id) {
        return jdbc.sql("select * from webhook_endpoint where account_id = :account and id = :id for update")
                .param("account", accountId).param("id", id).query(WebhookRepository::webhook).optional();
    }

    Optional<Webhook> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from webhook_endpoint where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(WebhookRepository::webhook).optional();
    }

    List<Webhook> list(UUID accountId, int limit, int offset) {
        return jdbc.sql("""
                select * from webhook_endpoint where account_id = :account
                 order by created_at, id limit :limit offset :offset""")
                .param("account", accountId).param("limit", limit).param("offset", offset)
                .query(WebhookRepository::webhook).list();
    }

    /** Serializes creations within an account, so its count of endpoints holds. */
    void lockAccount(UUID accountId) {
        jdbc.sql("select id from account where id = :account for no key update").param("account", accountId)
                .query(UUID.class).optional();
    }

    long count(UUID accountId) {
        return jdbc.sql("select count(*) from webhook_endpoint where account_id = :account")
                .param("account", accountId).query(Long.class).single();
    }

    void update(Webhook w) {
        jdbc.sql("""
                update webhook_endpoint set url = :url, description = :description, events = :events,
                       active = :active, paused_until = :paused, updated_at = :updated,
                       consecutive_failures = case when cast(:paused as timestamptz) is null then 0
                                                   else consecutive_failures end
                 where account_id = :account and id = :id""")
                .param("account", w.accountId()).param("id", w.id()).param("url", w.url().toString())
                .param("description", w.description()).param("events", w.events().toArray(String[]::new))
                .param("active", w.active()).param("paused", ts(w.pausedUntil())).param("updated", ts(w.updatedAt()))
                .update();
    }

    void updateSecret(UUID accountId, UUID id, String sealedSecret, Instant at) {
        jdbc.sql("""
                update webhook_endpoint set sealed_secret = :secret, updated_at = :at
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("secret", sealedSecret).param("at", ts(at))
                .update();
    }

    boolean delete(UUID accountId, UUID id) {
        return jdbc.sql("delete from webhook_endpoint where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update() > 0;
    }

    List<Delivery> deliveries(UUID accountId, UUID endpointId, Delivery.State state, int limit, int offset) {
        return jdbc.sql("""
                select * from webhook_delivery
                 where account_id = :account and endpoint_id = :endpoint
                   and (cast(:state as text) is null or state = cast(:state as text))
                 order by id desc limit :limit offset :offset""")
                .param("account", accountId).param("endpoint", endpointId)
                .param("state", state == null ? null : state.name()).param("limit", limit).param("offset", offset)
                .query(WebhookRepository::delivery).list();
    }

    long countDeliveries(UUID accountId, UUID endpointId, Delivery.State state) {
        return jdbc.sql("""
                select count(*) from webhook_delivery
                 where account_id = :account and endpoint_id = :endpoint
                   and (cast(:state as text) is null or state = cast(:state as text))""")
                .param("account", accountId).param("endpoint", endpointId)
                .param("state", state == null ? null : state.name()).query(Long.class).single();
    }

    Optional<Delivery> delivery(UUID accountId, UUID endpointId, long id) {
        return jdbc.sql("""
                select * from webhook_delivery where account_id = :account and endpoint_id = :endpoint and id = :id""")
                .param("account", accountId).param("endpoint", endpointId).param("id", id)
                .query(WebhookRepository::delivery).optional();
    }

    /**
     * Makes a delivery due now again, with a fresh count of attempts, and ends its endpoint's pause; false while an
     * attempt is under way.
     */
    boolean retry(UUID accountId, UUID endpointId, long id, Instant now) {
        unpause(accountId, endpointId);
        return jdbc.sql("""
                update webhook_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now, claim = null
                 where account_id = :account and endpoint_id = :endpoint and id = :id
                   and (state <> 'PENDING' or claim is null or next_attempt_at <= :now)""")
                .param("account", accountId).param("endpoint", endpointId).param("id", id).param("now", ts(now))
                .update() > 0;
    }

    private void unpause(UUID accountId, UUID endpointId) {
        jdbc.sql("""
                update webhook_endpoint set paused_until = null, consecutive_failures = 0
                 where account_id = :account and id = :endpoint""")
                .param("account", accountId).param("endpoint", endpointId).update();
    }

    /** Makes every failed delivery of the endpoint due now again, with fresh counts, and ends its pause; how many. */
    int retryFailed(UUID accountId, UUID endpointId, Instant now) {
        unpause(accountId, endpointId);
        return jdbc.sql("""
                update webhook_delivery set state = 'PENDING', attempts = 0, next_attempt_at = :now, claim = null
                 where account_id = :account and endpoint_id = :endpoint and state = 'FAILED'""")
                .param("account", accountId).param("endpoint", endpointId).param("now", ts(now)).update();
    }

    /**
     * Claims up to {@code limit} due deliveries of active endpoints for one attempt each: counts the attempt and
     * moves the next one to {@code leaseUntil}, so no other node takes them while this one sends, and a node that
     * dies mid-attempt only delays them. Oldest first.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        UUID claim = UUID.randomUUID();
        return jdbc.sql("""
                with due as (
                    select d.account_id, d.id from webhook_delivery d
                      join webhook_endpoint w on w.account_id = d.account_id and w.id = d.endpoint_id and w.active
                                            and (w.paused_until is null or w.paused_until <= :now)
                     where d.state = 'PENDING' and d.next_attempt_at <= :now
                     order by d.next_attempt_at, d.id
                     limit :limit
                       for update of d skip locked)
                update webhook_delivery d
                   set attempts = d.attempts + 1, next_attempt_at = :lease, last_attempt_at = :now, claim = :claim
                  from due, webhook_endpoint w
                 where d.account_id = due.account_id and d.id = due.id
                   and w.account_id = d.account_id and w.id = d.endpoint_id
                returning d.*, w.url as endpoint_url, w.sealed_secret""")
                .param("now", ts(now)).param("lease", ts(leaseUntil)).param("limit", limit).param("claim", claim)
                .query((rs, n) -> new Claimed(delivery(rs, n), URI.create(rs.getString("endpoint_url")),
                        rs.getString("sealed_secret"), claim))
                .list();
    }

    /**
     * The outcome of a claimed attempt: delivered, failed for good ({@code next == null}), or due again at
     * {@code next}. Ignored when the claim is no longer this attempt's (its lease ran out and another took it).
     */
    void record(Claimed c, boolean delivered, Instant now, Instant next, Integer status, String error) {
        String state = delivered ? "DELIVERED" : next == null ? "FAILED" : "PENDING";
        // one statement, so one round trip and one commit per attempt: the delivery's outcome, and the endpoint's
        // pause, which a delivery that got through ends and a failure starts, longer with each in a row
        jdbc.sql("""
                with outcome as (
                    update webhook_delivery
                       set state = :state, next_attempt_at = :next, claim = null, last_status = :status,
                           last_error = :error, delivered_at = :delivered
                     where account_id = :account and id = :id and claim = :claim)
                update webhook_endpoint
                   set consecutive_failures = case when :ok then 0 else consecutive_failures + 1 end,
                       paused_until = case when :ok then null
                                           else greatest(coalesce(paused_until, :now), :now + least(
                                                interval '10 seconds' * power(2, least(consecutive_failures, 10)),
                                                interval '5 minutes')) end
                 where account_id = :account and id = :endpoint
                   and (not :ok or consecutive_failures > 0 or paused_until is not null)""")
                .param("state", state).param("next", delivered ? null : ts(next)).param("status", status)
                .param("error", error).param("delivered", delivered ? ts(now) : null)
                .param("ok", delivered).param("now", ts(now))
                .param("account", c.delivery().accountId()).param("id", c.delivery().id())
                .param("endpoint", c.delivery().endpointId()).param("claim", c.claim())
                .update();
    }

    /** Deletes up to {@code limit} deliveries that are done and were made before {@code before}; how many. */
    int prune(Instant before, int limit) {
        return jdbc.sql("""
                delete from webhook_delivery where (account_id, id) in (
                    select account_id, id from webhook_delivery
                     where created_at < :before and state <> 'PENDING'
                     order by created_at limit :limit)""")
                .param("before", ts(before)).param("limit", limit).update();
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        Object[] events = (Object[]) rs.getArray("events").getArray();
        return new Webhook(rs.getObject("account_id", UUID.class), rs.getObject("id", UUID.class),
                URI.create(rs.getString("url")), rs.getString("description"),
                Arrays.stream(events).map(String.class::cast).toList(), rs.getBoolean("active"),
                instant(rs, "paused_until"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getObject("account_id", UUID.class), rs.getLong("id"),
                rs.getObject("endpoint_id", UUID.class), rs.getString("event"), rs.getLong("event_id"),
                rs.getString("payload"), instant(rs, "created_at"), Delivery.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), lastStatus,
                rs.getString("last_error"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
