package dev.rota.availability;

import java.time.DayOfWeek;
import java.util.Objects;

/**
 * One weekly range of working time, half-open {@code [start, end)} in the user's local time.
 * When {@code end} is not after {@code start} (including {@code end == 00:00}) the range runs
 * overnight and ends on the next day. {@code start} may not be 24:00; {@code start == end} is rejected.
 */
public record WorkingRange(DayOfWeek day, ClockTime start, ClockTime end) {

    static final int MINUTES_PER_WEEK = 7 * ClockTime.MINUTES_PER_DAY;

    public WorkingRange {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isEndOfDay()) {
            throw new IllegalArgumentException("start may not be 24:00: " + start);
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("start and end must differ: " + start + "–" + end);
        }
    }

    public static WorkingRange of(DayOfWeek day, String start, String end) {
        return new WorkingRange(day, ClockTime.parse(start), ClockTime.parse(end));
    }

    /** True when the range ends on the next day. */
    public boolean overnight() {
        return end.minuteOfDay() <= start.minuteOfDay();
    }

    /** Start as minutes since Monday 00:00 local, 0..10079. */
    int weekStartMinute() {
        return (day.getValue() - 1) * ClockTime.MINUTES_PER_DAY + start.minuteOfDay();
    }

    int lengthMinutes() {
        int length = end.minuteOfDay() - start.minuteOfDay();
        return overnight() ? length + ClockTime.MINUTES_PER_DAY : length;
    }

    @Override
    public String toString() {
        return day + " " + start + "–" + end;
    }
}
