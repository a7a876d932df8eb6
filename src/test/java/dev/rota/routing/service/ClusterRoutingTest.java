package dev.rota.routing.service;

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
}
