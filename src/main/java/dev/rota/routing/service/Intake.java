package dev.rota.routing.service;

import dev.rota.directory.CurrentUser;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where new conversations enter. Requests that arrive while earlier ones are being stored are gathered
 * and handled together by {@link Routing#ingestAll}: one statement per inbox channel, so under load a
 * conversation costs a fraction of a database round trip; alone, it is handled at once.
 * Each inbox always uses the same lane (one thread), so a node never races itself for an inbox's agents.
 * <p>
 * Right after a batch, the lane waits up to {@code rota.routing.intake-linger} (default 1 ms) for as many
 * requests as that batch answered, on top of those already waiting: a client posts its next conversation
 * when it has the answer to its last, so without the wait the requests in flight split into two groups that
 * take turns, each batch half as big and paying the statement's fixed cost (2026-12-01, 8 clients: +33%
 * conversations/s, a quarter less PostgreSQL CPU per conversation). A lane that was idle for longer does not
 * wait at all, and it never waits for more than it answered. When a wait brings nobody (requests arriving on
 * their own, not in answer to the last: waiting only adds to their latency), the lane does not wait for the next
 * {@value #PAUSE_AFTER_MISS} batches.
 */
@Component
class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** Batches gathered without waiting after a wait for returning requests that brought nobody. */
    static final int PAUSE_AFTER_MISS = 8;

    private record Pending(Routing.IngestRequest request, CompletableFuture<Routing.Ingested> result) {
    }

    private final Routing routing;
    private final Clock clock;
    private final int maxBatch;
    private final long lingerNanos;
    private final List<LinkedBlockingQueue<Pending>> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private final io.micrometer.core.instrument.DistributionSummary batchSizes;
    private final io.micrometer.core.instrument.Timer batchTimes;

    Intake(Routing routing, Clock clock, io.micrometer.core.instrument.MeterRegistry meters,
           @Value("${rota.routing.intake-lanes:2}") int laneCount,
           @Value("${rota.routing.intake-batch:200}") int maxBatch,
           @Value("${rota.routing.intake-linger:1ms}") java.time.Duration linger) {
        this.batchSizes = io.micrometer.core.instrument.DistributionSummary.builder("rota.intake.batch.size")
                .description("conversations stored and routed by one transaction").register(meters);
        this.batchTimes = io.micrometer.core.instrument.Timer.builder("rota.intake.batch.time")
                .description("time to store and route one batch").register(meters);
        this.routing = routing;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        for (int i = 0; i < laneCount; i++) {
            LinkedBlockingQueue<Pending> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            Thread t = new Thread(() -> work(lane), "rota-intake-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stores and routes one conversation; returns when its transaction has committed. */
    Routing.Ingested ingest(CurrentUser me, Routing.NewConversation conversation, String idempotencyKey) {
        if (!running) {
            throw new IllegalStateException("Rota is stopping");
        }
        Pending pending = new Pending(new Routing.IngestRequest(me, conversation, idempotencyKey, clock.instant()),
                new CompletableFuture<>());
        lanes.get(Math.floorMod(conversation.inboxId().hashCode(), lanes.size())).add(pending);
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the conversation was being stored", e);
        }
    }

    private void work(LinkedBlockingQueue<Pending> lane) {
        List<Pending> batch = new ArrayList<>();
        long freeAt = System.nanoTime();
        int expected = 0;
        int noWait = 0;
        while (running || !lane.isEmpty()) {
            try {
                Pending first = lane.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int waitFor = noWait > 0 ? 0 : expected;
                noWait = Math.max(0, noWait - 1);
                if (!gather(lane, batch, waitFor, maxBatch, freeAt + lingerNanos)) {
                    noWait = PAUSE_AFTER_MISS;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batchSizes.record(batch.size());
            try {
                batchTimes.record(() -> handle(batch));
            } catch (Throwable t) {
                // never leave a request waiting, and keep the lane alive for the next ones
                log.error("intake batch failed", t);
                batch.forEach(p -> p.result().completeExceptionally(t));
            }
            // who waited meanwhile, and who was answered and may post again at once
            expected = lane.size() + batch.size();
            freeAt = System.nanoTime();
            batch.clear();
        }
    }

    /**
     * Adds to {@code batch} what {@code lane} holds, up to {@code max} in all, then waits for more while the batch
     * has fewer than {@code expected} and {@code deadline} ({@link System#nanoTime}) has not passed. False when it
     * waited and nobody came.
     */
    static <T> boolean gather(java.util.concurrent.BlockingQueue<T> lane, List<T> batch, int expected, int max,
                              long deadline) throws InterruptedException {
        lane.drainTo(batch, max - batch.size());
        boolean gained = false;
        while (batch.size() < Math.min(expected, max)) {
            long left = deadline - System.nanoTime();
            T next = left > 0 ? lane.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return gained || left <= 0;
            }
            gained = true;
            batch.add(next);
            lane.drainTo(batch, max - batch.size());
        }
        return true;
    }

    /**
     * Answers each request of the batch. {@link Routing#ingestAll} answers every request itself — refusals
     * and failures included — once any of them may be stored, so nothing is ever handled twice here.
     */
    private void handle(List<Pending> batch) {
        List<Routing.IngestOutcome> outcomes = routing.ingestAll(batch.stream().map(Pending::request).toList());
        for (int i = 0; i < batch.size(); i++) {
            Routing.IngestOutcome outcome = outcomes.get(i);
            if (outcome.error() != null) {
                batch.get(i).result().completeExceptionally(outcome.error());
            } else {
                batch.get(i).result().complete(outcome.ingested());
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false; // the lanes finish what is queued, then end
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
