package dev.rota.directory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** One customer organisation. {@code defaultMaxOpenConversations} null = no limit. */
public record Account(UUID id, String name, Plan plan, ZoneId timeZone, boolean keepManualAwayAcrossShifts,
                      Integer defaultMaxOpenConversations, Instant createdAt, Instant updatedAt) {
}
