package dev.rota.availability;

import java.time.Instant;
import java.util.Objects;

/**
 * The last status a person set for the user, taking effect at {@code at} (before {@code at} the
 * rules behave as if nothing was ever set). {@code until} is non-null only for a temporary away,
 * which then ends at {@code until} (exclusive).
 */
public record StatusSetting(Status status, Instant at, String actorId, boolean byAdmin, Instant until) {

    public StatusSetting {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actorId");
        if (until != null && status != Status.AWAY) {
            throw new IllegalArgumentException("only an away status can have an end: " + status);
        }
        if (until != null && !until.isAfter(at)) {
            throw new IllegalArgumentException("until must be after at: " + until);
        }
    }

    /** The user set their own status. */
    public static StatusSetting self(Status status, Instant at, String actorId) {
        return new StatusSetting(status, at, actorId, false, null);
    }

    /** The user set themself away from {@code at} until {@code until} (exclusive). */
    public static StatusSetting temporarilyAway(Instant at, Instant until, String actorId) {
        Objects.requireNonNull(until, "until");
        return new StatusSetting(Status.AWAY, at, actorId, false, until);
    }

    /** An admin set the user's status. */
    public static StatusSetting byAdmin(Status status, Instant at, String adminId) {
        return new StatusSetting(status, at, adminId, true, null);
    }

    public boolean temporary() {
        return until != null;
    }
}
