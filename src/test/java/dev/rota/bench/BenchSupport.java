package dev.rota.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Shared helpers of the load benchmarks: bulk seeding in SQL and percentile reporting. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** An account with {@code users} users (seat SERVICE, zone Amsterdam); returns the account id. */
    static UUID seedAccount(JdbcClient jdbc, String name, int users, String plan) {
        UUID account = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into account (id, name, plan, time_zone, created_at, updated_at)
                values (:id, :name, :plan, 'Europe/Amsterdam', :now, :now)""")
                .param("id", account).param("name", name).param("plan", plan).param("now", now).update();
        jdbc.sql("""
                insert into app_user (account_id, id, email, name, role, permissions, seat, time_zone, active,
                                      created_at, updated_at)
                select :account, gen_random_uuid(), 'user' || g || '@' || :name || '.bench', 'User ' || lpad(g::text, 6, '0'),
                       'USER', '{}', 'SERVICE',
                       (array['Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo'])[1 + g % 3], true, :now, :now
                  from generate_series(1, :users) g""")
                .param("account", account).param("name", name).param("users", users).param("now", now).update();
        jdbc.sql("insert into user_load (account_id, user_id) select account_id, id from app_user where account_id = :account")
                .param("account", account).update();
        return account;
    }

    static void printPercentiles(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", label, sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
