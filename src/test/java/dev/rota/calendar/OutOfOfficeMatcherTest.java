package dev.rota.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutOfOfficeMatcherTest {

    @ParameterizedTest(name = "title ''{0}'' is out of office: {1}")
    @CsvSource(delimiter = '|', value = {
            "Out of office|true",
            "out of OFFICE - dentist|true",
            "Out  of office|true",
            "OOO|true",
            "[OOO] conference|true",
            "Zoom meeting|false",
            "Vacation Spain|true",
            "Vakantie|true",
            "Verlof (halve dag)|true",
            "Afwezig|true",
            "Public Holiday|true",
            "Holidays planning meeting|false",
            "Team meeting|false",
            "Office hours|false",
            "|false"})
    void default_titles_match_as_whole_words(String title, boolean expected) {
        assertThat(OutOfOfficeMatcher.defaults().compile()
                .test(new OutOfOfficeMatcher.EventFacts(title == null ? "" : title, "", "", ""))).isEqualTo(expected);
    }

    @Test
    void outlook_oof_status_marks_any_title() {
        var matcher = OutOfOfficeMatcher.defaults().compile();
        assertThat(matcher.test(new OutOfOfficeMatcher.EventFacts("Trip", "OOF", "", ""))).isTrue();
        assertThat(matcher.test(new OutOfOfficeMatcher.EventFacts("Trip", "BUSY", "OOF", ""))).isTrue();
        assertThat(matcher.test(new OutOfOfficeMatcher.EventFacts("Trip", "BUSY", "BUSY", ""))).isFalse();
    }

    @Test
    void google_out_of_office_event_type_marks_any_title() {
        assertThat(OutOfOfficeMatcher.defaults().compile()
                .test(new OutOfOfficeMatcher.EventFacts("Weg", "", "", "OUTOFOFFICE"))).isTrue();
    }

    @Test
    void a_blank_pattern_is_refused() {
        assertThatThrownBy(() -> new OutOfOfficeMatcher(List.of(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void a_feed_yields_only_out_of_office_events_and_skips_cancelled_ones() throws Exception {
        String ics = """
                BEGIN:VCALENDAR
                VERSION:2.0
                BEGIN:VEVENT
                UID:google-ooo
                SUMMARY:Out of office
                DTSTART:20260310T080000Z
                DTEND:20260310T160000Z
                TRANSP:OPAQUE
                END:VEVENT
                BEGIN:VEVENT
                UID:google-api-ooo
                SUMMARY:Weg
                X-GOOGLE-EVENT-TYPE:outOfOffice
                DTSTART:20260311T080000Z
                DTEND:20260311T160000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:outlook-oof
                SUMMARY:Trip
                X-MICROSOFT-CDO-BUSYSTATUS:OOF
                DTSTART;VALUE=DATE:20260312
                DTEND;VALUE=DATE:20260314
                END:VEVENT
                BEGIN:VEVENT
                UID:transparent-vacation
                SUMMARY:Vacation
                TRANSP:TRANSPARENT
                DTSTART;VALUE=DATE:20260316
                DTEND;VALUE=DATE:20260317
                END:VEVENT
                BEGIN:VEVENT
                UID:cancelled
                SUMMARY:Out of office
                STATUS:CANCELLED
                DTSTART:20260317T080000Z
                DTEND:20260317T160000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:meeting
                SUMMARY:Planning
                DTSTART:20260318T080000Z
                DTEND:20260318T090000Z
                END:VEVENT
                END:VCALENDAR
                """;
        ParseResult result = CalendarEvents.parse(ics.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Amsterdam"),
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                OutOfOfficeMatcher.defaults(), Limits.defaults());
        assertThat(result.periods()).extracting(CalendarPeriod::uid)
                .containsExactly("google-ooo", "google-api-ooo", "outlook-oof", "transparent-vacation");
        assertThat(result.periods().get(2)).extracting(CalendarPeriod::wholeDays, p -> p.start().toString(),
                p -> p.endExclusive().toString()).containsExactly(true, "2026-03-12T00:00", "2026-03-14T00:00");
    }

    @Test
    void a_cancelled_override_deletes_one_occurrence_and_a_moved_one_replaces_it() throws Exception {
        String ics = """
                BEGIN:VCALENDAR
                BEGIN:VEVENT
                UID:weekly
                SUMMARY:OOO
                DTSTART;TZID=Europe/Amsterdam:20260302T090000
                DTEND;TZID=Europe/Amsterdam:20260302T120000
                RRULE:FREQ=WEEKLY;COUNT=4
                RDATE;TZID=Europe/Amsterdam:20260304T090000
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                RECURRENCE-ID:20260309T080000Z
                STATUS:CANCELLED
                SUMMARY:OOO
                DTSTART;TZID=Europe/Amsterdam:20260309T090000
                DTEND;TZID=Europe/Amsterdam:20260309T120000
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly
                RECURRENCE-ID;TZID=Europe/Amsterdam:20260316T090000
                SUMMARY:OOO (moved)
                DTSTART;TZID=Europe/Amsterdam:20260317T130000
                DTEND;TZID=Europe/Amsterdam:20260317T170000
                END:VEVENT
                END:VCALENDAR
                """;
        ParseResult result = CalendarEvents.parse(ics.getBytes(StandardCharsets.UTF_8), ZoneId.of("Europe/Amsterdam"),
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"),
                OutOfOfficeMatcher.defaults(), Limits.defaults());
        // 2, (4 RDATE), (9 cancelled), 16 moved to 17 13:00, 23; CET +1 until 29 March.
        assertThat(result.periods()).extracting(CalendarPeriod::recurrenceId, p -> p.start().toString(),
                        CalendarPeriod::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-03-02T08:00:00Z", "2026-03-02T09:00", "OOO"),
                        org.assertj.core.groups.Tuple.tuple("2026-03-04T08:00:00Z", "2026-03-04T09:00", "OOO"),
                        org.assertj.core.groups.Tuple.tuple("2026-03-16T08:00:00Z", "2026-03-17T13:00", "OOO (moved)"),
                        org.assertj.core.groups.Tuple.tuple("2026-03-23T08:00:00Z", "2026-03-23T09:00", "OOO"));
    }
}
