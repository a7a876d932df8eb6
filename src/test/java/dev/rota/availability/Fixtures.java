package dev.rota.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared fixtures. The unit tests live in the week of Monday 2026-11-23 (Amsterdam at UTC+01:00). */
final class Fixtures {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    private Fixtures() {
    }

    /** Mon–Fri 09:00–17:00. */
    static List<WorkingRange> nineToFive() {
        return weekdays("09:00", "17:00");
    }

    static List<WorkingRange> weekdays(String start, String end) {
        List<WorkingRange> ranges = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getValue() <= 5) {
                ranges.add(WorkingRange.of(day, start, end));
            }
        }
        return ranges;
    }

    static List<WorkingRange> everyDay(String start, String end) {
        return Arrays.stream(DayOfWeek.values()).map(d -> WorkingRange.of(d, start, end)).toList();
    }

    static WorkingHours hours(ZoneId zone, List<WorkingRange> ranges) {
        return new WorkingHours(zone, ranges);
    }

    static WorkingHours amsterdamNineToFive() {
        return hours(AMSTERDAM, nineToFive());
    }

    static AvailabilityInput agentWorking(WorkingHours hours) {
        return new AvailabilityInput(hours, List.of(), null, false);
    }

    static AvailabilityInput agent(WorkingHours hours, List<OutOfOfficePeriod> periods, StatusSetting setting) {
        return new AvailabilityInput(hours, periods, setting, false);
    }

    static AvailabilityInput agentKeepingAway(WorkingHours hours, StatusSetting setting) {
        return new AvailabilityInput(hours, List.of(), setting, true);
    }

    /** A local date-time in Amsterdam, e.g. "2026-11-23T10:00". */
    static Instant ams(String localDateTime) {
        return at(localDateTime, AMSTERDAM);
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    static LocalDateTime local(String localDateTime) {
        return LocalDateTime.parse(localDateTime);
    }
}
