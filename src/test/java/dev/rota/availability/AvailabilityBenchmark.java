package dev.rota.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code evaluate} with a Mon–Fri schedule and 20 out-of-office periods, at instants spread over a
 * year (so the walk for next and since varies), and a one-year {@code timeline}. Run {@link #main}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AvailabilityBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

    private AvailabilityInput input;
    private Instant[] instants;
    private int next;

    @Setup
    public void setUp() {
        List<WorkingRange> ranges = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            ranges.add(WorkingRange.of(day, "09:00", "17:00"));
        }
        List<OutOfOfficePeriod> periods = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 5);
        for (int i = 0; i < 20; i++) {
            if (i % 2 == 0) {
                periods.add(OutOfOfficePeriod.ofDays("d" + i, day, day.plusDays(1), PeriodSource.USER));
            } else {
                LocalDateTime start = day.atTime(11, 0);
                periods.add(OutOfOfficePeriod.ofTimes("t" + i, start, start.plusHours(3), PeriodSource.CALENDAR));
            }
            day = day.plusDays(17);
        }
        StatusSetting setting = StatusSetting.self(Status.AWAY, Instant.parse("2026-03-02T10:00:00Z"), "agent-1");
        input = new AvailabilityInput(new WorkingHours(ZONE, ranges), periods, setting, false);
        instants = new Instant[1024];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = YEAR_START.plus(Duration.ofMinutes(i * 509L));
        }
        for (Instant t : instants) {
            AvailabilityRules.evaluate(input, t);
        }
    }

    @Benchmark
    public EffectiveStatus evaluate() {
        Instant t = instants[next++ & (instants.length - 1)];
        return AvailabilityRules.evaluate(input, t);
    }

    @Benchmark
    public List<TimelineInterval> timelineOneYear() {
        return AvailabilityRules.timeline(input, YEAR_START, YEAR_START.plus(Duration.ofDays(365)));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AvailabilityBenchmark.class.getName()).build()).run();
    }
}
