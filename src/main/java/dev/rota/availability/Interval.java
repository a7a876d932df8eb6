package dev.rota.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time {@code [startInclusive, endExclusive)}; never empty. */
public record Interval(Instant startInclusive, Instant endExclusive) {

    public Interval {
        Objects.requireNonNull(startInclusive, "startInclusive");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (!startInclusive.isBefore(endExclusive)) {
            throw new IllegalArgumentException(
                    "endExclusive must be after startInclusive: " + startInclusive + " – " + endExclusive);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(startInclusive) && t.isBefore(endExclusive);
    }

    public Duration duration() {
        return Duration.between(startInclusive, endExclusive);
    }
}
