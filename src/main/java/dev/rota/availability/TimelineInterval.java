package dev.rota.availability;

import java.time.Instant;
import java.util.Objects;

/** A stretch {@code [from, to)} with one status and reason. */
public record TimelineInterval(Instant from, Instant to, Status status, Reason reason) {

    public TimelineInterval {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to must be after from: " + from + " – " + to);
        }
    }
}
