package dev.rota.calendar;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules of the parser that the real-world corpus does not pin down. */
class CalendarEventsTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void a_holiday_that_started_before_the_window_is_still_reported() throws Exception {
        ParseResult result = parse("""
                BEGIN:VEVENT
                UID:long-holiday
                SUMMARY:Vakantie
                DTSTART;VALUE=DATE:20260301
                DURATION:P2W
                END:VEVENT
                """, "2026-03-10T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(result.periods()).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(LocalDateTime.parse("2026-03-01T00:00"));
            assertThat(p.endExclusive()).isEqualTo(LocalDateTime.parse("2026-03-15T00:00"));
            assertThat(p.recurrenceId()).isNull();
        });
    }

    @Test
    void an_event_ending_exactly_at_the_window_start_is_not_reported() throws Exception {
        ParseResult result = parse("""
                BEGIN:VEVENT
                UID:before
                SUMMARY:OOO
                DTSTART:20260309T220000Z
                DTEND:20260310T000000Z
                END:VEVENT
                """, "2026-03-10T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(result.periods()).isEmpty();
    }

    @Test
    void a_start_in_the_spring_forward_gap_moves_forward_by_the_gap() throws Exception {
        // Amsterdam skips 02:00-03:00 on 29 March 2026 (+01 -> +02): 02:30 does not exist and becomes 03:30.
        ParseResult result = parse("""
                BEGIN:VEVENT
                UID:gap
                SUMMARY:OOO
                DTSTART;TZID=Europe/Amsterdam:20260329T023000
                DTEND;TZID=Europe/Amsterdam:20260329T050000
                END:VEVENT
                """, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(result.periods()).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(LocalDateTime.parse("2026-03-29T03:30"));
            assertThat(p.endExclusive()).isEqualTo(LocalDateTime.parse("2026-03-29T05:00"));
        });
    }

    @Test
    void a_weekly_rule_keeps_its_wall_time_across_the_dst_change() throws Exception {
        // 09:00 Amsterdam is 08:00Z in March (+01) and 07:00Z in April (+02); the user in New York sees
        // 04:00 (EDT -4) then 03:00.
        ParseResult result = CalendarEvents.parse(bytes("""
                BEGIN:VEVENT
                UID:weekly
                SUMMARY:OOO
                DTSTART;TZID=Europe/Amsterdam:20260323T090000
                DTEND;TZID=Europe/Amsterdam:20260323T100000
                RRULE:FREQ=WEEKLY;COUNT=2
                END:VEVENT
                """), ZoneId.of("America/New_York"), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-05-01T00:00:00Z"), OutOfOfficeMatcher.defaults(), Limits.defaults());
        assertThat(result.periods()).extracting(CalendarPeriod::start).containsExactly(
                LocalDateTime.parse("2026-03-23T04:00"), LocalDateTime.parse("2026-03-30T03:00"));
        assertThat(result.periods()).extracting(CalendarPeriod::recurrenceId)
                .containsExactly("2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z");
    }

    @Test
    void floating_times_are_read_in_the_calendars_declared_zone() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:America/New_York\r\nBEGIN:VEVENT\r\nUID:f\r\n"
                + "SUMMARY:OOO\r\nDTSTART:20260310T090000\r\nDTEND:20260310T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        ParseResult result = CalendarEvents.parse(ics.getBytes(StandardCharsets.UTF_8), AMSTERDAM,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                OutOfOfficeMatcher.defaults(), Limits.defaults());
        // 09:00 EDT (-4, since 8 March) = 13:00Z = 14:00 CET.
        assertThat(result.periods()).extracting(CalendarPeriod::start)
                .containsExactly(LocalDateTime.parse("2026-03-10T14:00"));
    }

    @Test
    void an_unknown_zone_falls_back_with_a_warning() throws Exception {
        ParseResult result = parse("""
                BEGIN:VEVENT
                UID:unknown
                SUMMARY:OOO
                DTSTART;TZID=Mars/Olympus_Mons:20260310T090000
                DTEND;TZID=Mars/Olympus_Mons:20260310T100000
                END:VEVENT
                """, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(result.periods()).extracting(CalendarPeriod::start)
                .containsExactly(LocalDateTime.parse("2026-03-10T09:00"));
        assertThat(result.warnings()).containsExactly(
                "time zone 'Mars/Olympus_Mons' is unknown; used the calendar's default zone");
    }

    @Test
    void the_same_event_twice_is_reported_once() throws Exception {
        String event = """
                BEGIN:VEVENT
                UID:dup
                SUMMARY:OOO
                DTSTART:20260310T090000Z
                DTEND:20260310T100000Z
                END:VEVENT
                """;
        ParseResult result = parse(event + event, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
        assertThat(result.periods()).hasSize(1);
    }

    @Test
    void a_written_back_period_reads_back_as_the_same_period() throws Exception {
        String ics = OutOfOfficeEventWriter.write("rota-42", "42", "Ski trip; back on Monday, promise\n(really)",
                LocalDateTime.parse("2026-03-10T13:00"), LocalDateTime.parse("2026-03-10T17:30"), false, AMSTERDAM,
                Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ics).contains("DTSTART:20260310T120000Z", "DTEND:20260310T163000Z",
                "DESCRIPTION:Ski trip\\; back on Monday\\, promise\\n(really)", "X-ROTA-PERIOD-ID:42",
                "TRANSP:OPAQUE", "SUMMARY:Out of office");
        assertThat(ics.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));

        ParseResult result = CalendarEvents.parse(ics.getBytes(StandardCharsets.UTF_8), AMSTERDAM,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                new OutOfOfficeMatcher(java.util.List.of("Nothing matches this title")), Limits.defaults());
        assertThat(result.periods()).singleElement().satisfies(p -> {
            assertThat(p.uid()).isEqualTo("rota-42");
            assertThat(p.start()).isEqualTo(LocalDateTime.parse("2026-03-10T13:00"));
            assertThat(p.endExclusive()).isEqualTo(LocalDateTime.parse("2026-03-10T17:30"));
        });
    }

    @Test
    void a_long_non_ascii_note_is_folded_without_splitting_characters() {
        String note = "Vakantie in Curaçao — één week zónder laptop ".repeat(5);
        String ics = OutOfOfficeEventWriter.write("rota-43", "43", note, LocalDateTime.parse("2026-03-10T00:00"),
                LocalDateTime.parse("2026-03-17T00:00"), true, AMSTERDAM, Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ics).contains("DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260317");
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("DESCRIPTION:" + note.replace(",", "\\,"));
        assertThat(ics.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    private static ParseResult parse(String vevents, String from, String to) throws CalendarException {
        return CalendarEvents.parse(bytes(vevents), AMSTERDAM, Instant.parse(from), Instant.parse(to),
                OutOfOfficeMatcher.defaults(), Limits.defaults());
    }

    private static byte[] bytes(String vevents) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\n" + vevents + "END:VCALENDAR\n").getBytes(StandardCharsets.UTF_8);
    }
}
