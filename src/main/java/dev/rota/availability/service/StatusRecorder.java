package dev.rota.availability.service;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.AvailabilityRules;
import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import dev.rota.availability.service.StateRepository.Event;
import dev.rota.availability.service.StateRepository.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a user's recorded state and current inputs into the changes to record: first the changes the
 * clock reached since the state's {@code nextChangeAt} (each at its own boundary instant), then the
 * one caused by a person now. Pure: the caller holds the row lock and stores the result.
 */
final class StatusRecorder {

    /** A bound on boundaries replayed for one user after downtime (about a year of daily shifts, twice). */
    static final int MAX_CATCH_UP = 1_000;

    private StatusRecorder() {
    }

    record Outcome(State state, List<Event> events) {
    }

    /** Replays the boundaries the clock crossed up to and including {@code now}. */
    static Outcome catchUp(State state, AvailabilityInput input, Instant now) {
        List<Event> events = new ArrayList<>();
        State current = state;
        Instant t = state.nextChangeAt();
        int steps = 0;
        while (t != null && !t.isAfter(now) && steps++ < MAX_CATCH_UP) {
            EffectiveStatus s = AvailabilityRules.evaluate(input, t);
            if (s.status() != current.status() || s.reason() != current.reason()) {
                events.add(new Event(state.accountId(), state.userId(), t, current.status(), current.reason(),
                        s.status(), s.reason(), null, "CLOCK"));
                current = new State(state.accountId(), state.userId(), s.status(), s.reason(), t, null);
            }
            Instant next = s.next() == null ? null : s.next().at();
            t = next != null && next.isAfter(t) ? next : null;
        }
        if (t != null && !t.isAfter(now)) {
            // more boundaries than the bound: jump to now rather than loop for ever
            EffectiveStatus s = AvailabilityRules.evaluate(input, now);
            t = s.next() == null ? null : s.next().at();
        }
        return new Outcome(new State(current.accountId(), current.userId(), current.status(), current.reason(),
                current.since(), t), events);
    }

    /** Records the status at {@code now} after a person changed an input (or the user is new: {@code state} null). */
    static Outcome record(UUID accountId, UUID userId, State state, AvailabilityInput input, Instant now, UUID actorId,
                          String cause) {
        EffectiveStatus s = AvailabilityRules.evaluate(input, now);
        Instant next = s.next() == null ? null : s.next().at();
        Status oldStatus = state == null ? null : state.status();
        Reason oldReason = state == null ? null : state.reason();
        if (s.status() == oldStatus && s.reason() == oldReason) {
            return new Outcome(new State(accountId, userId, s.status(), s.reason(), state.since(), next), List.of());
        }
        Event event = new Event(accountId, userId, now, oldStatus, oldReason, s.status(), s.reason(), actorId, cause);
        return new Outcome(new State(accountId, userId, s.status(), s.reason(), now, next), List.of(event));
    }
}
