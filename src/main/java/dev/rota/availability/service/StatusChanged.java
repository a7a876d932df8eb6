package dev.rota.availability.service;

import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's effective status changed (by a person or by the clock). Published once, by the node that
 * recorded it, inside the recording transaction; {@code oldStatus} is null for a new user.
 */
public record StatusChanged(UUID accountId, UUID userId, long eventId, Instant at, Status oldStatus, Reason oldReason,
                            Status newStatus, Reason newReason, UUID actorId, String cause) {

    public boolean becameAvailable() {
        return newStatus == Status.AVAILABLE && oldStatus != Status.AVAILABLE;
    }
}
