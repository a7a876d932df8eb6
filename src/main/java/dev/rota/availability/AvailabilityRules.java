package dev.rota.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why is this user Away? The effective status at an instant is a pure function of the
 * {@link AvailabilityInput}; {@link #PRECEDENCE} lists the rules in order, the first that matches wins.
 *
 * <p>The status only changes at candidate instants: a period's start or end, the last setting's
 * {@code at} or {@code until}, and the starts and ends of working time. {@code next} walks those
 * forward from t (at most {@link #HORIZON}) until the (status, reason) differs; {@code since} walks
 * them backward, comparing with the status just before each candidate.
 */
public final class AvailabilityRules {

    static final Duration HORIZON = Duration.ofDays(400);

    /** The precedence of SPEC §2 "Status". Each rule returns its verdict, or null when it does not apply. */
    enum Rule {
        /** 1. Inside an out-of-office period (overlapping and adjacent periods count as one). */
        OUT_OF_OFFICE {
            Verdict apply(AvailabilityInput in, Instant t) {
                return in.inPeriod(t) ? Verdict.OUT_OF_OFFICE : null;
            }
        },
        /** 2. A temporary away that has begun and not yet ended. */
        TEMPORARILY_AWAY {
            Verdict apply(AvailabilityInput in, Instant t) {
                return in.temporarilyAwayAt(t) ? Verdict.TEMPORARILY_AWAY : null;
            }
        },
        /** 3. The user has working hours and t is outside them. */
        OUTSIDE_WORKING_HOURS {
            Verdict apply(AvailabilityInput in, Instant t) {
                return in.hasSchedule() && !in.isWorking(t) ? Verdict.OUTSIDE_WORKING_HOURS : null;
            }
        },
        /** 4. An admin set the user Away; only a later setting clears it. */
        SET_BY_ADMIN {
            Verdict apply(AvailabilityInput in, Instant t) {
                StatusSetting s = in.standingSettingAt(t);
                return s != null && s.byAdmin() && s.status() == Status.AWAY ? Verdict.SET_BY_ADMIN : null;
            }
        },
        /**
         * 5. A setting made within the current working-hours span (or at any time without a schedule).
         * With keepManualAwayAcrossShifts a self-set Away also survives later starts of working hours.
         */
        MANUAL {
            Verdict apply(AvailabilityInput in, Instant t) {
                StatusSetting s = in.standingSettingAt(t);
                if (s == null) {
                    return null;
                }
                boolean kept = !in.hasSchedule()
                        || (in.keepManualAwayAcrossShifts() && s.status() == Status.AWAY && !s.byAdmin())
                        || !s.at().isBefore(in.calendar().spanStart(t));
                return kept ? Verdict.manual(s.status()) : null;
            }
        },
        /** 6. Inside working hours, or no schedule at all. */
        SCHEDULE {
            Verdict apply(AvailabilityInput in, Instant t) {
                return in.hasSchedule() ? Verdict.WORKING_HOURS : Verdict.DEFAULT;
            }
        };

        abstract Verdict apply(AvailabilityInput in, Instant t);
    }

    static final List<Rule> PRECEDENCE = List.of(Rule.values());
    private static final Rule[] RULES = Rule.values();

    private AvailabilityRules() {
    }

    /** The effective status at t, with since, until, next change and an explanation. */
    public static EffectiveStatus evaluate(AvailabilityInput in, Instant t) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(t, "t");
        Verdict now = verdictAt(in, t);
        Instant nextAt = nextChange(in, t, now, t.plus(HORIZON));
        EffectiveStatus.Change next = null;
        if (nextAt != null) {
            Verdict then = verdictAt(in, nextAt);
            next = new EffectiveStatus.Change(nextAt, then.status, then.reason);
        }
        Instant since = since(in, t, now);
        StatusSetting s = now == Verdict.SET_BY_ADMIN || now.reason == Reason.MANUAL ? in.lastSetting() : null;
        String explanation = Explanation.of(in, t, now, next, s);
        return new EffectiveStatus(now.status, now.reason, since, nextAt, next,
                s == null ? null : s.actorId(), s == null ? null : s.at(), explanation);
    }

    /**
     * The statuses over {@code [from, to)}: consecutive, without gaps, adjacent equal (status, reason) merged.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     */
    public static List<TimelineInterval> timeline(AvailabilityInput in, Instant from, Instant to) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("to must be after from: " + from + " – " + to);
        }
        List<TimelineInterval> result = new ArrayList<>();
        Instant start = from;
        Verdict current = verdictAt(in, from);
        while (true) {
            Instant change = nextChange(in, start, current, to);
            Instant end = change == null ? to : change;
            result.add(new TimelineInterval(start, end, current.status, current.reason));
            if (change == null) {
                return result;
            }
            start = change;
            current = verdictAt(in, change);
        }
    }

    static Verdict verdictAt(AvailabilityInput in, Instant t) {
        for (Rule rule : RULES) {
            Verdict v = rule.apply(in, t);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("the last rule always applies");
    }

    /** The first candidate after t, before {@code limitExclusive}, whose verdict differs from {@code now}; or null. */
    private static Instant nextChange(AvailabilityInput in, Instant t, Verdict now, Instant limitExclusive) {
        Instant c = t;
        while (true) {
            c = Candidates.after(in, c);
            if (c == null || !c.isBefore(limitExclusive)) {
                return null;
            }
            if (verdictAt(in, c) != now) {
                return c;
            }
        }
    }

    private static Instant since(AvailabilityInput in, Instant t, Verdict now) {
        Instant floor = t.minus(HORIZON);
        Instant c = t;
        while (true) {
            Instant b = Candidates.atOrBefore(in, c);
            if (b == null || b.isBefore(floor)) {
                return null;
            }
            Instant justBefore = b.minusNanos(1);
            if (verdictAt(in, justBefore) != now) {
                return b;
            }
            c = justBefore;
        }
    }
}
