package dev.rota.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's weekly working hours in their zone. No ranges means no schedule (no automation).
 *
 * <p>Overlapping and adjacent ranges merge, also across midnight and across Sunday→Monday. Each
 * merged span is interpreted in {@code zone} on each date, through {@link java.time.ZonedDateTime#of}:
 * a local time in a spring-forward gap moves forward by the length of the gap, a local time in a
 * fall-back overlap takes the earlier offset. A span whose end thereby resolves to no later than its
 * start (it lies inside a gap) is empty on that date. All intervals are half-open.
 */
public record WorkingHours(ZoneId zone, List<WorkingRange> ranges) {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(ranges, "ranges");
        ranges = List.copyOf(ranges);
    }

    public static WorkingHours none(ZoneId zone) {
        return new WorkingHours(zone, List.of());
    }

    public boolean hasSchedule() {
        return !ranges.isEmpty();
    }

    public boolean isWorking(Instant t) {
        Objects.requireNonNull(t, "t");
        return hasSchedule() && calendar().isWorking(t);
    }

    /** The next instant strictly after t at which working time starts. */
    public Optional<Instant> nextStart(Instant t) {
        Objects.requireNonNull(t, "t");
        return hasSchedule() ? Optional.ofNullable(calendar().nextStart(t)) : Optional.empty();
    }

    /** The next instant strictly after t at which working time ends. */
    public Optional<Instant> nextEnd(Instant t) {
        Objects.requireNonNull(t, "t");
        return hasSchedule() ? Optional.ofNullable(calendar().nextEnd(t)) : Optional.empty();
    }

    /** Working time within {@code [from, to)}, merged, clipped to the window, in order. */
    public List<Interval> workingIntervals(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return hasSchedule() ? calendar().intervals(from, to) : List.of();
    }

    WorkingCalendar calendar() {
        return WorkingCalendar.of(this);
    }

    /**
     * The local working ranges on {@code date}, clipped to that day (00:00–24:00): an overnight
     * span from the day before shows as {@code 00:00–02:00}, one running into the next day ends at 24:00.
     */
    public List<WorkingRange> hoursOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        WeeklySpans spans = WeeklySpans.of(ranges);
        DayOfWeek day = date.getDayOfWeek();
        if (spans.always) {
            return List.of(new WorkingRange(day, ClockTime.MIDNIGHT, ClockTime.END_OF_DAY));
        }
        int dayStart = (day.getValue() - 1) * ClockTime.MINUTES_PER_DAY;
        int dayEnd = dayStart + ClockTime.MINUTES_PER_DAY;
        int week = WorkingRange.MINUTES_PER_WEEK;
        List<int[]> parts = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            for (int shift : new int[] {-week, 0}) {
                int from = Math.max(spans.starts[i] + shift, dayStart);
                int to = Math.min(spans.ends[i] + shift, dayEnd);
                if (from < to) {
                    parts.add(new int[] {from - dayStart, to - dayStart});
                }
            }
        }
        parts.sort(Comparator.comparingInt(p -> p[0]));
        return parts.stream()
                .map(p -> new WorkingRange(day, new ClockTime(p[0]), new ClockTime(p[1])))
                .toList();
    }

    /**
     * The day's ranges as a person reads them: overlapping or touching ones as one (09:00–13:00 and 12:00–17:00 are
     * 09:00–17:00, as the rules treat them), in minutes from the day's start, an overnight end past 24:00.
     */
    private List<String> mergedOf(DayOfWeek day) {
        List<int[]> spans = ranges.stream().filter(r -> r.day() == day)
                .map(r -> new int[] {r.start().minuteOfDay(),
                        r.overnight() ? r.end().minuteOfDay() + ClockTime.MINUTES_PER_DAY : r.end().minuteOfDay()})
                .sorted(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]))
                .toList();
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(span.clone());
            }
        }
        return merged.stream().map(m -> clock(m[0]) + "–" + clock(m[1] > ClockTime.MINUTES_PER_DAY
                ? m[1] - ClockTime.MINUTES_PER_DAY : m[1])).toList();
    }

    private static String clock(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    /** A summary such as "Mon–Fri 09:00–17:00 Europe/Amsterdam"; consecutive days with equal ranges are grouped. */
    public String describe() {
        if (!hasSchedule()) {
            return "no working hours (" + zone.getId() + ")";
        }
        List<String> perDay = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            perDay.add(String.join(", ", mergedOf(day)));
        }
        List<String> groups = new ArrayList<>();
        int i = 0;
        while (i < 7) {
            int j = i;
            while (j + 1 < 7 && perDay.get(j + 1).equals(perDay.get(i))) {
                j++;
            }
            if (!perDay.get(i).isEmpty()) {
                String days = i == j ? DAYS[i] : DAYS[i] + "–" + DAYS[j];
                groups.add(days + " " + perDay.get(i));
            }
            i = j + 1;
        }
        return String.join("; ", groups) + " " + zone.getId();
    }
}
