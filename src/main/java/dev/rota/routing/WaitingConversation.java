package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An unassigned conversation waiting in the inbox queue. */
public record WaitingConversation(String conversationId, Instant createdAt) {

    public WaitingConversation {
        requireNonNull(conversationId, "conversationId");
        requireNonNull(createdAt, "createdAt");
        if (conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank");
        }
    }
}
