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

/**
 * Several service nodes on one database record each change reached by the clock exactly once,
 * also when one of them is stopped in the middle of the work.
 */
class ClusterBoundaryTest {

    /** Monday 2026-03-02 07:00 UTC = 08:00 Amsterdam; hours start at 09:00 = 08:00Z. */
    static final Instant BEFORE = Instant.parse("2026-03-02T07:00:00Z");
    static final Instant SHIFT_START = Instant.parse("2026-03-02T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void two_nodes_record_every_shift_start_once_even_when_one_dies_mid_run() throws Exception {
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"))) {
            Map<String, Object> smallBatches = Map.of("rota.boundary.batch-size", "20", "rota.boundary.threads", "2");
            Node a = new Node(db.jdbcUrl() + "?ApplicationName=node-a", BEFORE, smallBatches);
            try (Node b = new Node(db.jdbcUrl(), BEFORE, smallBatches)) {
                Api admin = a.newAccount();
                List<String> users = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String id = admin.post("/api/v1/users", Map.of("email", "agent" + i + "@cluster.test",
                            "name", "Agent " + i)).id();
                    users.add(id);
                }
                for (String id : users) {
                    assertThat(admin.put("/api/v1/users/" + id + "/working-hours", Map.of("timeZone", "Europe/Amsterdam",
                            "ranges", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00")))).status())
                            .isEqualTo(200);
                }

                Instant after = SHIFT_START.plusSeconds(1);
                a.clock.set(after);
                b.clock.set(after);
                Thread.sleep(150);
                // node A dies while working through the batches: its connections are cut, open transactions
                // (and the rows they claimed) are rolled back, then the process is gone
                JdbcClient jdbc = b.bean(JdbcClient.class);
                jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'node-a'")
                        .query(Long.class).single();
                a.close();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select count(*) from status_event where cause = 'CLOCK' and at = :at")
                        .param("at", java.sql.Timestamp.from(SHIFT_START)).query(Long.class).single())
                        .isEqualTo(300L));
                Thread.sleep(1_000);
                assertThat(jdbc.sql("""
                        select count(*) from (select user_id from status_event where cause = 'CLOCK'
                                               group by user_id, at having count(*) > 1) dup""")
                        .query(Long.class).single()).isZero();
                assertThat(jdbc.sql("select count(*) from availability_state where status = 'AVAILABLE' and reason = 'WORKING_HOURS'")
                        .query(Long.class).single()).isEqualTo(300L);
                // the same token works on the other node: the history shows the one change, at the boundary
                tools.jackson.databind.JsonNode history = b.anonymous().as(admin.token())
                        .get("/api/v1/users/" + users.get(0) + "/status-history?from=2026-03-01T00:00:00Z").body();
                assertThat(history.findValuesAsString("cause")).containsExactly("CREATED", "SCHEDULE", "CLOCK");
                assertThat(history.get(2).get("at").asString()).isEqualTo("2026-03-02T08:00:00Z");
            } finally {
                a.close();
            }
        }
    }
}
