package dev.rota.bench;

import dev.rota.support.Api;
import dev.rota.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throughput of POST /api/v1/conversations (routing and storage, 200 agents, 8 concurrent clients)
 * against pgbench -c 8 -j 2 -N on the same PostgreSQL server, then latency at half the maximum rate.
 */
public final class RoutingLoad {

    static final int CLIENTS = 8;

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (BenchSupport.Service rota = BenchSupport.Service.start("routing")) {
            Api admin = rota.admin();
            JdbcClient jdbc = rota.jdbc();
            UUID account = rota.accountId();
            TestDatabase db = rota.db();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                ids.add(admin.post("/api/v1/users", Map.of("email", "agent" + i + "@routing.bench", "name", "Agent " + i,
                        "seat", "SERVICE")).id());
            }
            String inbox = admin.post("/api/v1/inboxes", Map.of("name", "Load", "channels", List.of("CHAT"),
                    "memberUserIds", ids)).id();
            System.out.println("account " + account + ", inbox " + inbox + ", " + agents + " agents");

            closedLoop(admin, inbox, 5, "warm-up");
            double max = closedLoop(admin, inbox, seconds, "max");
            double pgbench = pgbench(db.port(), seconds);
            System.out.printf("ratio conversations/s : pgbench tps = %.2f%n", max / pgbench);
            openLoop(admin, inbox, max / 2, seconds);
            long assigned = jdbc.sql("select count(*) from conversation where inbox_id = :inbox and assignee_id is not null")
                    .param("inbox", UUID.fromString(inbox)).query(Long.class).single();
            System.out.println("assigned conversations: " + assigned);
        }
    }

    static final AtomicLong SEQ = new AtomicLong();

    static double closedLoop(Api admin, String inbox, int seconds, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                List<Long> times = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    Api.Response r = admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                            "externalId", "c-" + SEQ.incrementAndGet()));
                    if (r.status() != 201) {
                        throw new IllegalStateException(r.toString());
                    }
                    times.add(System.nanoTime() - start);
                }
                return times.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long t : f.get()) {
                all.add(t);
            }
        }
        pool.shutdown();
        double rate = all.size() / (double) seconds;
        System.out.printf("%s: %.0f conversations/s with %d clients%n", label, rate, CLIENTS);
        BenchSupport.printPercentiles(label + " latency", all.stream().mapToLong(Long::longValue).toArray());
        return rate;
    }

    static void openLoop(Api admin, String inbox, double rate, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        int total = (int) (rate * seconds);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            futures.add(pool.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                // latency counts from the intended send time, so queueing delay is not hidden
                Api.Response r = admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                        "externalId", "o-" + SEQ.incrementAndGet()));
                if (r.status() != 201) {
                    throw new IllegalStateException(r.toString());
                }
                return System.nanoTime() - due;
            }));
        }
        long[] times = new long[futures.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = futures.get(i).get();
        }
        pool.shutdown();
        BenchSupport.printPercentiles(String.format("open loop at %.0f/s (half of max)", rate), times);
    }

    static double pgbench(int port, int seconds) throws Exception {
        run("pgbench", "-i", "-q", "-s", "10", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "postgres");
        String out = run("pgbench", "-c", "8", "-j", "2", "-N", "-T", Integer.toString(seconds), "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", "postgres", "postgres");
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + out);
        }
        double tps = Double.parseDouble(m.group(1));
        System.out.printf("pgbench -c 8 -j 2 -N -T %d: %.0f tps%n", seconds, tps);
        return tps;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out.toString();
    }
}
