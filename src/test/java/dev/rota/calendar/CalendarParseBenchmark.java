package dev.rota.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Parses a generated feed of 5,000 events (1,000 of them recurring weekly, without end) and prints elapsed time
 * and retained heap. Target: at most 2 s and 64 MB extra heap. Not a test: run its {@code main}.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.rota.calendar.CalendarParseBenchmark
 * </pre>
 */
public final class CalendarParseBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    public static void main(String[] args) throws Exception {
        // Production runs at INFO; ical4j's DEBUG output would otherwise dominate the timing.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        byte[] feed = feed(5_000, 1_000);
        System.out.printf("feed: %,d bytes, 5,000 events, 1,000 weekly recurring%n", feed.length);
        Instant from = NOW.minus(Duration.ofDays(30));
        Instant to = NOW.plus(Duration.ofDays(365));
        // Warm-up so class loading and JIT are not counted; then the measured runs.
        for (int i = 0; i < 3; i++) {
            CalendarEvents.parse(feed, ZoneId.of("Europe/Amsterdam"), from, to, OutOfOfficeMatcher.defaults(),
                    Limits.defaults());
        }
        run("default matcher (1,000 single + 200 recurring OOO)", feed, from, to, OutOfOfficeMatcher.defaults(),
                Limits.defaults());
        Limits roomy = new Limits(5 * 1024 * 1024, 1_000, 100_000, 20_000, 10_000, Duration.ofSeconds(10));
        run("every event counted, all 1,000 series expanded", feed, from, to, new OutOfOfficeMatcher(List.of("*")),
                roomy);
    }

    private static void run(String label, byte[] feed, Instant from, Instant to, OutOfOfficeMatcher matcher,
                            Limits limits) throws CalendarException, InterruptedException {
        HeapSampler heap = HeapSampler.start();
        long before = heap.before;
        long started = System.nanoTime();
        ParseResult result = CalendarEvents.parse(feed, ZoneId.of("Europe/Amsterdam"), from, to, matcher, limits);
        long elapsed = System.nanoTime() - started;
        long peak = heap.peak();
        long after = HeapSampler.usedHeapAfterGc();
        System.out.printf("%s: %d ms, %,d periods, %d warnings; heap after GC before %.1f MB, after %.1f MB "
                        + "(retained %.1f MB); peak used during parse %.1f MB (+%.1f MB, garbage included)%n",
                label, elapsed / 1_000_000, result.periods().size(), result.warnings().size(), HeapSampler.mb(before),
                HeapSampler.mb(after), HeapSampler.mb(after - before), HeapSampler.mb(peak), HeapSampler.mb(peak - before));
        if (result.periods().isEmpty()) {
            throw new IllegalStateException("benchmark feed produced nothing");
        }
    }

    /** Events spread over the sync window; every fifth event is out of office by title. */
    public static byte[] feed(int events, int recurring) {
        DateTimeFormatter date = DateTimeFormatter.BASIC_ISO_DATE;
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rota//Benchmark//EN\r\n");
        LocalDate first = LocalDate.of(2026, 11, 1);
        for (int i = 0; i < events; i++) {
            LocalDate day = first.plusDays(i % 360);
            boolean outOfOffice = i % 5 == 0;
            ics.append("BEGIN:VEVENT\r\nUID:event-").append(i).append("@bench.test\r\n")
                    .append("DTSTAMP:20261101T000000Z\r\n")
                    .append("SUMMARY:").append(outOfOffice ? "Out of office - trip " + i : "Customer call " + i)
                    .append("\r\nDTSTART;TZID=W. Europe Standard Time:").append(date.format(day))
                    .append("T0").append(8 + i % 2).append("0000\r\n")
                    .append("DTEND;TZID=W. Europe Standard Time:").append(date.format(day)).append("T110000\r\n")
                    .append("DESCRIPTION:Generated event number ").append(i)
                    .append(" with a description long enough to be folded by a real exporter\\, like Outlook do\r\n")
                    .append(" es.\r\n");
            if (i < recurring) {
                ics.append("RRULE:FREQ=WEEKLY;BYDAY=MO,TH\r\n").append("EXDATE;TZID=W. Europe Standard Time:")
                        .append(date.format(day.plusWeeks(2))).append("T0").append(8 + i % 2).append("0000\r\n");
            }
            ics.append("END:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
