package dev.rota.calendar;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per real-world export in src/test/resources/ics (see SOURCES.md there). Most of these files hold no
 * out-of-office events, so they are read with {@link #EVERY_EVENT} to check expansion and zones; expected local
 * times were worked out by hand from each file (offsets in the comments).
 */
class CalendarCorpusTest {

    static final OutOfOfficeMatcher EVERY_EVENT = new OutOfOfficeMatcher(List.of("*"));
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void outlook_web_access_display_name_zones_without_uid_or_vtimezone() throws Exception {
        ParseResult result = parse("node-ical__Office-2012-owa.ics", AMSTERDAM, "2020-10-01", "2020-11-10");

        // Sydney AEDT +11, New York EDT -4 until 1 Nov then EST -5; Amsterdam CET +1 after 25 Oct.
        assertThat(result.periods()).extracting(CalendarPeriod::title, CalendarPeriod::start,
                        CalendarPeriod::endExclusive)
                .containsExactly(
                        tuple("TEST Syd", "2020-10-28T03:30", "2020-10-28T05:00"),
                        tuple("TEST", "2020-10-28T18:30", "2020-10-28T20:00"),
                        tuple("TEST 3", "2020-11-02T19:30", "2020-11-02T21:00"),
                        tuple("TEST2", "2020-11-02T19:30", "2020-11-02T21:00"),
                        tuple("TEST2", "2020-11-05T19:30", "2020-11-05T21:00"),
                        tuple("TEST2", "2020-11-06T19:30", "2020-11-06T21:00"));
        assertThat(result.periods()).allSatisfy(p -> assertThat(p.uid()).startsWith("synthetic-"));
        assertThat(result.periods().stream().map(CalendarPeriod::uid).distinct()).hasSize(4);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void synthetic_uids_are_stable_across_syncs() throws Exception {
        ParseResult first = parse("node-ical__Office-2012-owa.ics", AMSTERDAM, "2020-10-01", "2020-11-10");
        ParseResult second = parse("node-ical__Office-2012-owa.ics", AMSTERDAM, "2020-10-01", "2020-11-10");
        assertThat(second.periods()).isEqualTo(first.periods());
    }

    @Test
    void a_display_name_zone_reads_in_its_own_city() throws Exception {
        ParseResult result = parse("node-ical__Office-2012-owa.ics", ZoneId.of("Australia/Sydney"),
                "2020-10-28", "2020-10-29");
        assertThat(result.periods()).filteredOn(p -> p.title().equals("TEST Syd"))
                .extracting(CalendarPeriod::start).containsExactly(LocalDateTime.parse("2020-10-28T13:30"));
    }

    @Test
    void exchange_windows_zone_names_and_a_quote_that_swallowed_the_value() throws Exception {
        ParseResult result = parse("node-ical__ms_timezones.ics", AMSTERDAM, "2020-09-01", "2020-09-20");

        // W. Europe = Amsterdam (CEST +2); Pacific PDT -7 -> +9 h to Amsterdam.
        assertThat(byTitle(result, "test")).extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .containsExactly(tuple("2020-09-10T09:00", "2020-09-10T09:30"));
        assertThat(byTitle(result, "Not the actual summary 1"))
                .extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .containsExactly(tuple("2020-09-15T17:30", "2020-09-15T18:30"));
        // DTSTART;TZID="W. Europe Standard Time:20200609T090000": weekly MO-SA at 09:00, 17 days in the window.
        assertThat(byTitle(result, "Log Yesterday's Jira time")).hasSize(17)
                .allSatisfy(p -> assertThat(p.start().toLocalTime()).hasToString("09:00"))
                .noneSatisfy(p -> assertThat(p.start().getDayOfWeek()).hasToString("SUNDAY"));
        // TU,TH,FR,SU at 12:00 PDT = 21:00 CEST; EXDATE (folded list) removes Thursday 3 September.
        assertThat(byTitle(result, "Not the actual summary either")).extracting(p -> p.start().toLocalDate())
                .containsExactly(dates("2020-09-01", "2020-09-04", "2020-09-06", "2020-09-08", "2020-09-10",
                        "2020-09-11", "2020-09-13", "2020-09-15", "2020-09-17", "2020-09-18"));
        assertThat(byTitle(result, "Not the actual summary either"))
                .allSatisfy(p -> assertThat(p.start().toLocalTime()).hasToString("21:00"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void exchange_all_day_series_with_a_moved_occurrence() throws Exception {
        ParseResult result = parse("node-ical__exchange_whole_day_moved_recurrence.ics", AMSTERDAM,
                "2026-02-15", "2026-03-09");

        assertThat(result.periods()).extracting(CalendarPeriod::recurrenceId, CalendarPeriod::start,
                        CalendarPeriod::endExclusive)
                .containsExactly(
                        tuple("2026-02-19", "2026-02-19T00:00", "2026-02-20T00:00"),
                        tuple("2026-02-24", "2026-02-24T00:00", "2026-02-25T00:00"),
                        tuple("2026-02-26", "2026-02-27T00:00", "2026-02-28T00:00"),
                        tuple("2026-03-03", "2026-03-03T00:00", "2026-03-04T00:00"),
                        tuple("2026-03-05", "2026-03-05T00:00", "2026-03-06T00:00"));
        assertThat(result.periods()).allSatisfy(p -> {
            assertThat(p.wholeDays()).isTrue();
            assertThat(p.uid()).isEqualTo("exchange-moved-recurrence");
        });
    }

    @Test
    void exchange_all_day_until_is_local_midnight_of_the_last_day() throws Exception {
        // UNTIL=20260817T220000Z is 18 August 00:00 CEST: Tuesday 18 August is the last occurrence.
        ParseResult result = parse("node-ical__exchange_whole_day_moved_recurrence.ics", AMSTERDAM,
                "2026-08-10", "2026-09-01");
        assertThat(result.periods()).extracting(p -> p.start().toLocalDate())
                .containsExactly(dates("2026-08-11", "2026-08-13", "2026-08-18"));
    }

    @Test
    void google_legacy_zone_alias_and_folded_exdate_list() throws Exception {
        ParseResult result = parse("node-ical__biweekly-exdate-until.ics", CHICAGO, "2017-02-01", "2017-09-01");

        // US/Central 09:00-19:00, every other week MO,TH; EXDATE 6, 17, 20 Jul and 3 Aug; UNTIL 13 Aug 23:59 CDT.
        List<CalendarPeriod> series = result.periods().stream()
                .filter(p -> p.uid().equals("98765432-ABCD-DCBB-999A-987765432123")).toList();
        assertThat(series).extracting(p -> p.start().toLocalDate()).containsExactly(dates(
                "2017-02-16", "2017-02-27", "2017-03-02", "2017-03-13", "2017-03-16", "2017-03-27", "2017-03-30",
                "2017-04-10", "2017-04-13", "2017-04-24", "2017-04-27", "2017-05-08", "2017-05-11", "2017-05-22",
                "2017-05-25", "2017-06-05", "2017-06-08", "2017-06-19", "2017-06-22", "2017-07-03", "2017-07-31"));
        assertThat(series).allSatisfy(p -> {
            assertThat(p.start().toLocalTime()).hasToString("09:00");
            assertThat(p.endExclusive().toLocalTime()).hasToString("19:00");
        });
    }

    @Test
    void floating_and_date_only_exdates_do_not_remove_utc_occurrences() throws Exception {
        ParseResult result = parse("node-ical__biweekly-exdate-until.ics", CHICAGO, "2017-12-17", "2017-12-21");

        // 14:00Z = 08:00 CST; EXDATE 20171218T060000 (floating, Kiev) and 20200116 match nothing.
        assertThat(result.periods()).extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .containsExactly(tuple("2017-12-18T08:00", "2017-12-18T18:00"),
                        tuple("2017-12-19T08:00", "2017-12-19T18:00"));
    }

    @Test
    void endless_weekly_all_day_rule_is_expanded_over_the_window_only() throws Exception {
        ZoneId bucharest = ZoneId.of("Europe/Bucharest");
        ParseResult month = parse("node-ical__test_with_forward_TZ.ics", bucharest, "2026-01-01", "2026-02-01");
        assertThat(month.periods()).extracting(p -> p.start().toLocalDate())
                .containsExactly(dates("2026-01-03", "2026-01-10", "2026-01-17", "2026-01-24", "2026-01-31"));

        ParseResult year = CalendarEvents.parse(read("node-ical__test_with_forward_TZ.ics"), bucharest,
                Instant.parse("2025-11-26T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"), EVERY_EVENT,
                Limits.defaults());
        assertThat(year.periods()).hasSize(57).allSatisfy(p -> assertThat(p.wholeDays()).isTrue());
    }

    @Test
    void until_before_dtstart_gives_no_occurrences() throws Exception {
        ParseResult result = parse("node-ical__test_with_tz_list.ics", AMSTERDAM, "2020-01-01", "2026-01-01");
        assertThat(result.periods()).isEmpty();
        assertThat(result.warnings()).isEmpty(); // the display-name zone was recognised
    }

    @Test
    void date_only_exdate_without_value_param_removes_the_all_day_occurrence() throws Exception {
        ParseResult result = parse("node-ical__exdate_date_only.ics", ZoneId.of("Europe/Brussels"),
                "2039-01-01", "2042-01-01");
        assertThat(result.periods()).extracting(p -> p.start().toLocalDate())
                .containsExactly(dates("2039-01-16", "2041-01-16"));
    }

    @Test
    void byday_with_spaces_folded_mid_value() throws Exception {
        ParseResult result = parse("icalendar__issue_165_missing_event.ics", AMSTERDAM, "2015-07-01",
                "2015-08-01");
        // Custom VTIMEZONE +01/+02 (CEST in July); weekdays from Fri 3 July until 22 July 08:00Z (10:00 CEST).
        assertThat(result.periods()).hasSize(14);
        assertThat(result.periods().get(0)).extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .isEqualTo(List.of(LocalDateTime.parse("2015-07-03T10:00"), LocalDateTime.parse("2015-07-03T10:30")));
        assertThat(result.periods().get(13).start()).isEqualTo(LocalDateTime.parse("2015-07-22T10:00"));
        assertThat(result.periods()).noneSatisfy(p ->
                assertThat(p.start().getDayOfWeek().getValue()).isGreaterThan(5));
    }

    @Test
    void empty_exdate_is_ignored_and_events_without_uid_stay_apart() throws Exception {
        ParseResult result = parse("icalendar__parsing_error.ics", AMSTERDAM, "2008-03-01", "2008-04-01");
        // Daily 3-23 March (UNTIL 23:59:59Z = through the 23rd) minus 11 March, for each of the two events.
        assertThat(result.periods()).hasSize(40);
        assertThat(result.periods().stream().map(CalendarPeriod::uid).distinct()).hasSize(2);
        assertThat(result.periods()).noneSatisfy(p ->
                assertThat(p.start().toLocalDate()).isIn(LocalDate.parse("2008-03-11"), LocalDate.parse("2008-03-24")));
    }

    @Test
    void a_bare_vtimezone_without_vcalendar_is_refused() {
        assertThatThrownBy(() -> parse("icalendar__issue_237_brazilia_standard.ics", AMSTERDAM, "2020-01-01",
                "2021-01-01"))
                .isInstanceOf(CalendarException.class).hasMessageContaining("VCALENDAR");
    }

    @Test
    void utc_exdates_remove_local_occurrences_and_duration_replaces_dtend() throws Exception {
        ParseResult result = parse("ical4j__EXDATE-IN-UTC.ics", CHICAGO, "2007-05-01", "2007-06-10");
        // 05:15 CDT = 10:15Z; EXDATE 20070515T101500Z and 20070522T101500Z; DURATION PT1H.
        assertThat(result.periods()).extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .containsExactly(tuple("2007-05-08T05:15", "2007-05-08T06:15"),
                        tuple("2007-05-29T05:15", "2007-05-29T06:15"),
                        tuple("2007-06-05T05:15", "2007-06-05T06:15"));
    }

    @Test
    void vtimezone_with_year_0001_observances() throws Exception {
        ParseResult result = parse("node-ical__vtimezone-year-0001-dtstart.ics", ZoneId.of("Europe/Berlin"),
                "2024-05-01", "2024-07-01");
        assertThat(result.periods()).extracting(CalendarPeriod::uid, CalendarPeriod::start,
                        CalendarPeriod::endExclusive)
                .containsExactly(tuple("vtimezone-year-0001-test@node-ical", "2024-06-01T10:00", "2024-06-01T11:00"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void integer_like_tzid_with_leading_space_and_vevent_before_vtimezone() throws Exception {
        ParseResult result = parse("node-ical__test_with_int_tzid.ics", ZoneId.of("Europe/Paris"),
                "2023-12-01", "2024-02-01");
        assertThat(result.periods()).extracting(CalendarPeriod::title, CalendarPeriod::start,
                        CalendarPeriod::endExclusive)
                .containsExactly(tuple("test export import", "2023-12-15T15:00", "2023-12-15T16:00"),
                        tuple("Atelier groupes portail/Nuage", "2024-01-08T11:00", "2024-01-08T12:00"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void custom_vtimezone_rules_follow_their_own_dst_change() throws Exception {
        ParseResult result = parse("node-ical__bad_ms_tz.ics", ZoneId.of("America/New_York"), "2020-10-26",
                "2020-11-07");
        // "Customized Time Zone": -04 until the first Sunday of November, then -05; 10:35 local either side.
        assertThat(result.periods()).extracting(CalendarPeriod::start, CalendarPeriod::endExclusive)
                .containsExactly(tuple("2020-10-27T10:35", "2020-10-27T11:50"),
                        tuple("2020-10-29T10:35", "2020-10-29T11:50"),
                        tuple("2020-11-03T10:35", "2020-11-03T11:50"),
                        tuple("2020-11-05T10:35", "2020-11-05T11:50"));
        assertThat(result.warnings()).isEmpty();
    }

    static ParseResult parse(String file, ZoneId zone, String fromDate, String toDate) throws CalendarException {
        return CalendarEvents.parse(read(file), zone, Instant.parse(fromDate + "T00:00:00Z"),
                Instant.parse(toDate + "T00:00:00Z"), EVERY_EVENT, Limits.defaults());
    }

    static byte[] read(String file) {
        try (InputStream in = CalendarCorpusTest.class.getResourceAsStream("/ics/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CalendarPeriod> byTitle(ParseResult result, String title) {
        return result.periods().stream().filter(p -> p.title().equals(title)).toList();
    }

    private static LocalDate[] dates(String... isoDates) {
        return java.util.Arrays.stream(isoDates).map(LocalDate::parse).toArray(LocalDate[]::new);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        Object[] converted = java.util.Arrays.stream(values)
                .map(v -> v instanceof String s && s.length() == 16 && s.charAt(10) == 'T'
                        ? LocalDateTime.parse(s) : v)
                .toArray();
        return org.assertj.core.groups.Tuple.tuple(converted);
    }
}
