package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One candidate in a {@link RoutingTrace}.
 *
 * @param reasons empty when CHOSEN, at least one when SKIPPED
 */
public record TraceEntry(String userId, Outcome outcome, List<Skip> reasons) {

    public enum Outcome { CHOSEN, SKIPPED }

    public TraceEntry {
        requireNonNull(userId, "userId");
        requireNonNull(outcome, "outcome");
        reasons = List.copyOf(requireNonNull(reasons, "reasons"));
        if (outcome == Outcome.CHOSEN && !reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons of CHOSEN " + userId + " must be empty: " + reasons);
        }
        if (outcome == Outcome.SKIPPED && reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons of SKIPPED " + userId + " must not be empty");
        }
    }

    static TraceEntry chosen(String userId) {
        return new TraceEntry(userId, Outcome.CHOSEN, List.of());
    }

    static TraceEntry skipped(String userId, List<Skip> reasons) {
        return new TraceEntry(userId, Outcome.SKIPPED, reasons);
    }
}
