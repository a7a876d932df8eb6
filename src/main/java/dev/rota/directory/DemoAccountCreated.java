package dev.rota.directory;

import java.util.List;
import java.util.UUID;

/** Published, in its transaction, once the demo directory exists, so other features add their demo data. */
public record DemoAccountCreated(UUID accountId, List<UUID> userIds) {
}
