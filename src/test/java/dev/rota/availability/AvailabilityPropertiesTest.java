package dev.rota.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random schedules, periods and settings in real zones, in windows of one to four days
 * around real DST transitions, checked against {@link ReferenceModel}. Re-run a failure with
 * {@code -Davailability.seed=<seed>}; each case's own seed is in its display name.
 */
class AvailabilityPropertiesTest {

    private static final long BASE_SEED = Long.getLong("availability.seed", 20_261_125L);
    private static final int CASES = 300;
    private static final List<ZoneId> ZONES = Stream.of("Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago",
            "America/New_York", "Europe/Amsterdam", "Pacific/Chatham", "Asia/Tehran", "Asia/Beirut",
            "America/Havana", "America/Asuncion", "Pacific/Apia", "Europe/Dublin", "UTC").map(ZoneId::of).toList();

    record Case(long seed, WorkingHours hours, List<OutOfOfficePeriod> periods, StatusSetting setting, boolean keep,
                Instant from, Instant to) {
        @Override
        public String toString() {
            return "seed=" + seed + " " + hours.zone() + " [" + from + ", " + to + ") hours=" + hours.ranges()
                    + " periods=" + periods.stream().map(p -> p.start() + "–" + p.endExclusive()).toList()
                    + " setting=" + setting + " keep=" + keep;
        }
    }

    static Stream<Arguments> cases() {
        System.out.println("AvailabilityPropertiesTest seed " + BASE_SEED);
        return IntStream.range(0, CASES).mapToObj(i -> Arguments.of(generate(BASE_SEED + i)));
    }

    static Case generate(long seed) {
        Random r = new Random(seed);
        ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
        Instant from = nearTransition(zone, r).minus(Duration.ofMinutes(r.nextInt(3 * 1440)));
        Instant to = from.plus(Duration.ofMinutes(1440 + r.nextInt(3 * 1440)));
        List<WorkingRange> ranges = new ArrayList<>();
        if (r.nextInt(10) > 0) {
            for (DayOfWeek day : DayOfWeek.values()) {
                int count = r.nextInt(10) < 7 ? 1 + r.nextInt(3) : 0;
                for (int k = 0; k < count; k++) {
                    ranges.add(randomRange(day, r));
                }
            }
        }
        LocalDateTime localFrom = LocalDateTime.ofInstant(from, zone);
        List<OutOfOfficePeriod> periods = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            LocalDateTime start = localFrom.plusMinutes(r.nextInt(5 * 1440) - 1440);
            if (r.nextBoolean()) {
                periods.add(OutOfOfficePeriod.ofDays("d" + k, start.toLocalDate(), start.toLocalDate().plusDays(r.nextInt(3)),
                        PeriodSource.USER));
            } else {
                start = start.withMinute(r.nextBoolean() ? 0 : start.getMinute());
                periods.add(OutOfOfficePeriod.ofTimes("t" + k, start, start.plusMinutes(15 + r.nextInt(2 * 1440)),
                        PeriodSource.CALENDAR));
            }
        }
        StatusSetting setting = null;
        Instant at = from.plus(Duration.ofMinutes(r.nextInt(4 * 1440) - 2 * 1440)).plusSeconds(r.nextInt(60));
        Status status = r.nextBoolean() ? Status.AWAY : Status.AVAILABLE;
        switch (r.nextInt(5)) {
            case 0 -> setting = StatusSetting.self(status, at, "self");
            case 1 -> setting = StatusSetting.byAdmin(status, at, "admin");
            case 2 -> setting = StatusSetting.temporarilyAway(at, at.plus(Duration.ofMinutes(15 + r.nextInt(600))), "self");
            case 3 -> setting = StatusSetting.self(Status.AWAY, at, "self");
            default -> { }
        }
        return new Case(seed, new WorkingHours(zone, ranges), periods, setting, r.nextInt(3) == 0, from, to);
    }

    private static WorkingRange randomRange(DayOfWeek day, Random r) {
        int start = randomMinute(r);
        int end;
        do {
            int pick = r.nextInt(10);
            end = pick == 0 ? 1440 : pick <= 2 ? r.nextInt(Math.max(1, start)) : randomMinute(r);
        } while (end == start);
        return new WorkingRange(day, new ClockTime(start), new ClockTime(end));
    }

    /** Mostly round times, often the hours at which clocks change. */
    private static int randomMinute(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(1440);
            case 1 -> 30 * r.nextInt(48);
            default -> 15 * r.nextInt(4 * 5) + (r.nextBoolean() ? 0 : 60 * r.nextInt(20));
        } % 1440;
    }

    private static Instant nearTransition(ZoneId zone, Random r) {
        ZoneRules rules = zone.getRules();
        Instant yearStart = Instant.parse((2024 + r.nextInt(5)) + "-01-01T00:00:00Z");
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        ZoneOffsetTransition t = rules.nextTransition(yearStart);
        while (t != null && t.getInstant().isBefore(yearStart.plus(Duration.ofDays(366)))) {
            transitions.add(t);
            t = rules.nextTransition(t.getInstant());
        }
        return transitions.isEmpty()
                ? yearStart.plus(Duration.ofMinutes(r.nextInt(365 * 1440)))
                : transitions.get(r.nextInt(transitions.size())).getInstant();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_rules_agree_with_a_brute_force_reading_of_the_spec(Case c) {
        try {
            check(c);
        } catch (AssertionError e) {
            throw new AssertionError("failing case (base seed " + BASE_SEED + "): " + c + "\n" + e.getMessage(), e);
        }
    }

    private static void check(Case c) {
        AvailabilityInput in = new AvailabilityInput(c.hours(), c.periods(), c.setting(), c.keep());
        ReferenceModel reference = new ReferenceModel(c.hours(), c.periods(), c.setting(), c.keep(), c.from(), c.to());
        List<TimelineInterval> timeline = AvailabilityRules.timeline(in, c.from(), c.to());

        // the exact timeline
        assertThat(timeline.stream().map(i -> i.from() + ".." + i.to() + " " + i.status() + "/" + i.reason()).toList())
                .isEqualTo(reference.timeline(c.from(), c.to()));

        // covers the window without gaps or overlaps, adjacent intervals differ
        assertThat(timeline.get(0).from()).isEqualTo(c.from());
        assertThat(timeline.get(timeline.size() - 1).to()).isEqualTo(c.to());
        for (int i = 1; i < timeline.size(); i++) {
            TimelineInterval prev = timeline.get(i - 1);
            TimelineInterval cur = timeline.get(i);
            assertThat(cur.from()).isEqualTo(prev.to());
            assertThat(cur.status() != prev.status() || cur.reason() != prev.reason()).isTrue();
        }

        // every minute of the window, read the slow way, lies in an interval with its status
        int k = 0;
        for (Instant t = c.from(); t.isBefore(c.to()); t = t.plusSeconds(60)) {
            while (!timeline.get(k).to().isAfter(t)) {
                k++;
            }
            TimelineInterval interval = timeline.get(k);
            assertThat(interval.status() + "/" + interval.reason()).as("at %s", t).isEqualTo(reference.verdict(t));
            assertThat(c.hours().isWorking(t)).as("working at %s", t).isEqualTo(reference.working(t));
        }

        // evaluate agrees with the timeline: at each start, and next/since around it
        Random r = new Random(c.seed());
        for (int i = 0; i < timeline.size(); i++) {
            TimelineInterval interval = timeline.get(i);
            long span = Duration.between(interval.from(), interval.to()).toSeconds();
            for (Instant t : List.of(interval.from(), interval.from().plusSeconds(r.nextLong(Math.max(1, span))))) {
                EffectiveStatus s = AvailabilityRules.evaluate(in, t);
                assertThat(s.status()).as("status at %s", t).isEqualTo(interval.status());
                assertThat(s.reason()).as("reason at %s", t).isEqualTo(interval.reason());
                if (i < timeline.size() - 1) {
                    TimelineInterval next = timeline.get(i + 1);
                    assertThat(s.next()).as("next at %s", t)
                            .isEqualTo(new EffectiveStatus.Change(interval.to(), next.status(), next.reason()));
                } else {
                    assertThat(s.until() == null || !s.until().isBefore(c.to())).as("until at %s", t).isTrue();
                }
                if (i > 0) {
                    assertThat(s.since()).as("since at %s", t).isEqualTo(interval.from());
                } else {
                    assertThat(s.since() == null || !s.since().isAfter(c.from())).as("since at %s", t).isTrue();
                }
                assertThat(s.explanation()).startsWith(s.status() == Status.AWAY ? "Away — " : "Available — ");
            }
        }
    }
}
