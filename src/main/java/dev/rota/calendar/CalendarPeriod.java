package dev.rota.calendar;

import java.time.LocalDateTime;

import static java.util.Objects.requireNonNull;

/**
 * One out-of-office occurrence found in a calendar, in the user's zone.
 *
 * @param uid          the event's UID, or a stable synthetic one ({@code synthetic-…}) when the event has none
 * @param recurrenceId null for a non-recurring event; otherwise the occurrence's original start: an ISO date
 *                     ({@code 2026-02-26}) for all-day series, an ISO UTC instant ({@code 2020-09-15T15:30:00Z})
 *                     for timed ones
 * @param title        the event's summary, empty when it has none
 * @param start        local start in the user's zone (inclusive)
 * @param endExclusive local end in the user's zone (exclusive); all-day events end at 00:00 of the day after
 * @param wholeDays    true for all-day (VALUE=DATE) events
 */
public record CalendarPeriod(String uid, String recurrenceId, String title, LocalDateTime start,
                             LocalDateTime endExclusive, boolean wholeDays) {

    public CalendarPeriod {
        requireNonNull(uid, "uid");
        requireNonNull(title, "title");
        requireNonNull(start, "start");
        requireNonNull(endExclusive, "endExclusive");
        if (!endExclusive.isAfter(start)) {
            throw new IllegalArgumentException("endExclusive " + endExclusive + " is not after start " + start);
        }
    }
}
