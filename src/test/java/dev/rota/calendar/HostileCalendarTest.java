package dev.rota.calendar;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile calendars are refused or cut with a warning; the bounds are asserted by counts, never by wall-clock. */
class HostileCalendarTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");
    static final OutOfOfficeMatcher OOO = OutOfOfficeMatcher.defaults();

    @Test
    void a_billion_count_is_cut_to_the_window() throws Exception {
        ParseResult result = parse(calendar(event("count", "20260101T090000Z", "RRULE:FREQ=DAILY;COUNT=1000000000")),
                Limits.defaults());
        assertThat(result.periods()).hasSize(365);
    }

    @Test
    void a_billion_count_is_cut_at_the_per_event_limit_with_a_warning() throws Exception {
        Limits limits = new Limits(5_000_000, 100, 20_000, 20_000, 10_000, Duration.ofSeconds(2));
        ParseResult result = parse(calendar(event("count", "20260101T090000Z", "RRULE:FREQ=DAILY;COUNT=1000000000")),
                limits);
        assertThat(result.periods()).hasSize(100);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("more than 100 occurrences"));
    }

    @Test
    void an_endless_secondly_rule_is_not_expanded() throws Exception {
        ParseResult result = parse(calendar(event("sec", "20260105T090000Z", "RRULE:FREQ=SECONDLY")),
                Limits.defaults());
        assertThat(result.periods()).hasSize(1);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("FREQ=SECONDLY is not expanded"));
    }

    @Test
    void a_minutely_rule_with_a_billion_count_from_long_ago_is_not_expanded() throws Exception {
        ParseResult result = parse(calendar(event("min", "19000101T090000Z", "RRULE:FREQ=MINUTELY;COUNT=1000000000")),
                Limits.defaults());
        assertThat(result.periods()).isEmpty();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("FREQ=MINUTELY"));
    }

    @Test
    void a_count_rule_starting_centuries_ago_is_refused_before_expansion() throws Exception {
        ParseResult result = parse(calendar(event("old", "00010101T090000Z", "RRULE:FREQ=DAILY;COUNT=1000000000")),
                Limits.defaults());
        assertThat(result.periods()).isEmpty();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("too far back"));
    }

    @Test
    void a_rule_that_never_matches_gives_only_its_start() throws Exception {
        ParseResult result = parse(calendar(event("feb30", "20260130T090000Z",
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")), Limits.defaults());
        assertThat(result.periods()).hasSize(1);
        assertThat(result.periods().get(0).start().toLocalDate()).hasToString("2026-01-30");
    }

    @Test
    void a_daily_never_matching_endless_rule_from_year_one_gives_nothing() throws Exception {
        ParseResult result = parse(calendar(event("never", "00010101T090000Z",
                "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31")), Limits.defaults());
        assertThat(result.periods()).isEmpty();
    }

    @Test
    void too_many_times_a_day_is_refused() throws Exception {
        ParseResult result = parse(calendar(event("busy", "20260105T000000Z",
                "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11;BYMINUTE=0,15,30,45")), Limits.defaults());
        assertThat(result.periods()).hasSize(1);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("48 times a day"));
    }

    @Test
    void a_ten_megabyte_folded_line_is_dropped_and_the_event_kept() throws Exception {
        StringBuilder folded = new StringBuilder("DESCRIPTION:");
        for (int i = 0; i < 10 * 1024 * 1024 / 74; i++) {
            folded.append("x".repeat(73)).append("\r\n ");
        }
        folded.append("end");
        byte[] ics = calendar(event("long", "20260105T090000Z", folded.toString()));
        assertThat(ics.length).isGreaterThan(10 * 1024 * 1024);

        Limits roomy = new Limits(20 * 1024 * 1024, 1000, 20_000, 20_000, 10_000, Duration.ofSeconds(2));
        ParseResult result = parse(ics, roomy);
        assertThat(result.periods()).hasSize(1);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("longer than 10000 characters"));
    }

    @Test
    void a_feed_over_the_size_limit_is_refused() {
        byte[] ics = new byte[Limits.defaults().maxBytes() + 1];
        assertThatThrownBy(() -> parse(ics, Limits.defaults())).isInstanceOf(CalendarException.class)
                .hasMessage("calendar larger than 5242880 bytes");
    }

    @Test
    void a_hundred_thousand_events_are_cut_at_the_event_limit() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            events.append("BEGIN:VEVENT\r\nUID:e").append(i).append("\r\nSUMMARY:OOO\r\nDTSTART:20260105T090000Z\r\n")
                    .append("DTEND:20260105T100000Z\r\nEND:VEVENT\r\n");
        }
        byte[] ics = calendar(events.toString());
        Limits limits = new Limits(20 * 1024 * 1024, 1000, 20_000, 20_000, 10_000, Duration.ofSeconds(60));

        ParseResult result = parse(ics, limits);

        assertThat(result.periods()).hasSize(20_000);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("80000 ignored"));
    }

    @Test
    void the_total_occurrence_limit_cuts_across_events() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            events.append(event("daily" + i, "20260101T090000Z", "RRULE:FREQ=DAILY"));
        }
        Limits limits = new Limits(5_000_000, 1000, 500, 20_000, 10_000, Duration.ofSeconds(60));
        ParseResult result = parse(calendar(events.toString()), limits);
        assertThat(result.periods()).hasSize(500);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("more than 500 occurrences"));
        // the latest go, from every series alike: each of the 10 keeps its first 50 days
        assertThat(result.periods().stream().map(CalendarPeriod::uid).distinct()).hasSize(10);
        assertThat(result.periods().get(result.periods().size() - 1).start().toLocalDate())
                .isEqualTo(java.time.LocalDate.of(2026, 2, 19));
    }

    @Test
    void an_event_after_many_recurring_ones_in_the_file_is_kept_when_it_is_near() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            events.append(event("daily" + i, "20260101T090000Z", "RRULE:FREQ=DAILY"));
        }
        events.append(event("vacation", "20260108T090000Z", "SEQUENCE:0"));
        ParseResult result = parse(calendar(events.toString()), Limits.defaults());
        assertThat(result.periods()).hasSize(Limits.defaults().maxOccurrencesTotal());
        assertThat(result.periods()).anySatisfy(p -> assertThat(p.uid()).isEqualTo("vacation"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("the latest were cut"));
    }

    @Test
    void expansion_stops_when_its_time_budget_is_spent() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            events.append(event("e" + i, "20260105T090000Z", "RRULE:FREQ=WEEKLY"));
        }
        AtomicLong fakeNanos = new AtomicLong();
        long second = Duration.ofSeconds(1).toNanos();
        // Each look at the clock costs a second; the budget of 2 s is gone after the second event.
        ParseResult result = CalendarEvents.parse(calendar(events.toString()), ZONE, FROM, TO, OOO,
                Limits.defaults(), () -> fakeNanos.getAndAdd(second));
        assertThat(result.periods().stream().map(CalendarPeriod::uid).distinct()).hasSize(2);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("expansion stopped"));
    }

    @Test
    void a_truncated_file_is_refused() {
        String whole = new String(calendar(event("t", "20260105T090000Z", "RRULE:FREQ=WEEKLY")),
                StandardCharsets.UTF_8);
        byte[] truncated = whole.substring(0, whole.indexOf("RRULE") + 8).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(truncated, Limits.defaults())).isInstanceOf(CalendarException.class)
                .hasMessageContaining("not a readable iCalendar file");
    }

    @Test
    void binary_garbage_is_refused() {
        long seed = 20260105L;
        byte[] garbage = new byte[64 * 1024];
        new Random(seed).nextBytes(garbage);
        assertThatThrownBy(() -> parse(garbage, Limits.defaults())).as("seed %d", seed)
                .isInstanceOf(CalendarException.class);
    }

    @Test
    void html_instead_of_a_calendar_is_refused() {
        byte[] html = "<html><body>Sign in to Outlook</body></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(html, Limits.defaults())).isInstanceOf(CalendarException.class);
    }

    @Test
    void impossible_values_skip_their_event_only() throws Exception {
        String events = "BEGIN:VEVENT\r\nUID:feb30\r\nSUMMARY:OOO\r\nDTSTART:20260230T090000Z\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:hour25\r\nSUMMARY:OOO\r\nDTSTART:20260310T250000Z\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:huge\r\nSUMMARY:OOO\r\nDTSTART:20260310T090000Z\r\n"
                + "DURATION:P99999999999999D\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:badrule\r\nSUMMARY:OOO\r\nDTSTART:20260310T090000Z\r\nDURATION:PT1H\r\n"
                + "RRULE:FREQ=WEEKLY;INTERVAL=x;BYDAY=XX\r\nEND:VEVENT\r\n"
                + event("fine", "20260311T090000Z", "X-NOTHING:1");
        ParseResult result = parse(calendar(events), Limits.defaults());
        assertThat(result.periods()).extracting(CalendarPeriod::uid).contains("fine")
                .doesNotContain("feb30", "hour25");
        assertThat(result.warnings()).isNotEmpty();
    }

    @Test
    void a_tiny_per_event_limit_cuts_an_endless_daily_rule_with_a_warning() throws Exception {
        Limits limits = new Limits(5_000_000, 10, 20_000, 20_000, 10_000, Duration.ofSeconds(2));
        ParseResult result = parse(calendar(event("daily", "20200101T090000Z", "RRULE:FREQ=DAILY")), limits);
        assertThat(result.periods()).hasSize(10);
        assertThat(result.periods().get(0).start().toLocalDate()).hasToString("2026-01-01");
        assertThat(result.warnings()).isNotEmpty();
    }

    static ParseResult parse(byte[] ics, Limits limits) throws CalendarException {
        return CalendarEvents.parse(ics, ZONE, FROM, TO, OOO, limits);
    }

    static String event(String uid, String dtstartUtc, String extraLine) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nSUMMARY:Out of office\r\nDTSTART:" + dtstartUtc + "\r\n"
                + "DURATION:PT1H\r\n" + extraLine + "\r\nEND:VEVENT\r\n";
    }

    static byte[] calendar(String events) {
        return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rota//Test//EN\r\n" + events + "END:VCALENDAR\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
