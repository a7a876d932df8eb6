package dev.rota.calendar;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Bounds on one calendar parse. Over {@code maxBytes} the calendar is refused; the other limits cut the result and
 * record a warning: occurrences beyond the per-event or total cap are dropped, events beyond {@code maxEvents} are
 * ignored, logical (unfolded) lines longer than {@code maxLineLength} characters are dropped, and expansion stops
 * once {@code maxExpansionTime} has been spent.
 */
public record Limits(int maxBytes, int maxOccurrencesPerEvent, int maxOccurrencesTotal, int maxEvents,
                     int maxLineLength, Duration maxExpansionTime) {

    public Limits {
        positive(maxBytes, "maxBytes");
        positive(maxOccurrencesPerEvent, "maxOccurrencesPerEvent");
        positive(maxOccurrencesTotal, "maxOccurrencesTotal");
        positive(maxEvents, "maxEvents");
        positive(maxLineLength, "maxLineLength");
        requireNonNull(maxExpansionTime, "maxExpansionTime");
        if (maxExpansionTime.isNegative() || maxExpansionTime.isZero()) {
            throw new IllegalArgumentException("maxExpansionTime must be positive: " + maxExpansionTime);
        }
    }

    /** 5 MB, 1,000 occurrences per event, 20,000 in all, 20,000 events, 10,000-character lines, 2 s. */
    public static Limits defaults() {
        return new Limits(5 * 1024 * 1024, 1_000, 20_000, 20_000, 10_000, Duration.ofSeconds(2));
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
