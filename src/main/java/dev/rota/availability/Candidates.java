package dev.rota.availability;

import java.time.Instant;

/**
 * The instants at which the effective status can change. Inside a period nothing changes before its
 * end, and during a temporary away only a period start or the away's end matter, so those skip ahead.
 */
final class Candidates {

    private Candidates() {
    }

    /** The first candidate strictly after c, or null. */
    static Instant after(AvailabilityInput in, Instant c) {
        int p = in.periodIndex(c);
        if (p >= 0 && (p & 1) == 0) {
            return in.periodBound(p + 1);
        }
        Instant best = in.periodBound(p + 1);
        StatusSetting s = in.lastSetting();
        if (s != null) {
            if (s.at().isAfter(c)) {
                best = min(best, s.at());
            } else if (s.temporary() && s.until().isAfter(c)) {
                return min(best, s.until());
            }
        }
        return in.hasSchedule() ? min(best, in.calendar().nextBoundary(c)) : best;
    }

    /** The last candidate at or before c, or null. */
    static Instant atOrBefore(AvailabilityInput in, Instant c) {
        int p = in.periodIndex(c);
        if (p >= 0 && (p & 1) == 0) {
            return in.periodBound(p);
        }
        Instant best = in.periodBound(p);
        StatusSetting s = in.lastSetting();
        if (s != null && !s.at().isAfter(c)) {
            if (s.temporary() && s.until().isAfter(c)) {
                return max(best, s.at());
            }
            best = max(best, s.at());
            if (s.temporary()) {
                best = max(best, s.until());
            }
        }
        return in.hasSchedule() ? max(best, in.calendar().previousBoundary(c)) : best;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
