package dev.rota.directory;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

public record Inbox(UUID accountId, UUID id, String name, Set<Channel> channels, List<UUID> memberUserIds,
                    List<UUID> memberTeamIds, Instant createdAt) {
}
