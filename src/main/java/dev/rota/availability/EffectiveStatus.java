package dev.rota.availability;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's status at an instant and why.
 *
 * @param since       when the current (status, reason) began; null if so for at least ~400 days or always
 * @param until       {@code next.at()}, or null when nothing changes within ~400 days
 * @param next        the next change of status or reason, or null
 * @param setBy       who set it, for {@link Reason#SET_BY_ADMIN} and {@link Reason#MANUAL}; else null
 * @param setAt       when it was set, likewise
 * @param explanation an English sentence, times in the user's zone
 */
public record EffectiveStatus(Status status, Reason reason, Instant since, Instant until, Change next, String setBy,
                              Instant setAt, String explanation) {

    public EffectiveStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
        if (!Objects.equals(until, next == null ? null : next.at())) {
            throw new IllegalArgumentException("until must equal next.at: " + until);
        }
    }

    public boolean isAvailable() {
        return status == Status.AVAILABLE;
    }

    /** The next change of status or reason, at {@code at}. */
    public record Change(Instant at, Status status, Reason reason) {
        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
