package dev.rota.ui;

import dev.rota.availability.ClockTime;
import dev.rota.availability.WorkingHours;
import dev.rota.availability.WorkingRange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The working-hours form as posted: one row per range, read leniently and checked field by field so
 * every error can be shown next to its row; {@link #ranges()} is only meaningful when {@link #valid()}.
 */
public final class WorkingHoursForm {

    static final int MAX_ROWS = 100;

    /** One row with its message keys per field (null = fine). */
    public record Row(String day, String start, String end, String dayError, String startError, String endError) {

        static Row blank() {
            return new Row("MONDAY", "09:00", "17:00", null, null, null);
        }

        /** The row "+ Add hours" adds: the day after the last row's, with its times (a week is filled in a few clicks). */
        static Row after(List<Row> rows) {
            if (rows.isEmpty()) {
                return blank();
            }
            Row last = rows.get(rows.size() - 1);
            try {
                return new Row(DayOfWeek.valueOf(last.day()).plus(1).name(), last.start(), last.end(), null, null, null);
            } catch (IllegalArgumentException | NullPointerException e) {
                return blank();
            }
        }

        public boolean hasError() {
            return dayError != null || startError != null || endError != null;
        }
    }

    private final String zone;
    private final String zoneError;
    private final List<Row> rows;
    private final List<WorkingRange> ranges;

    private WorkingHoursForm(String zone, String zoneError, List<Row> rows, List<WorkingRange> ranges) {
        this.zone = zone;
        this.zoneError = zoneError;
        this.rows = rows;
        this.ranges = ranges;
    }

    static WorkingHoursForm of(WorkingHours hours) {
        List<Row> rows = hours.ranges().stream()
                .map(r -> new Row(r.day().name(), r.start().toString(), r.end().toString(), null, null, null))
                .toList();
        return new WorkingHoursForm(hours.zone().getId(), null, rows, hours.ranges());
    }

    static WorkingHoursForm parse(String zone, String[] days, String[] starts, String[] ends) {
        int n = Math.max(length(days), Math.max(length(starts), length(ends)));
        // the same zones as the API: IANA regions and UTC, no fixed offsets
        String zoneError = dev.rota.web.Body.TimeZones.parse(zone).isPresent() ? null : "error.zone";
        List<Row> rows = new ArrayList<>();
        List<WorkingRange> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String day = at(days, i);
            String start = at(starts, i);
            String end = at(ends, i);
            String dayError = null;
            String startError = null;
            String endError = null;
            DayOfWeek d = null;
            try {
                d = DayOfWeek.valueOf(day);
            } catch (IllegalArgumentException e) {
                dayError = "error.day";
            }
            ClockTime s = time(start);
            ClockTime e = time(end);
            if (s == null) {
                startError = "error.time";
            } else if (s.isEndOfDay()) {
                startError = "error.startEndOfDay";
            }
            if (e == null) {
                endError = "error.time";
            } else if (s != null && s.equals(e)) {
                endError = "error.sameStartEnd";
            }
            if (dayError == null && startError == null && endError == null && ranges.contains(new WorkingRange(d, s, e))) {
                dayError = "error.duplicateRange"; // the same range twice says nothing more: most likely a row not changed
            }
            rows.add(new Row(day, start, end, dayError, startError, endError));
            if (dayError == null && startError == null && endError == null) {
                ranges.add(new WorkingRange(d, s, e));
            }
        }
        return new WorkingHoursForm(zone, zoneError, rows, ranges);
    }

    WorkingHoursForm withRow(Row row) {
        List<Row> more = new ArrayList<>(rows);
        more.add(row);
        return new WorkingHoursForm(zone, zoneError, more, ranges);
    }

    WorkingHoursForm withoutRow(int index) {
        List<Row> fewer = new ArrayList<>(rows);
        if (index >= 0 && index < fewer.size()) {
            fewer.remove(index);
        }
        return new WorkingHoursForm(zone, zoneError, fewer, ranges);
    }

    boolean valid() {
        return zoneError == null && rows.size() <= MAX_ROWS && rows.stream().noneMatch(Row::hasError);
    }

    String zone() {
        return zone;
    }

    String zoneError() {
        return zoneError;
    }

    List<Row> rows() {
        return rows;
    }

    List<WorkingRange> ranges() {
        return ranges;
    }

    /** Identifies working hours as loaded, so a save can tell whether they changed meanwhile. */
    static String fingerprint(WorkingHours hours) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((hours.zone().getId() + "|" + hours.ranges()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private static ClockTime time(String text) {
        try {
            return ClockTime.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int length(String[] values) {
        return values == null ? 0 : values.length;
    }

    private static String at(String[] values, int i) {
        return values != null && i < values.length ? values[i] : "";
    }
}
