package dev.rota.webhooks;

import java.time.Instant;
import java.util.UUID;

/** One event for one endpoint, with the outcome of its attempts so far. */
public record Delivery(UUID accountId, long id, UUID endpointId, String event, long eventId, String payload,
                       Instant createdAt, State state, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                       Integer lastStatus, String lastError, Instant deliveredAt) {

    public enum State {
        PENDING, DELIVERED, FAILED
    }
}
