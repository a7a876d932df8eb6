package dev.rota.directory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** A member of an account. {@code maxOpenConversations} null = the account default applies. */
public record User(UUID accountId, UUID id, String email, String name, Role role, Set<Permission> permissions,
                   Seat seat, ZoneId timeZone, Integer maxOpenConversations, boolean active,
                   Instant createdAt, Instant updatedAt) {

    CurrentUser asCurrentUser() {
        return new CurrentUser(accountId, id, email, name, role, permissions, seat, timeZone);
    }
}
