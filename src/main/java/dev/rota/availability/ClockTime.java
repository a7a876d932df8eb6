package dev.rota.availability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local time of day from {@code 00:00} to {@code 24:00} inclusive, with minute precision.
 * {@code 24:00} is the end of the day and is only meaningful as the end of a range.
 *
 * @param minuteOfDay minutes since 00:00, 0..1440
 */
public record ClockTime(int minuteOfDay) implements Comparable<ClockTime> {

    static final int MINUTES_PER_DAY = 1440;
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2}):(\\d{2})");

    public static final ClockTime MIDNIGHT = new ClockTime(0);
    public static final ClockTime END_OF_DAY = new ClockTime(MINUTES_PER_DAY);

    public ClockTime {
        if (minuteOfDay < 0 || minuteOfDay > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("minuteOfDay must be 0..1440: " + minuteOfDay);
        }
    }

    public static ClockTime of(int hour, int minute) {
        if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || (hour == 24 && minute != 0)) {
            throw new IllegalArgumentException("time must be between 00:00 and 24:00: " + hour + ":" + minute);
        }
        return new ClockTime(hour * 60 + minute);
    }

    /**
     * Parses {@code H:mm} or {@code HH:mm}, {@code 00:00} to {@code 24:00}.
     *
     * @throws IllegalArgumentException naming the value when it is not such a time
     */
    public static ClockTime parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            String shown = text == null || text.length() <= 16 ? text : text.substring(0, 16) + "…"; // not all of it
            throw new IllegalArgumentException("time must be HH:mm between 00:00 and 24:00: '" + shown + "'");
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour > 24 || minute > 59 || (hour == 24 && minute != 0)) {
            throw new IllegalArgumentException("time must be HH:mm between 00:00 and 24:00: '" + text + "'");
        }
        return new ClockTime(hour * 60 + minute);
    }

    public boolean isEndOfDay() {
        return minuteOfDay == MINUTES_PER_DAY;
    }

    @Override
    public int compareTo(ClockTime other) {
        return Integer.compare(minuteOfDay, other.minuteOfDay);
    }

    @Override
    public String toString() {
        int h = minuteOfDay / 60;
        int m = minuteOfDay % 60;
        return (h < 10 ? "0" : "") + h + (m < 10 ? ":0" : ":") + m;
    }
}
