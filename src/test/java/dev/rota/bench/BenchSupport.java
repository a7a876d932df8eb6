package dev.rota.bench;

import dev.rota.support.Api;
import dev.rota.support.Node;
import dev.rota.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** With -Drota.pg.statements=true: the statements PostgreSQL spent most time on since the last reset. */
    static void printTopStatements(JdbcClient jdbc) {
        jdbc.sql("""
                select calls, round(total_exec_time) as total_ms, round((total_exec_time / calls)::numeric, 3) as mean_ms,
                       round((total_plan_time / calls)::numeric, 3) as plan_ms,
                       rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
                  from pg_stat_statements where calls > 0 order by total_exec_time + total_plan_time desc limit 12""")
                .query((rs, i) -> String.format("  %8d calls %7d ms total %8.3f ms mean, planning %8.3f ms %8d rows  %s",
                        rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getString(6)))
                .list().forEach(System.out::println);
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

    /**
     * CPU seconds used so far by this JVM and by every PostgreSQL process on the machine (from /proc),
     * so a benchmark can say where a conversation's cost goes.
     */
    record Cpu(double jvmSeconds, Map<Long, Double> postgresSeconds) {

        static Cpu now() throws java.io.IOException {
            double jvm = ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            Map<Long, Double> pg = new java.util.HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : dirs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    try {
                        String stat = Files.readString(d.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (comm.startsWith("postgres")) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            // utime + stime in clock ticks (USER_HZ, 100 on Linux)
                            pg.put(Long.parseLong(d.getFileName().toString()),
                                    (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return new Cpu(jvm, pg);
        }

        /**
         * Prints the CPU milliseconds per operation spent since {@code before}: this JVM (service and any
         * Java load driver) and PostgreSQL's processes still running now.
         */
        void printSince(Cpu before, long operations, String label) {
            double pg = 0;
            for (Map.Entry<Long, Double> e : postgresSeconds.entrySet()) {
                pg += e.getValue() - before.postgresSeconds.getOrDefault(e.getKey(), 0.0);
            }
            System.out.printf("%s: CPU per operation: JVM %.2f ms, PostgreSQL %.2f ms%n", label,
                    (jvmSeconds - before.jvmSeconds) * 1000 / operations, pg * 1000 / operations);
        }
    }

    /** Rota running in this JVM on its own durable embedded PostgreSQL, with one signed-up account. */
    record Service(TestDatabase db, Node node, Api admin, String adminEmail, String adminPassword, JdbcClient jdbc,
                   UUID accountId) implements AutoCloseable {

        static Service start(String name) throws Exception {
            Path dir = Files.createTempDirectory("rota-bench-" + name);
            TestDatabase db = new TestDatabase(dir.resolve("pg"), true);
            Node node = new Node(db.jdbcUrl(), Instant.now(), Map.of("logging.level.root", "WARN"));
            node.clock.followRealTime();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String email = "owner-" + suffix + "@" + name + ".bench";
            String password = "correct-horse";
            Api.Response signup = node.anonymous().post("/api/v1/signup", Map.of("accountName", name + " " + suffix,
                    "name", "Owner", "email", email, "password", password));
            if (signup.status() != 201) {
                throw new IllegalStateException("signup failed: " + signup);
            }
            return new Service(db, node, node.anonymous().as(signup.text("token")), email, password,
                    node.bean(JdbcClient.class), UUID.fromString(signup.text("accountId")));
        }

        @Override
        public void close() throws Exception {
            node.close();
            db.close();
        }
    }

    /** Runs {@code perClient} timed calls of {@code call} on each of {@code clients} threads; returns the times. */
    @FunctionalInterface
    interface Call {
        void run(int client) throws Exception;
    }

    static long[] timed(int clients, int perClient, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] times = new long[perClient];
                for (int i = 0; i < perClient; i++) {
                    long start = System.nanoTime();
                    call.run(client);
                    times[i] = System.nanoTime() - start;
                }
                return times;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long t : f.get()) {
                all.add(t);
            }
        }
        pool.shutdown();
        return all.stream().mapToLong(Long::longValue).toArray();
    }
}
