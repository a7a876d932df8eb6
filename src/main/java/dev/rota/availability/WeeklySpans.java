package dev.rota.availability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The weekly ranges merged into maximal local spans, in minutes since Monday 00:00.
 * A span starts in 0..10079 and may end past the end of the week (it then continues into next week).
 */
final class WeeklySpans {

    private static final int WEEK = WorkingRange.MINUTES_PER_WEEK;

    final int[] starts;
    final int[] ends;
    /** The ranges cover the whole week: always working. */
    final boolean always;

    private WeeklySpans(int[] starts, int[] ends, boolean always) {
        this.starts = starts;
        this.ends = ends;
        this.always = always;
    }

    static WeeklySpans of(List<WorkingRange> ranges) {
        List<int[]> spans = new ArrayList<>();
        ranges.stream()
                .map(r -> new int[] {r.weekStartMinute(), r.weekStartMinute() + r.lengthMinutes()})
                .sorted(Comparator.comparingInt(s -> s[0]))
                .forEach(s -> {
                    int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                    if (last != null && s[0] <= last[1]) {
                        last[1] = Math.max(last[1], s[1]);
                    } else {
                        spans.add(s);
                    }
                });
        // A span running past Sunday 24:00 may swallow the first spans of the week.
        while (spans.size() > 1) {
            int[] first = spans.get(0);
            int[] last = spans.get(spans.size() - 1);
            if (last[1] < first[0] + WEEK) {
                break;
            }
            last[1] = Math.max(last[1], first[1] + WEEK);
            spans.remove(0);
        }
        boolean always = spans.size() == 1 && spans.get(0)[1] - spans.get(0)[0] >= WEEK;
        if (always) {
            return new WeeklySpans(new int[0], new int[0], true);
        }
        return new WeeklySpans(spans.stream().mapToInt(s -> s[0]).toArray(), spans.stream().mapToInt(s -> s[1]).toArray(), false);
    }

    int size() {
        return starts.length;
    }
}
