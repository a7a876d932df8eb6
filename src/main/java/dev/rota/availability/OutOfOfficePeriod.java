package dev.rota.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A period in which the user is away, {@code [start, endExclusive)} in the user's local time.
 * Whole-day periods run from 00:00 of the first day to 00:00 after the last (inclusive) day.
 * A period is at most 366 days long.
 */
public record OutOfOfficePeriod(String id, LocalDateTime start, LocalDateTime endExclusive, boolean wholeDays,
                                PeriodSource source) {

    static final int MAX_DAYS = 366;

    public OutOfOfficePeriod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        Objects.requireNonNull(source, "source");
        if (!endExclusive.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start: " + start + " – " + endExclusive);
        }
        if (endExclusive.isAfter(start.plusDays(MAX_DAYS))) {
            throw new IllegalArgumentException(
                    "period may not be longer than " + MAX_DAYS + " days: " + start + " – " + endExclusive);
        }
        if (wholeDays && (!start.toLocalTime().equals(LocalTime.MIDNIGHT)
                || !endExclusive.toLocalTime().equals(LocalTime.MIDNIGHT))) {
            throw new IllegalArgumentException("whole days must start and end at 00:00: " + start + " – " + endExclusive);
        }
    }

    /** A period from {@code start} up to (excluding) {@code end}, local times. */
    public static OutOfOfficePeriod ofTimes(String id, LocalDateTime start, LocalDateTime end, PeriodSource source) {
        return new OutOfOfficePeriod(id, start, end, false, source);
    }

    /** Whole days from {@code startDate} to {@code endDateInclusive}, both included. */
    public static OutOfOfficePeriod ofDays(String id, LocalDate startDate, LocalDate endDateInclusive, PeriodSource source) {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDateInclusive, "endDateInclusive");
        if (endDateInclusive.isBefore(startDate)) {
            throw new IllegalArgumentException("endDateInclusive may not be before startDate: " + endDateInclusive);
        }
        return new OutOfOfficePeriod(id, startDate.atStartOfDay(), endDateInclusive.plusDays(1).atStartOfDay(), true, source);
    }

    /**
     * The instants of this period in {@code zone}, with java.time's rules: a local time in a
     * spring-forward gap moves forward by the length of the gap, one in a fall-back overlap takes
     * the earlier offset. Empty only when both ends fall in or next to the same gap so that the
     * end resolves to no later than the start (e.g. 02:30–03:00 on a day that skips 02:00–03:00).
     */
    public Optional<Interval> resolve(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Instant from = ZonedDateTime.of(start, zone).toInstant();
        Instant to = ZonedDateTime.of(endExclusive, zone).toInstant();
        return from.isBefore(to) ? Optional.of(new Interval(from, to)) : Optional.empty();
    }
}
