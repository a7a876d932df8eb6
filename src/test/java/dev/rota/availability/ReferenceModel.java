package dev.rota.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A deliberately simple, slow re-statement of SPEC §2 for the property tests: a boolean per minute
 * of the week, every occurrence converted on its own, linear scans and fixpoints instead of merging
 * and binary search. It shares no code with the main implementation except the value types.
 */
final class ReferenceModel {

    private static final int WEEK = 7 * 1440;

    private final List<Instant[]> occurrences = new ArrayList<>();
    private final List<Instant[]> periods = new ArrayList<>();
    private final boolean hasSchedule;
    private final boolean always;
    private final StatusSetting setting;
    private final boolean keep;

    ReferenceModel(WorkingHours hours, List<OutOfOfficePeriod> periodList, StatusSetting setting, boolean keep,
                   Instant from, Instant to) {
        this.setting = setting;
        this.keep = keep;
        this.hasSchedule = !hours.ranges().isEmpty();
        boolean[] covered = new boolean[WEEK];
        for (WorkingRange r : hours.ranges()) {
            int start = (r.day().getValue() - 1) * 1440 + r.start().minuteOfDay();
            int end = r.end().minuteOfDay() > r.start().minuteOfDay()
                    ? (r.day().getValue() - 1) * 1440 + r.end().minuteOfDay()
                    : r.day().getValue() * 1440 + r.end().minuteOfDay();
            for (int m = start; m < end; m++) {
                covered[m % WEEK] = true;
            }
        }
        int uncovered = -1;
        for (int m = 0; m < WEEK; m++) {
            if (!covered[m]) {
                uncovered = m;
                break;
            }
        }
        this.always = hasSchedule && uncovered < 0;
        ZoneId zone = hours.zone();
        if (hasSchedule && !always) {
            List<int[]> runs = new ArrayList<>();
            for (int i = 1; i <= WEEK; i++) {
                int m = (uncovered + i) % WEEK;
                int prev = (m + WEEK - 1) % WEEK;
                if (covered[m] && !covered[prev]) {
                    int length = 0;
                    while (covered[(m + length) % WEEK]) {
                        length++;
                    }
                    runs.add(new int[] {m, length});
                }
            }
            LocalDate monday = LocalDate.ofInstant(from, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(4);
            LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC).plusWeeks(2);
            for (; monday.isBefore(last); monday = monday.plusWeeks(1)) {
                for (int[] run : runs) {
                    Instant s = ZonedDateTime.of(monday.atStartOfDay().plusMinutes(run[0]), zone).toInstant();
                    Instant e = ZonedDateTime.of(monday.atStartOfDay().plusMinutes(run[0] + run[1]), zone).toInstant();
                    if (s.isBefore(e)) {
                        occurrences.add(new Instant[] {s, e});
                    }
                }
            }
        }
        for (OutOfOfficePeriod p : periodList) {
            Instant s = ZonedDateTime.of(p.start(), zone).toInstant();
            Instant e = ZonedDateTime.of(p.endExclusive(), zone).toInstant();
            if (s.isBefore(e)) {
                periods.add(new Instant[] {s, e});
            }
        }
    }

    private static boolean contains(Instant[] i, Instant t) {
        return !t.isBefore(i[0]) && t.isBefore(i[1]);
    }

    boolean working(Instant t) {
        return always || occurrences.stream().anyMatch(o -> contains(o, t));
    }

    /** Start of the connected union of occurrences containing t (adjacent ones connect). */
    private Instant workingSpanStart(Instant t) {
        if (always) {
            return Instant.MIN;
        }
        Instant start = t;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Instant[] o : occurrences) {
                if (o[0].isBefore(start) && !o[1].isBefore(start)) {
                    start = o[0];
                    changed = true;
                }
            }
        }
        return start;
    }

    /** "STATUS/REASON" at t, the rules written as one if-chain. */
    String verdict(Instant t) {
        if (periods.stream().anyMatch(p -> contains(p, t))) {
            return "AWAY/OUT_OF_OFFICE";
        }
        boolean made = setting != null && !t.isBefore(setting.at());
        if (made && setting.until() != null && t.isBefore(setting.until())) {
            return "AWAY/TEMPORARILY_AWAY";
        }
        if (hasSchedule && !working(t)) {
            return "AWAY/OUTSIDE_WORKING_HOURS";
        }
        boolean standing = made && setting.until() == null;
        if (standing && setting.byAdmin() && setting.status() == Status.AWAY) {
            return "AWAY/SET_BY_ADMIN";
        }
        if (standing) {
            boolean applies = !hasSchedule
                    || (keep && !setting.byAdmin() && setting.status() == Status.AWAY)
                    || !setting.at().isBefore(workingSpanStart(t));
            if (applies) {
                return setting.status() + "/MANUAL";
            }
        }
        return hasSchedule ? "AVAILABLE/WORKING_HOURS" : "AVAILABLE/DEFAULT";
    }

    /** The timeline over [from, to) from every instant at which anything starts or ends. */
    List<String> timeline(Instant from, Instant to) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        occurrences.forEach(o -> {
            points.add(o[0]);
            points.add(o[1]);
        });
        periods.forEach(p -> {
            points.add(p[0]);
            points.add(p[1]);
        });
        if (setting != null) {
            points.add(setting.at());
            Optional.ofNullable(setting.until()).ifPresent(points::add);
        }
        List<Instant> inWindow = new ArrayList<>(points.subSet(from, true, to, false));
        List<String> result = new ArrayList<>();
        String current = null;
        Instant currentFrom = null;
        for (Instant p : inWindow) {
            String v = verdict(p);
            if (!v.equals(current)) {
                if (current != null) {
                    result.add(currentFrom + ".." + p + " " + current);
                }
                current = v;
                currentFrom = p;
            }
        }
        result.add(currentFrom + ".." + to + " " + current);
        return result;
    }
}
