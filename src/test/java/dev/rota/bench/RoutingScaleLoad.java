package dev.rota.bench;

import dev.rota.support.Api;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-conversation cost of routing through the service for an inbox of 1,000 and of 10,000 agents
 * (one client, sequential, after 1,000 posts of warm-up), to compare how decision cost grows with the team.
 */
public final class RoutingScaleLoad {

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (BenchSupport.Service rota = BenchSupport.Service.start("scale")) {
            Api admin = rota.admin();
            JdbcClient jdbc = rota.jdbc();
            UUID account = rota.accountId();
            double small = measure(admin, jdbc, account, 1_000, conversations);
            double large = measure(admin, jdbc, account, 10_000, conversations);
            System.out.printf("per-conversation cost: 1,000 agents %.2f ms, 10,000 agents %.2f ms, ratio %.2f%n",
                    small, large, large / small);
        }
    }

    static double measure(Api admin, JdbcClient jdbc, UUID account, int agents, int conversations) {
        UUID inbox = UUID.randomUUID();
        String tag = "s" + agents;
        jdbc.sql("insert into inbox (account_id, id, name, channels, created_at) values (:a, :i, :n, '{CHAT}', now())")
                .param("a", account).param("i", inbox).param("n", "Scale " + agents).update();
        jdbc.sql("""
                insert into app_user (account_id, id, email, name, role, permissions, seat, time_zone, active, created_at, updated_at)
                select :a, gen_random_uuid(), 'agent' || g || '@' || :tag || '.bench', 'Agent ' || g, 'USER', '{}', 'SERVICE',
                       'Europe/Amsterdam', true, now(), now() from generate_series(1, :n) g""")
                .param("a", account).param("tag", tag).param("n", agents).update();
        jdbc.sql("""
                insert into inbox_member_user (account_id, inbox_id, user_id)
                select account_id, :i, id from app_user where account_id = :a and email like '%@' || :tag || '.bench'""")
                .param("a", account).param("i", inbox).param("tag", tag).update();
        jdbc.sql("""
                insert into user_load (account_id, user_id)
                select account_id, id from app_user where account_id = :a and email like '%@' || :tag || '.bench'""")
                .param("a", account).param("tag", tag).update();
        jdbc.sql("""
                insert into availability_state (account_id, user_id, status, reason, since, next_change_at)
                select account_id, id, 'AVAILABLE', 'DEFAULT', now(), null
                  from app_user where account_id = :a and email like '%@' || :tag || '.bench'""")
                .param("a", account).param("tag", tag).update();
        jdbc.sql("analyze").update();
        // warm-up: the JIT compiles the request path, and the first decision builds the inbox's roster
        for (int i = 0; i < 1_000; i++) {
            post(admin, inbox, tag + "-warm-" + i);
        }
        // statistics of what the warm-up filled (turns, loads), as autovacuum gathers them within a minute
        jdbc.sql("analyze").update();
        long start = System.nanoTime();
        for (int i = 0; i < conversations; i++) {
            post(admin, inbox, tag + "-" + i);
        }
        double ms = (System.nanoTime() - start) / 1e6 / conversations;
        System.out.printf("%,d agents: %.2f ms per conversation (%d sequential posts)%n", agents, ms, conversations);
        return ms;
    }

    static void post(Api admin, UUID inbox, String externalId) {
        Api.Response r = admin.post("/api/v1/conversations", Map.of("inboxId", inbox.toString(), "channel", "CHAT",
                "externalId", externalId));
        if (r.status() != 201 || r.text("assigneeId") == null) {
            throw new IllegalStateException(r.toString());
        }
    }
}
