package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.Node;
import dev.rota.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Changes the clock reached while nothing was running are recorded once, at their own instants. */
class DowntimeCatchUpTest {

    /** Monday 2026-03-02 07:00Z = 08:00 in Amsterdam (UTC+1). */
    static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T07:00:00Z");

    @TempDir
    Path dir;

    private static String agentWithOfficeHours(Api admin) {
        String id = admin.post("/api/v1/users", Map.of("email", "agent@downtime.test", "name", "Agent")).id();
        admin.put("/api/v1/users/" + id + "/working-hours", Map.of("timeZone", "Europe/Amsterdam", "ranges", List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "17:00"),
                Map.of("day", "TUESDAY", "start", "09:00", "end", "17:00"))));
        return id;
    }

    private static List<String> clockEvents(JdbcClient jdbc, String userId) {
        return jdbc.sql("select at, new_status from status_event where user_id = :user and cause = 'CLOCK' order by at, id")
                .param("user", java.util.UUID.fromString(userId))
                .query((rs, row) -> rs.getTimestamp("at").toInstant() + " " + rs.getString("new_status")).list();
    }

    @Test
    void changes_missed_while_the_service_was_stopped_are_recorded_once_on_start() throws Exception {
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"))) {
            String user;
            String token;
            try (Node first = new Node(db.jdbcUrl(), MONDAY_MORNING, Map.of())) {
                Api admin = first.newAccount();
                token = admin.token();
                user = agentWithOfficeHours(admin);
            }
            Instant tuesdayLunch = Instant.parse("2026-03-03T12:00:00Z");
            List<String> expected = List.of("2026-03-02T08:00:00Z AVAILABLE", "2026-03-02T16:00:00Z AWAY",
                    "2026-03-03T08:00:00Z AVAILABLE");
            try (Node second = new Node(db.jdbcUrl(), tuesdayLunch, Map.of())) {
                JdbcClient jdbc = second.bean(JdbcClient.class);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(clockEvents(jdbc, user)).containsExactlyElementsOf(expected));
                Api.Response now = second.anonymous().as(token).get("/api/v1/users/" + user + "/availability");
                assertThat(now.text("status")).isEqualTo("AVAILABLE");
            }
            try (Node third = new Node(db.jdbcUrl(), tuesdayLunch, Map.of())) {
                Thread.sleep(1_500);
                assertThat(clockEvents(third.bean(JdbcClient.class), user)).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void when_postgresql_restarts_under_the_service_it_reconnects_and_catches_up_once() throws Exception {
        try (TestDatabase db = new TestDatabase(dir.resolve("pg2"));
             Node node = new Node(db.jdbcUrl(), MONDAY_MORNING, Map.of())) {
            Api admin = node.newAccount();
            String user = agentWithOfficeHours(admin);
            JdbcClient jdbc = node.bean(JdbcClient.class);

            db.stop();
            node.clock.set(Instant.parse("2026-03-02T08:00:05Z"));   // the shift starts while the database is down
            Thread.sleep(2_000);
            Api.Response health = node.anonymous().get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.text("status")).isEqualTo("DOWN");
            db.startAgain();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(clockEvents(jdbc, user)).containsExactly("2026-03-02T08:00:00Z AVAILABLE"));
            Thread.sleep(1_000);
            assertThat(clockEvents(jdbc, user)).containsExactly("2026-03-02T08:00:00Z AVAILABLE");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(node.anonymous().get("/actuator/health").text("status")).isEqualTo("UP"));
            List<String> statuses = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                statuses.clear();
                statuses.add(admin.get("/api/v1/users/" + user + "/availability").text("status"));
                assertThat(statuses).containsExactly("AVAILABLE");
            });
        }
    }
}
