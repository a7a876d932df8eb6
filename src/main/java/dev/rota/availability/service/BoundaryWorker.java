package dev.rota.availability.service;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.service.StateRepository.Event;
import dev.rota.availability.service.StateRepository.State;
import dev.rota.platform.BackgroundLoop;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the status changes the clock reaches (a shift starts, a period ends, a temporary away
 * expires) at their boundary instant. Each user's next change is indexed; the worker claims the due
 * ones in batches with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes share the work, and one
 * that dies mid-batch leaves nothing claimed. After downtime the due rows are simply older: the
 * missed changes are recorded once, each at its own instant.
 */
@Component
class BoundaryWorker implements SmartLifecycle {

    private final StateRepository states;
    private final Inputs inputs;
    private final StatusLog statusLog;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    private final int threads;
    private final BackgroundLoop loop;

    BoundaryWorker(StateRepository states, Inputs inputs, StatusLog statusLog, TransactionTemplate tx, Clock clock,
                   @Value("${rota.boundary.batch-size:1000}") int batchSize,
                   @Value("${rota.boundary.threads:2}") int threads,
                   @Value("${rota.boundary.poll-millis:250}") long pollMillis) {
        this.states = states;
        this.inputs = inputs;
        this.statusLog = statusLog;
        this.tx = tx;
        this.clock = clock;
        this.batchSize = batchSize;
        this.threads = threads;
        this.loop = new BackgroundLoop("rota-boundary", () -> runOnce() < batchSize ? pollMillis : 0, 1_000);
    }

    /** Processes one batch of due changes; returns how many users it handled (0: nothing due). */
    int runOnce() {
        Integer handled = tx.execute(status -> {
            Instant now = clock.instant();
            List<State> due = states.claimDue(now, batchSize);
            if (due.isEmpty()) {
                return 0;
            }
            Map<UUID, List<State>> byAccount = due.stream()
                    .collect(Collectors.groupingBy(State::accountId, LinkedHashMap::new, Collectors.toList()));
            List<State> updated = new ArrayList<>(due.size());
            List<Event> events = new ArrayList<>();
            for (Map.Entry<UUID, List<State>> entry : byAccount.entrySet()) {
                Instant earliest = entry.getValue().get(0).nextChangeAt();
                Map<UUID, AvailabilityInput> in = inputs.load(entry.getKey(),
                        entry.getValue().stream().map(State::userId).toList(), earliest);
                for (State s : entry.getValue()) {
                    AvailabilityInput input = in.get(s.userId());
                    if (input == null) {
                        continue;
                    }
                    StatusRecorder.Outcome outcome = StatusRecorder.catchUp(s, input, now);
                    updated.add(outcome.state());
                    events.addAll(outcome.events());
                }
            }
            states.saveAll(updated);
            statusLog.append(events);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    @Override
    public void start() {
        loop.start(threads);
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
