package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * QA (round M): a claim that waited for a change of the user (which holds their state) rechecked their state as it was
 * then, but their limit, seat and activity as in its snapshot: a limit lowered by that very change was missed, and the
 * user got a conversation past it. The claim reads those terms under a share lock now, so it sees what it waited for.
 */
class ClaimTermsTest extends IntegrationTest {

    @Autowired
    LoadRepository loads;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_claim_that_waited_for_a_change_of_the_users_terms_sees_it() throws Exception {
        for (String kind : List.of("limit", "seat", "active")) {
            Tenant t = newTenant();
            UUID account = UUID.fromString(t.accountId);
            String ann = t.user("Ann", Map.of("maxOpenConversations", 5));
            String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
            Api.Response first = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                    "externalId", kind + "-1"));
            assertThat(first.text("assigneeId")).isEqualTo(ann); // her row exists, with one open

            try (Connection change = dataSource.getConnection()) {
                changeUncommitted(change, kind, account, UUID.fromString(ann));
                // a claim starts now, with a snapshot from before that change, and waits for it
                CompletableFuture<java.util.Optional<LoadRepository.Claimed>> claim = CompletableFuture.supplyAsync(
                        () -> transactions.execute(s -> loads.claim(account, UUID.fromString(ann), true,
                                clock.instant())));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingFor("update user_load"));
                change.commit();
                // it must see the change it waited for: no place past the new limit, none without a seat or when inactive
                assertThat(claim.get()).as(kind).isEmpty();
            }
        }
    }

    /** The same for a batch of new conversations: its one statement grants the places (LoadRepository#GRANT). */
    @Test
    void a_new_conversation_that_waited_for_a_change_of_the_users_terms_sees_it() throws Exception {
        for (String kind : List.of("limit", "seat", "active")) {
            Tenant t = newTenant();
            UUID account = UUID.fromString(t.accountId);
            String ann = t.user("Ann", Map.of("maxOpenConversations", 5));
            String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
            assertThat(t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                    "externalId", kind + "-1")).text("assigneeId")).isEqualTo(ann);
            try (Connection change = dataSource.getConnection()) {
                changeUncommitted(change, kind, account, UUID.fromString(ann));
                CompletableFuture<Api.Response> posted = CompletableFuture.supplyAsync(() -> t.admin.post(
                        "/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", kind + "-2")));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingFor("with go as")); // the batch statement (its text is cut at 1 kB)
                change.commit();
                Api.Response second = posted.get();
                assertThat(second.status()).isEqualTo(201);
                assertThat(second.text("assigneeId")).as(kind + ": " + second).isNull();
            }
        }
    }

    /**
     * Changes the user's limit (to 1), seat (to none) or activity (to inactive) on {@code change}, left uncommitted,
     * holding their state as every change of a user does (their availability is worked out again with it).
     */
    private static void changeUncommitted(Connection change, String kind, UUID account, UUID user) throws Exception {
        change.setAutoCommit(false);
        try (PreparedStatement update = change.prepareStatement("update app_user set " + switch (kind) {
            case "limit" -> "max_open_conversations = 1";
            case "seat" -> "seat = 'NONE'";
            default -> "active = false";
        } + " where account_id = ? and id = ?");
             PreparedStatement state = change.prepareStatement(
                     "select 1 from availability_state where account_id = ? and user_id = ? for update")) {
            for (PreparedStatement st : List.of(update, state)) {
                st.setObject(1, account);
                st.setObject(2, user);
                st.execute();
            }
        }
    }

    /** Whether a statement with this text waits for a lock now. */
    private boolean waitingFor(String text) {
        return jdbc.sql("""
                select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock' and query ilike :q)""")
                .param("q", "%" + text + "%").query(Boolean.class).single();
    }
}
