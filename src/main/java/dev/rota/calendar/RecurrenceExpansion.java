package dev.rota.calendar;

import dev.rota.calendar.IcsValues.Stamp;
import net.fortuna.ical4j.model.Recur;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Expands one RRULE into occurrence starts (wall times in the event's zone) over a window, bounded before ical4j
 * runs: sub-daily frequencies are refused, as are rules whose time-of-day lists multiply beyond 24 and COUNT rules
 * whose start lies so far back that reaching the window would take more than {@link #MAX_INCREMENTS} steps.
 * Without COUNT, ical4j skips to the window with cheap date additions; within it, results are capped at the
 * per-event limit plus one (so the caller can tell it was cut). ical4j stops a rule that never matches after its
 * own {@code maxIncrementCount} (1000) empty steps.
 */
final class RecurrenceExpansion {

    static final long MAX_INCREMENTS = 100_000;
    private static final Set<String> SUB_DAILY = Set.of("SECONDLY", "MINUTELY", "HOURLY");
    private static final Map<String, ChronoUnit> UNITS = Map.of("DAILY", ChronoUnit.DAYS, "WEEKLY", ChronoUnit.WEEKS,
            "MONTHLY", ChronoUnit.MONTHS, "YEARLY", ChronoUnit.YEARS);

    /** Starts from the rule, or the reason it was not expanded; {@code capped} when ical4j stopped at the cap. */
    record Result(List<Stamp> starts, String refusal, boolean capped) {
    }

    private RecurrenceExpansion() {
    }

    static Result expand(String rrule, Stamp seed, Instant windowStart, Instant windowEnd, long marginDays,
                         int maxResults, ZoneResolver zones) {
        Map<String, String> parts = IcsValues.ruleParts(rrule);
        String freq = parts.getOrDefault("FREQ", "");
        if (SUB_DAILY.contains(freq)) {
            return refused("FREQ=" + freq + " is not expanded (sub-daily rules are not out-of-office periods)");
        }
        ChronoUnit unit = UNITS.get(freq);
        if (unit == null) {
            return refused("FREQ '" + freq + "' is not a valid frequency");
        }
        long timeCombinations = (long) listSize(parts, "BYHOUR") * listSize(parts, "BYMINUTE")
                * listSize(parts, "BYSECOND");
        if (timeCombinations > 24) {
            return refused("BYHOUR/BYMINUTE/BYSECOND give " + timeCombinations + " times a day; not expanded");
        }
        int interval;
        try {
            interval = Math.max(1, Integer.parseInt(parts.getOrDefault("INTERVAL", "1")));
        } catch (NumberFormatException e) {
            return refused("INTERVAL '" + parts.get("INTERVAL") + "' is not a number");
        }
        LocalDateTime from = IcsValues.toWall(windowStart, seed.zone()).minusDays(marginDays)
                .minus(interval, unit).minusDays(7);
        LocalDateTime to = IcsValues.toWall(windowEnd, seed.zone()).plusDays(1);
        String until = parts.remove("UNTIL");
        if (until != null) {
            LocalDateTime untilWall = untilWall(until, seed, zones);
            if (untilWall == null) {
                return refused("UNTIL '" + until + "' is not a date");
            }
            if (untilWall.isBefore(to)) {
                to = untilWall;
            }
        }
        if (to.isBefore(seed.wall())) {
            return new Result(List.of(), null, false);
        }
        if (parts.containsKey("COUNT") && unit.between(seed.wall(), to) / interval > MAX_INCREMENTS) {
            return refused("COUNT rule starts too far back (" + seed.wall().toLocalDate() + ") to expand within "
                    + MAX_INCREMENTS + " steps");
        }
        String rule = parts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
        try {
            List<Stamp> starts = new ArrayList<>();
            if (seed.dateOnly()) {
                for (LocalDate date : new Recur<LocalDate>(rule).getDates(seed.date(), from.toLocalDate(),
                        to.toLocalDate(), maxResults)) {
                    starts.add(new Stamp(date.atStartOfDay(), seed.zone(), true));
                }
            } else {
                for (LocalDateTime wall : new Recur<LocalDateTime>(rule).getDates(seed.wall(), from, to, maxResults)) {
                    starts.add(new Stamp(wall, seed.zone(), false));
                }
            }
            return new Result(starts, null, starts.size() >= maxResults);
        } catch (RuntimeException e) {
            return refused("RRULE '" + rrule + "' could not be expanded: " + e.getMessage());
        }
    }

    private static LocalDateTime untilWall(String until, Stamp seed, ZoneResolver zones) {
        var stamps = IcsValues.stamps(new IcsTree.Property("UNTIL", Map.of(), until), zones);
        if (stamps.isEmpty()) {
            return null;
        }
        Stamp stamp = stamps.get(0);
        if (stamp.dateOnly()) {
            return stamp.date().atTime(seed.dateOnly() ? LocalTime.MIDNIGHT : LocalTime.MAX);
        }
        if (until.toUpperCase().endsWith("Z")) {
            if (seed.dateOnly()) {
                return untilDate(stamp, seed).atStartOfDay();
            }
            return IcsValues.toWall(stamp.instant(), seed.zone());
        }
        return stamp.wall();
    }

    /**
     * The last day of an all-day series whose UNTIL is a UTC date-time. Google writes the day itself at
     * 23:59:59Z ("20080323T235959Z" = through 23 March); Exchange writes local midnight of the last day in UTC
     * ("20260817T220000Z" from Amsterdam = through 18 August). So: an end-of-day UTC time keeps its UTC date,
     * anything else is read in the calendar's zone.
     */
    static LocalDate untilDate(Stamp utcUntil, Stamp seed) {
        LocalTime time = utcUntil.wall().toLocalTime();
        if (time.getHour() == 23 && time.getMinute() == 59) {
            return utcUntil.date();
        }
        return IcsValues.toWall(utcUntil.instant(), seed.zone()).toLocalDate();
    }

    private static int listSize(Map<String, String> parts, String key) {
        String value = parts.get(key);
        return value == null || value.isEmpty() ? 1 : value.split(",").length;
    }

    private static Result refused(String reason) {
        return new Result(List.of(), reason, false);
    }
}
