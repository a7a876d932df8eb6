package dev.rota.routing;

import static java.util.Objects.requireNonNull;

/** One conversation of a backlog drain, routed to {@code userId}, with the trace of that step. */
public record Assignment(String conversationId, String userId, RoutingTrace trace) {

    public Assignment {
        requireNonNull(conversationId, "conversationId");
        requireNonNull(userId, "userId");
        requireNonNull(trace, "trace");
    }
}
