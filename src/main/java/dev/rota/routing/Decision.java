package dev.rota.routing;

import static java.util.Objects.requireNonNull;

/** The outcome of routing one conversation; "nobody eligible" is a value, not an exception. */
public sealed interface Decision {

    RoutingTrace trace();

    /** Route to {@code userId}; the adapter still claims atomically and may lose the race. */
    record Assigned(String userId, RoutingTrace trace) implements Decision {
        public Assigned {
            requireNonNull(userId, "userId");
            requireNonNull(trace, "trace");
            if (!trace.chosen().map(userId::equals).orElse(false)) {
                throw new IllegalArgumentException("trace must mark " + userId + " CHOSEN: " + trace);
            }
        }
    }

    /** Nobody eligible: the conversation waits; every candidate in the trace is SKIPPED with reasons. */
    record Unassigned(RoutingTrace trace) implements Decision {
        public Unassigned {
            requireNonNull(trace, "trace");
            if (trace.chosen().isPresent()) {
                throw new IllegalArgumentException("trace of Unassigned must choose nobody: " + trace);
            }
        }
    }
}
