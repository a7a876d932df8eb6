package dev.rota.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient readers for iCalendar date, date-time, duration and recurrence-rule values. */
final class IcsValues {

    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(?:T(\\d{2}):?(\\d{2}):?(\\d{2})?(Z)?)?");
    private static final Pattern DURATION = Pattern.compile(
            "([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    /**
     * A point in time as written: a date (all-day), a wall time in a zone, or UTC (zone = UTC rules).
     * Wall times are turned into instants like {@link java.time.ZonedDateTime}: a time in the spring-forward gap
     * moves forward by the gap, a time in the autumn overlap takes the earlier (summer) offset.
     */
    record Stamp(LocalDateTime wall, ZoneRules zone, boolean dateOnly) {

        Instant instant() {
            return toInstant(wall, zone);
        }

        LocalDate date() {
            return wall.toLocalDate();
        }
    }

    private IcsValues() {
    }

    /** Reads one DTSTART/DTEND/RECURRENCE-ID-like property; empty when the value is not a date. */
    static Optional<Stamp> stamp(IcsTree.Property property, ZoneResolver zones) {
        List<Stamp> all = stamps(property, zones);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Reads every value of an EXDATE/RDATE-like property (comma list); unreadable entries are skipped. */
    static List<Stamp> stamps(IcsTree.Property property, ZoneResolver zones) {
        List<Stamp> result = new ArrayList<>();
        for (String raw : property.value().split(",")) {
            String value = raw.trim();
            if (value.isEmpty() || value.contains("/")) {
                continue; // empty EXDATE, or an RDATE period: not supported
            }
            Matcher m = DATE_TIME.matcher(value.toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                continue;
            }
            LocalDate date;
            try {
                date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            } catch (java.time.DateTimeException e) {
                continue; // 20260230 and the like
            }
            if (m.group(4) == null) {
                result.add(new Stamp(date.atStartOfDay(), zones.fallback(), true));
                continue;
            }
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6))); // leap second 60
            if (hour > 23 || minute > 59) {
                continue;
            }
            LocalDateTime wall = date.atTime(hour, minute, second);
            ZoneRules zone = m.group(7) != null ? ZoneOffset.UTC.getRules()
                    : property.param("TZID").map(zones::resolve).orElse(zones.fallback());
            result.add(new Stamp(wall, zone, false));
        }
        return result;
    }

    /** The wall time of a value, ignoring zone and "Z" (VTIMEZONE observance starts). */
    static Optional<LocalDateTime> wallTime(String value) {
        Matcher m = DATE_TIME.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return Optional.of(date.atTime(time));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A DURATION value as whole days (nominal, follow the wall clock) plus an exact time part. */
    record Span(int days, Duration time) {
    }

    static Optional<Span> duration(String value) {
        Matcher m = DURATION.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches() || value.trim().length() < 3) {
            return Optional.empty();
        }
        if (value.trim().length() > 40) {
            return Optional.empty(); // numbers that long overflow; no real duration needs them
        }
        int sign = "-".equals(m.group(1)) ? -1 : 1;
        int days = sign * (7 * number(m.group(2)) + number(m.group(3)));
        Duration time = Duration.ofHours(number(m.group(4))).plusMinutes(number(m.group(5)))
                .plusSeconds(number(m.group(6)));
        return Optional.of(new Span(days, sign < 0 ? time.negated() : time));
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }

    /** RRULE parts, keys upper-cased, whitespace removed; insertion order kept. */
    static Map<String, String> ruleParts(String rule) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rule.replaceAll("\\s+", "").split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.putIfAbsent(part.substring(0, eq).toUpperCase(Locale.ROOT),
                        part.substring(eq + 1).toUpperCase(Locale.ROOT));
            }
        }
        return parts;
    }

    static Instant toInstant(LocalDateTime wall, ZoneRules zone) {
        List<ZoneOffset> valid = zone.getValidOffsets(wall);
        if (valid.size() == 1) {
            return wall.toInstant(valid.get(0));
        }
        if (valid.isEmpty()) {
            ZoneOffsetTransition gap = zone.getTransition(wall);
            return wall.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
        }
        return wall.toInstant(valid.get(0));
    }

    static LocalDateTime toWall(Instant instant, ZoneRules zone) {
        return LocalDateTime.ofInstant(instant, zone.getOffset(instant));
    }
}
