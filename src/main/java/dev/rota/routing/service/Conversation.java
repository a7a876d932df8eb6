package dev.rota.routing.service;

import dev.rota.directory.Channel;
import java.time.Instant;
import java.util.UUID;

/** A customer conversation in an inbox; {@code assigneeId} null = waiting in the queue (if OPEN). */
public record Conversation(UUID accountId, UUID id, UUID inboxId, Channel channel, String externalId,
                           String subject, String contactEmail, UUID contactOwnerId, ConversationStatus status,
                           UUID assigneeId, boolean assignedManually, Instant assignedAt, Instant createdAt,
                           Instant closedAt, String routingTrace) {

    public enum ConversationStatus { OPEN, CLOSED }

    public boolean waiting() {
        return status == ConversationStatus.OPEN && assigneeId == null;
    }
}
