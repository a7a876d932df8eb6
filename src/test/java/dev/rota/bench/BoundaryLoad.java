package dev.rota.bench;

import dev.rota.support.Node;
import dev.rota.support.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 100,000 users whose working hours start at the same instant: how long until every change is
 * recorded, and how much heap it took. Run with -Xmx512m (bench/run.sh does) to prove the bound.
 */
public final class BoundaryLoad {

    /** Monday 2026-03-02 09:00 Amsterdam. */
    static final Instant BOUNDARY = Instant.parse("2026-03-02T08:00:00Z");

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("rota-bench-boundary");
        try (TestDatabase db = new TestDatabase(dir.resolve("pg"), true);
             Node node = new Node(db.jdbcUrl(), BOUNDARY.minusSeconds(60), Map.of("logging.level.root", "WARN"))) {
            JdbcClient jdbc = node.bean(JdbcClient.class);
            UUID account = BenchSupport.seedAccount(jdbc, "boundary", users, "ENTERPRISE");
            jdbc.sql("update app_user set time_zone = 'Europe/Amsterdam' where account_id = :account")
                    .param("account", account).update();
            jdbc.sql("""
                    insert into working_range (account_id, user_id, position, day, start_time, end_time)
                    select account_id, id, 0, 'MONDAY', '09:00', '17:00' from app_user where account_id = :account""")
                    .param("account", account).update();
            jdbc.sql("""
                    insert into availability_state (account_id, user_id, status, reason, since, next_change_at)
                    select account_id, id, 'AWAY', 'OUTSIDE_WORKING_HOURS', :since, :boundary
                      from app_user where account_id = :account""")
                    .param("account", account).param("since", Timestamp.from(BOUNDARY.minusSeconds(3600 * 16)))
                    .param("boundary", Timestamp.from(BOUNDARY)).update();
            jdbc.sql("vacuum analyze").update();
            System.gc();
            resetPeaks();

            long start = System.nanoTime();
            node.clock.set(BOUNDARY.plusMillis(1));
            long recorded = 0;
            while (recorded < users) {
                Thread.sleep(100);
                recorded = jdbc.sql("select count(*) from status_event where cause = 'CLOCK' and at = :at")
                        .param("at", Timestamp.from(BOUNDARY)).query(Long.class).single();
                if (System.nanoTime() - start > 120_000_000_000L) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long duplicates = jdbc.sql("""
                    select count(*) from (select user_id from status_event where cause = 'CLOCK'
                                           group by user_id, at having count(*) > 1) d""").query(Long.class).single();
            System.out.printf("boundary: %d of %d changes recorded in %.2f s after the boundary; duplicates=%d; "
                            + "peak heap used=%d MB (max heap %d MB)%n", recorded, users, seconds, duplicates,
                    peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
