package dev.rota.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Team(UUID accountId, UUID id, String name, UUID parentId, List<UUID> memberIds, Instant createdAt) {
}
