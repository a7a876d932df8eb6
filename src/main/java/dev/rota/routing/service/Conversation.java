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

    /**
     * A strong entity tag of this state (RFC 9110 §8.8.3) for {@code If-Match}: it changes with everything the API
     * shows of the conversation, so a client's retried change finds out that it was already made (or overtaken).
     */
    public String etag() {
        String state = String.join("\u0000", String.valueOf(status), String.valueOf(assigneeId),
                String.valueOf(assignedManually), String.valueOf(assignedAt), String.valueOf(closedAt),
                String.valueOf(subject), String.valueOf(contactEmail), String.valueOf(contactOwnerId),
                String.valueOf(routingTrace));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "\"" + java.util.HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
    }

    /** Whether an {@code If-Match} header value ({@code *}, or a list of entity tags) names this state. */
    public boolean matches(String ifMatch) {
        String tag = etag();
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(tag)) { // weak tags never match If-Match (strong comparison)
                return true;
            }
        }
        return false;
    }

    public boolean waiting() {
        return status == ConversationStatus.OPEN && assigneeId == null;
    }
}
