package dev.rota.ui;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import java.time.Instant;

/**
 * A user's current status as a page shows it.
 *
 * @param setByName who set it, for a status set by an admin; else null
 */
public record StatusView(Status status, Reason reason, Instant until, String setByName, Instant setAt) {

    static StatusView of(EffectiveStatus s, String setByName) {
        return new StatusView(s.status(), s.reason(), s.until(), setByName, s.setAt());
    }

    public boolean available() {
        return status == Status.AVAILABLE;
    }

    public boolean setByAdmin() {
        return reason == Reason.SET_BY_ADMIN;
    }
}
