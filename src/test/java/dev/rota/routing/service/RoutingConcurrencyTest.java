package dev.rota.routing.service;

import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RoutingConcurrencyTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void five_thousand_conversations_from_twenty_threads_with_status_flips_keep_every_invariant() throws Exception {
        Tenant t = newTenant();
        long seed = Long.getLong("routing.seed", System.nanoTime());
        System.out.println("routing concurrency seed: " + seed);
        ConcurrencyScenario.run(List.of(t.admin), jdbc, 5_000, seed);
    }
}
