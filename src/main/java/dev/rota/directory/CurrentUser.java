package dev.rota.directory;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/** The authenticated caller: every service call is made on behalf of one, within its account. */
public record CurrentUser(UUID accountId, UUID userId, String email, String name, Role role,
                          Set<Permission> permissions, Seat seat, ZoneId timeZone) {

    public boolean isSuperAdmin() {
        return role == Role.SUPER_ADMIN;
    }

    /** Super admins, or holders of the availability-management permission with a paid seat. */
    public boolean mayManageAvailability() {
        return isSuperAdmin() || (permissions.contains(Permission.AVAILABILITY_MANAGEMENT) && seat.isPaid());
    }

    public boolean is(UUID otherUserId) {
        return userId.equals(otherUserId);
    }
}
