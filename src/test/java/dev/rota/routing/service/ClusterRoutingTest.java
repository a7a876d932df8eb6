package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.Node;
import dev.rota.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The concurrency invariants hold with two service nodes on one database. */
class ClusterRoutingTest {

    @TempDir
    Path dir;

    @Test
    void two_nodes_sharing_one_database_keep_every_routing_invariant() throws Exception {
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"));
             Node a = new Node(db.jdbcUrl(), Instant.now(), Map.of());
             Node b = new Node(db.jdbcUrl(), Instant.now(), Map.of())) {
            a.clock.followRealTime();
            b.clock.followRealTime();
            Api adminOnA = a.newAccount();
            Api adminOnB = b.anonymous().as(adminOnA.token());
            long seed = Long.getLong("routing.seed", System.nanoTime());
            System.out.println("cluster routing seed: " + seed);
            ConcurrencyScenario.run(List.of(adminOnA, adminOnB), a.bean(JdbcClient.class), 5_000, seed);
        }
    }

    /**
     * Each node keeps inboxes' candidates in memory: what another node changed — a status, a member —
     * must count in this node's very next decision, not only after a sweep.
     */
    @Test
    void a_node_decides_on_what_another_node_changed_at_once() throws Exception {
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"));
             Node a = new Node(db.jdbcUrl(), Instant.now(), Map.of("rota.routing.sweep-millis", "600000"));
             Node b = new Node(db.jdbcUrl(), Instant.now(), Map.of("rota.routing.sweep-millis", "600000"))) {
            a.clock.followRealTime();
            b.clock.followRealTime();
            Api onA = a.newAccount();
            Api onB = b.anonymous().as(onA.token());
            String xena = onA.post("/api/v1/users", Map.of("email", "xena@cluster.test", "name", "Xena",
                    "password", "xena-password", "seat", "SERVICE")).id();
            Api xenaOnB = onB.as(b.anonymous().post("/api/v1/auth/tokens",
                    Map.of("email", "xena@cluster.test", "password", "xena-password")).text("token"));
            String inbox = onA.post("/api/v1/inboxes", Map.of("name", "Help", "channels", List.of("CHAT"),
                    "memberUserIds", List.of(xena))).id();
            assertThat(xenaOnB.put("/api/v1/users/" + xena + "/status", Map.of("status", "AWAY")).status()).isEqualTo(200);

            // node A decides (and keeps the inbox's candidates): Xena is away
            assertThat(post(onA, inbox, "c1").text("assigneeId")).isNull();
            // Xena comes back on node B; node A's next conversation goes to her at once
            assertThat(xenaOnB.put("/api/v1/users/" + xena + "/status", Map.of("status", "AVAILABLE")).status())
                    .isEqualTo(200);
            assertThat(post(onA, inbox, "c2").text("assigneeId")).isEqualTo(xena);
            // away again on node B: node A does not pick her
            xenaOnB.put("/api/v1/users/" + xena + "/status", Map.of("status", "AWAY"));
            Api.Response c3 = post(onA, inbox, "c3");
            assertThat(c3.text("assigneeId")).isNull();
            assertThat(c3.body().get("routing").get("candidates").get(0).get("reasons").get(0).get("reason").asString())
                    .isEqualTo("AWAY");
            // a member added on node B is a candidate in node A's next decision
            String yann = onB.post("/api/v1/users", Map.of("email", "yann@cluster.test", "name", "Yann",
                    "seat", "SERVICE")).id();
            assertThat(onB.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(xena, yann))).status())
                    .isEqualTo(200);
            assertThat(post(onA, inbox, "c4").text("assigneeId")).isEqualTo(yann);
        }
    }

    /**
     * QA (round M): seats given on one node while a change elsewhere in the account made another node drain the
     * inbox: that drain saw the first seat and gave its holder the whole backlog. The seat's mark holds it off.
     */
    @Test
    void a_drain_on_another_node_waits_for_people_given_seats_together() throws Exception {
        Map<String, Object> settle = Map.of("rota.routing.drain-settle", "2s");
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"));
             Node a = new Node(db.jdbcUrl(), Instant.now(), settle);
             Node b = new Node(db.jdbcUrl(), Instant.now(), settle)) {
            a.clock.followRealTime();
            b.clock.followRealTime();
            Api onA = a.newAccount();
            Api onB = b.anonymous().as(onA.token());
            List<String> agents = new java.util.ArrayList<>();
            for (String name : List.of("ann", "bob", "cleo")) {
                agents.add(onA.post("/api/v1/users", Map.of("email", name + "@cluster.test", "name", name,
                        "seat", "NONE")).id());
            }
            String inbox = onA.post("/api/v1/inboxes", Map.of("name", "Help", "channels", List.of("CHAT"),
                    "memberUserIds", agents)).id();
            String elsewhere = onA.post("/api/v1/teams", Map.of("name", "Elsewhere", "memberIds", List.of())).id();
            for (int i = 0; i < 12; i++) {
                assertThat(post(onA, inbox, "s-" + i).text("assigneeId")).isNull();
            }
            Thread.sleep(2_200); // their first Available (when made) is older than a settle: it holds nothing
            assertThat(onA.patch("/api/v1/users/" + agents.get(0), Map.of("seat", "SERVICE")).status()).isEqualTo(200);
            // node B drains the account's inboxes for this, while Ann is the only one with a seat
            assertThat(onB.patch("/api/v1/teams/" + elsewhere, Map.of("memberIds", List.of(agents.get(0)))).status())
                    .isEqualTo(200);
            Thread.sleep(300); // time for node B's drain (without the mark it gave Ann all twelve here)
            var start = new java.util.concurrent.CyclicBarrier(2);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<Integer>> seats = new java.util.ArrayList<>();
            for (String agent : agents.subList(1, 3)) {
                seats.add(pool.submit(() -> {
                    start.await();
                    return onA.patch("/api/v1/users/" + agent, Map.of("seat", "SERVICE")).status();
                }));
            }
            for (var f : seats) {
                assertThat(f.get()).isEqualTo(200);
            }
            pool.shutdown();
            Map<String, Integer> perAgent = new java.util.HashMap<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    onA.get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt())
                    .isZero());
            for (var c : onA.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
                perAgent.merge(c.get("assigneeId").asString(), 1, Integer::sum);
            }
            assertThat(perAgent.keySet()).containsExactlyInAnyOrderElementsOf(agents);
            assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(3, 5));
        }
    }

    private static Api.Response post(Api api, String inbox, String externalId) {
        Api.Response r = api.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                "externalId", externalId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }
}
