package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A manager's changes to agents (seat, limit, active) while conversations pour in: each goes through. They once
 * deadlocked with the ingest statement (its foreign-key check of the assignee against the change's user row lock),
 * and one in four answered 409.
 */
class AdminChangesUnderLoadTest extends IntegrationTest {

    @Test
    void seat_limit_and_active_changes_go_through_while_conversations_are_assigned() throws Exception {
        Tenant t = newTenant();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(t.user("Agent " + i));
        }
        String inbox = t.inbox("Busy", List.of("CHAT"), agents, List.of());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger posted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> posters = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            posters.add(pool.submit(() -> {
                while (!stop.get()) {
                    Api.Response r = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                            "externalId", "load-" + posted.incrementAndGet()));
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                }
                return null;
            }));
        }
        List<String> refused = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                String agent = agents.get(i % agents.size());
                Map<String, Object> change = switch (i % 4) {
                    case 0 -> Map.of("seat", "NONE");
                    case 1 -> Map.of("seat", "SERVICE");
                    case 2 -> Map.of("maxOpenConversations", 1000 + i);
                    default -> Map.of("active", i % 8 != 3);
                };
                Api.Response r = t.admin.patch("/api/v1/users/" + agent, change);
                if (r.status() != 200) {
                    refused.add(change + " -> " + r);
                }
            }
        } finally {
            stop.set(true);
            for (Future<?> f : posters) {
                f.get();
            }
            pool.shutdown();
        }
        assertThat(posted.get()).isGreaterThan(100);
        assertThat(refused).isEmpty();
    }
}
