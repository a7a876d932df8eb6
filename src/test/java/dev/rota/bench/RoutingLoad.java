package dev.rota.bench;

import dev.rota.support.Api;
import dev.rota.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
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
            // a working inbox has history: 200,000 closed conversations; then statistics, as autovacuum would
            // gather them (planned on empty tables, the assignment's join would scan every conversation)
            jdbc.sql("""
                    insert into conversation (account_id, id, inbox_id, channel, external_id, status, created_at, closed_at)
                    select :account, gen_random_uuid(), :inbox, 'CHAT', 'old-' || g, 'CLOSED',
                           now() - interval '1 day' + g * interval '1 millisecond', now()
                      from generate_series(1, 200000) g""")
                    .param("account", account).param("inbox", UUID.fromString(inbox)).update();
            jdbc.sql("analyze").update();
            System.out.println("account " + account + ", inbox " + inbox + ", " + agents + " agents");

            // long enough for the JIT to finish compiling the request path (it takes half a core until then)
            closedLoop(admin, inbox, 30, "warm-up");
            // statistics of what the warm-up filled (turns, loads), as autovacuum gathers them within a minute;
            // planned on the empty tables, routing's check of what changed would scan every agent's turn
            jdbc.sql("analyze").update();
            if (Boolean.getBoolean("rota.pg.statements")) {
                jdbc.sql("create extension if not exists pg_stat_statements").update();
                jdbc.sql("select pg_stat_statements_reset()").query(Object.class).list();
            }
            double max = closedLoop(admin, inbox, seconds, "max (Java client in this JVM)");
            if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
                max = Math.max(max, wrk(rota.node().baseUrl(), admin.token(), inbox, seconds, CLIENTS));
            }
            if (Boolean.getBoolean("rota.pg.statements")) {
                BenchSupport.printTopStatements(jdbc);
            }
            if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
                // not the figure compared: how batching pays off when more requests are in flight at once
                for (int clients : new int[] {16, 32, 64}) {
                    wrk(rota.node().baseUrl(), admin.token(), inbox, Math.max(5, seconds / 2), clients);
                }
            }
            io.micrometer.core.instrument.MeterRegistry meters = rota.node().bean(io.micrometer.core.instrument.MeterRegistry.class);
            var sizes = meters.get("rota.intake.batch.size").summary();
            var times = meters.get("rota.intake.batch.time").timer();
            System.out.printf("intake batches so far: %d, mean %.1f conversations, mean %.2f ms each%n", sizes.count(),
                    sizes.mean(), times.mean(TimeUnit.MILLISECONDS));
            // latency first: pgbench's loading of its tables (a million rows, then a checkpoint) would land in it
            openLoop(rota.node().baseUrl(), admin.token(), inbox, max / 2, seconds);
            double pgbench = pgbench(db.port(), seconds);
            System.out.printf("ratio conversations/s : pgbench tps = %.2f%n", max / pgbench);
            long assigned = jdbc.sql("select count(*) from conversation where inbox_id = :inbox and assignee_id is not null")
                    .param("inbox", UUID.fromString(inbox)).query(Long.class).single();
            System.out.println("assigned conversations: " + assigned);
            jdbc.sql("""
                    select avg(length(routing_trace::text))::int, avg(pg_column_size(routing_trace))::int from conversation
                     where inbox_id = :inbox and routing_trace is not null""")
                    .param("inbox", UUID.fromString(inbox))
                    .query((rs, row) -> String.format("stored trace per conversation: %d characters, %d bytes on disk",
                            rs.getInt(1), rs.getInt(2))).list().forEach(System.out::println);
        }
    }

    static final AtomicLong SEQ = new AtomicLong();

    static double closedLoop(Api admin, String inbox, int seconds, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        BenchSupport.Cpu cpu = BenchSupport.Cpu.now();
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
        BenchSupport.Cpu.now().printSince(cpu, all.size(), label);
        return rate;
    }

    /**
     * Latency at a fixed rate, measured by {@link OpenLoop} in its own small JVM (as wrk runs apart): a client in
     * this JVM would pause the service with its own garbage and add its threads' wake-ups to the figures.
     */
    static void openLoop(String baseUrl, String token, String inbox, double rate, int seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String out = run(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                OpenLoop.class.getName(), baseUrl, token, inbox, String.format("%.0f", rate), Integer.toString(seconds));
        System.out.print("half of max, driver in its own process: " + out);
    }

    /** The closed loop again with wrk (C, two threads, 8 connections), which leaves the service more of the CPU. */
    static double wrk(String baseUrl, String token, String inbox, int seconds, int clients) throws Exception {
        BenchSupport.Cpu cpu = BenchSupport.Cpu.now();
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t", "2", "-c", Integer.toString(clients), "-d", seconds + "s",
                "--latency", "-s", "bench/conversations.lua", baseUrl + "/api/v1/conversations").redirectErrorStream(true);
        pb.environment().put("ROTA_TOKEN", token);
        pb.environment().put("ROTA_INBOX", inbox);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (out.contains("Non-2xx") || !requests.find() || !rate.find()) {
            throw new IllegalStateException("wrk failed or got errors:\n" + out);
        }
        double perSecond = Double.parseDouble(rate.group(1));
        System.out.printf("max (wrk, %d connections): %.0f conversations/s%n", clients, perSecond);
        out.lines().filter(l -> l.matches("\\s+(50|90|99)%.*")).forEach(l -> System.out.println("  wrk latency " + l.trim()));
        BenchSupport.Cpu.now().printSince(cpu, Long.parseLong(requests.group(1)), "max (wrk, " + clients + ")");
        return perSecond;
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
