package dev.rota.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the {@link AvailabilityRules} need for one user: working hours (with the zone in which
 * periods are read), out-of-office periods, the last status setting ({@code null} = never set) and
 * the account setting that keeps a manual Away across the next start of working hours.
 *
 * <p>A value class rather than a record because it holds prepared data: the periods resolved to
 * instants and merged (overlapping or adjacent periods form one), and the working-hours calendar,
 * so that repeated evaluation does no zone arithmetic. Immutable and thread-safe.
 */
public final class AvailabilityInput {

    private final WorkingHours hours;
    private final List<OutOfOfficePeriod> periods;
    private final StatusSetting lastSetting;
    private final boolean keepManualAwayAcrossShifts;

    private final WorkingCalendar calendar;
    /** Merged period instants: even index = start (inclusive), odd = end (exclusive). */
    private final Instant[] periodBounds;
    private volatile String scheduleSummary;

    public AvailabilityInput(WorkingHours hours, List<OutOfOfficePeriod> periods, StatusSetting lastSetting,
                             boolean keepManualAwayAcrossShifts) {
        this.hours = Objects.requireNonNull(hours, "hours");
        this.periods = List.copyOf(Objects.requireNonNull(periods, "periods"));
        this.lastSetting = lastSetting;
        this.keepManualAwayAcrossShifts = keepManualAwayAcrossShifts;
        this.calendar = hours.hasSchedule() ? hours.calendar() : null;
        this.periodBounds = merge(this.periods.stream()
                .flatMap(p -> p.resolve(hours.zone()).stream())
                .sorted(Comparator.comparing(Interval::startInclusive))
                .toList());
    }

    private static Instant[] merge(List<Interval> sorted) {
        List<Instant> bounds = new ArrayList<>();
        for (Interval interval : sorted) {
            int last = bounds.size() - 1;
            if (!bounds.isEmpty() && !interval.startInclusive().isAfter(bounds.get(last))) {
                if (interval.endExclusive().isAfter(bounds.get(last))) {
                    bounds.set(last, interval.endExclusive());
                }
            } else {
                bounds.add(interval.startInclusive());
                bounds.add(interval.endExclusive());
            }
        }
        return bounds.toArray(Instant[]::new);
    }

    public WorkingHours hours() {
        return hours;
    }

    public List<OutOfOfficePeriod> periods() {
        return periods;
    }

    public StatusSetting lastSetting() {
        return lastSetting;
    }

    public boolean keepManualAwayAcrossShifts() {
        return keepManualAwayAcrossShifts;
    }

    // ---- prepared queries for the rules ----

    boolean hasSchedule() {
        return calendar != null;
    }

    WorkingCalendar calendar() {
        return calendar;
    }

    boolean isWorking(Instant t) {
        return calendar != null && calendar.isWorking(t);
    }

    /** Index of the last merged period boundary at or before t, -1 if none; even = inside a period. */
    int periodIndex(Instant t) {
        int lo = 0;
        int hi = periodBounds.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (periodBounds[mid].compareTo(t) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    Instant periodBound(int index) {
        return index >= 0 && index < periodBounds.length ? periodBounds[index] : null;
    }

    boolean inPeriod(Instant t) {
        int i = periodIndex(t);
        return i >= 0 && (i & 1) == 0;
    }

    /** The setting in effect at t, ignoring temporary aways (running or expired). */
    StatusSetting standingSettingAt(Instant t) {
        StatusSetting s = lastSetting;
        return s != null && !s.temporary() && !t.isBefore(s.at()) ? s : null;
    }

    boolean temporarilyAwayAt(Instant t) {
        StatusSetting s = lastSetting;
        return s != null && s.temporary() && !t.isBefore(s.at()) && t.isBefore(s.until());
    }

    String scheduleSummary() {
        String summary = scheduleSummary;
        if (summary == null) {
            summary = hours.describe();
            scheduleSummary = summary;
        }
        return summary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvailabilityInput other
                && hours.equals(other.hours) && periods.equals(other.periods)
                && Objects.equals(lastSetting, other.lastSetting)
                && keepManualAwayAcrossShifts == other.keepManualAwayAcrossShifts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hours, periods, lastSetting, keepManualAwayAcrossShifts);
    }

    @Override
    public String toString() {
        return "AvailabilityInput[hours=" + hours + ", periods=" + periods + ", lastSetting=" + lastSetting
                + ", keepManualAwayAcrossShifts=" + keepManualAwayAcrossShifts + "]";
    }
}
