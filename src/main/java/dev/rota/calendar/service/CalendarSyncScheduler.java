package dev.rota.calendar.service;

import dev.rota.calendar.service.CalendarLinkRepository.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.rota.platform.BackgroundLoop;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Syncs every linked calendar when it is due, on any number of nodes. A poller claims due links with
 * {@code FOR UPDATE SKIP LOCKED} and leases them in one short transaction, then hands each to a small pool; the
 * network calls happen outside that transaction, one link per thread, so a slow or hostile calendar holds up
 * only its own thread. It claims no more links than it has free threads. A node that dies mid-sync leaves a lease
 * that simply runs out.
 */
@Component
class CalendarSyncScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CalendarSyncScheduler.class);

    private final CalendarLinkRepository links;
    private final CalendarSyncing syncing;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int threads;
    private final Duration pollInterval;
    private final Semaphore free;
    private volatile boolean running;
    private ExecutorService pool;
    private final BackgroundLoop poller;

    CalendarSyncScheduler(CalendarLinkRepository links, CalendarSyncing syncing, TransactionTemplate tx, Clock clock,
                          @Value("${rota.calendar.threads:3}") int threads,
                          @Value("${rota.calendar.poll-interval:10s}") Duration pollInterval) {
        this.links = links;
        this.syncing = syncing;
        this.tx = tx;
        this.clock = clock;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.free = new Semaphore(threads);
        this.poller = new BackgroundLoop("rota-calendar-poller", () -> pollOnce() == 0 ? pollInterval.toMillis() : 0,
                Math.max(1_000, pollInterval.toMillis()));
    }

    /** Claims due links for the free threads and starts their syncs; returns how many it started. */
    int pollOnce() {
        int slots = free.drainPermits();
        if (slots == 0) {
            return 0;
        }
        List<Key> due;
        try {
            due = tx.execute(status -> {
                Instant now = clock.instant();
                return links.claimDue(now, now.plus(CalendarSync.LEASE), slots);
            });
        } catch (RuntimeException e) {
            free.release(slots);
            throw e;
        }
        free.release(slots - due.size());
        for (Key key : due) {
            pool.execute(() -> {
                try {
                    syncing.run(key);
                } catch (RuntimeException e) {
                    log.warn("Calendar sync of user {} failed", key.userId(), e);
                } finally {
                    try {
                        links.releaseLease(key);
                    } catch (RuntimeException e) {
                        log.debug("Lease of user {} stays until it runs out: {}", key.userId(), e.getMessage());
                    }
                    free.release();
                }
            });
        }
        return due.size();
    }

    @Override
    public void start() {
        running = true;
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rota-calendar-sync");
            t.setDaemon(true);
            return t;
        });
        poller.start(1);
    }

    @Override
    public void stop() {
        running = false;
        poller.stop();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
