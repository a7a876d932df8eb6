package dev.rota.ui;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * A user's current status as a page shows it.
 *
 * @param until     when the status (not only its reason) changes next; null when not soon or only the reason does
 * @param setByName who set it, when someone else did (an admin's Away, or a status an admin set them to); else null
 */
public record StatusView(Status status, Reason reason, Instant from, Instant until, String setByName, Instant setAt) {

    /**
     * @param userId whose status it is
     * @param names  the name of a user id (null when unknown)
     */
    static StatusView of(EffectiveStatus s, UUID userId, Function<UUID, String> names) {
        UUID by = s.setBy() == null ? null : dev.rota.platform.Ids.parseOrNull(s.setBy());
        boolean other = by != null && !by.equals(userId)
                && (s.reason() == Reason.SET_BY_ADMIN || s.reason() == Reason.MANUAL);
        // "until" only when the status itself changes then: an admin's Away that turns into "outside working hours"
        // at 17:00 is still Away after it
        // out of office shows the period's start and end (SPEC §2), also when it ends outside working hours
        boolean period = s.reason() == Reason.OUT_OF_OFFICE;
        Instant until = period || (s.next() != null && s.next().status() != s.status()) ? s.until() : null;
        return new StatusView(s.status(), s.reason(), period ? s.since() : null, until, other ? names.apply(by) : null,
                s.setAt());
    }

    public boolean available() {
        return status == Status.AVAILABLE;
    }

    /** An admin's Away, or a status someone else set for this user (the reason "manual" is theirs, not the user's). */
    public boolean setByAdmin() {
        return reason == Reason.SET_BY_ADMIN || (reason == Reason.MANUAL && setByName != null);
    }
}
