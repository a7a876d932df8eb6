package dev.rota.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One endpoint of an account: where its events go. After a failed attempt nothing is sent to it before
 * {@code pausedUntil}. The signing secret is not part of it (see {@link Webhooks}).
 */
public record Webhook(UUID accountId, UUID id, URI url, String description, List<String> events, boolean active,
                      Instant pausedUntil, Instant createdAt, Instant updatedAt) {

    /** The event names an endpoint may ask for; the same names as the live stream's. */
    public static final List<String> EVENTS = List.of("status", "assignment");
}
