package dev.rota.availability;

import static dev.rota.availability.Fixtures.AMSTERDAM;
import static dev.rota.availability.Fixtures.LORD_HOWE;
import static dev.rota.availability.Fixtures.NEW_YORK;
import static dev.rota.availability.Fixtures.SANTIAGO;
import static dev.rota.availability.Fixtures.at;
import static dev.rota.availability.Fixtures.hours;
import static dev.rota.availability.Fixtures.local;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Fixed dates around real transitions in 2026 (java.time tzdb):
 * Europe/Amsterdam  Sun 29 Mar 02:00 +01:00 → 03:00 +02:00 (gap), Sun 25 Oct 03:00 +02:00 → 02:00 +01:00 (overlap);
 * America/New_York  Sun 8 Mar 02:00 −05:00 → 03:00 −04:00 (gap),  Sun 1 Nov 02:00 −04:00 → 01:00 −05:00 (overlap);
 * Australia/Lord_Howe Sun 5 Apr 02:00 +11:00 → 01:30 +10:30 (overlap), Sun 4 Oct 02:00 +10:30 → 02:30 +11:00 (gap);
 * America/Santiago  Sun 5 Apr 00:00 −03:00 → Sat 23:00 −04:00 (overlap), Sun 6 Sep 00:00 −04:00 → 01:00 −03:00 (gap at midnight).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DaylightSavingTest {

    private static Instant utc(String text) {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static List<Interval> sundayHours(ZoneId zone, String start, String end, String date) {
        WorkingHours h = hours(zone, List.of(WorkingRange.of(SUNDAY, start, end)));
        LocalDate day = LocalDate.parse(date);
        return h.workingIntervals(at(day.minusDays(1) + "T00:00", zone), at(day.plusDays(2) + "T00:00", zone));
    }

    private static Interval utcInterval(String from, String to) {
        return new Interval(utc(from), utc(to));
    }

    @Test
    void amsterdam_a_range_across_the_spring_gap_is_an_hour_shorter() {
        assertThat(sundayHours(AMSTERDAM, "01:00", "04:00", "2026-03-29"))
                .containsExactly(utcInterval("2026-03-29T00:00", "2026-03-29T02:00"));
    }

    @Test
    void amsterdam_a_start_inside_the_spring_gap_moves_forward_by_the_gap() {
        assertThat(sundayHours(AMSTERDAM, "02:30", "05:00", "2026-03-29"))
                .as("02:30 → 03:30 +02:00").containsExactly(utcInterval("2026-03-29T01:30", "2026-03-29T03:00"));
    }

    @Test
    void amsterdam_a_range_lying_entirely_in_the_spring_gap_is_empty_that_day() {
        assertThat(sundayHours(AMSTERDAM, "02:00", "03:00", "2026-03-29")).isEmpty();
        assertThat(sundayHours(AMSTERDAM, "02:00", "03:00", "2026-04-05"))
                .containsExactly(utcInterval("2026-04-05T00:00", "2026-04-05T01:00"));
    }

    @Test
    void amsterdam_an_overnight_range_into_the_spring_gap_night_lasts_seven_hours() {
        WorkingHours h = hours(AMSTERDAM, List.of(WorkingRange.of(SATURDAY, "22:00", "06:00")));
        assertThat(h.workingIntervals(at("2026-03-28T00:00", AMSTERDAM), at("2026-03-30T00:00", AMSTERDAM)))
                .extracting(Interval::duration).containsExactly(Duration.ofHours(7));
    }

    @Test
    void amsterdam_a_time_in_the_autumn_overlap_takes_the_earlier_offset() {
        assertThat(sundayHours(AMSTERDAM, "02:30", "04:00", "2026-10-25"))
                .as("02:30 +02:00 → 04:00 +01:00").containsExactly(utcInterval("2026-10-25T00:30", "2026-10-25T03:00"));
        assertThat(sundayHours(AMSTERDAM, "01:00", "02:30", "2026-10-25"))
                .containsExactly(utcInterval("2026-10-24T23:00", "2026-10-25T00:30"));
    }

    @Test
    void amsterdam_she_is_away_outside_hours_until_monday_nine_in_winter_time() {
        AvailabilityInput in = Fixtures.agentWorking(hours(AMSTERDAM, Fixtures.nineToFive()));
        EffectiveStatus s = AvailabilityRules.evaluate(in, utc("2026-10-25T01:30"));
        assertThat(s.reason()).isEqualTo(Reason.OUTSIDE_WORKING_HOURS);
        assertThat(s.until()).as("09:00 +01:00").isEqualTo(utc("2026-10-26T08:00"));
        assertThat(s.since()).as("Fri 17:00 +02:00").isEqualTo(utc("2026-10-23T15:00"));
    }

    @Test
    void new_york_a_range_from_inside_the_gap_to_an_hour_later_is_empty() {
        assertThat(sundayHours(NEW_YORK, "02:30", "03:30", "2026-03-08")).as("both resolve to 07:30Z").isEmpty();
        assertThat(sundayHours(NEW_YORK, "01:00", "05:00", "2026-03-08"))
                .containsExactly(utcInterval("2026-03-08T06:00", "2026-03-08T09:00"));
    }

    @Test
    void new_york_a_range_over_the_repeated_hour_lasts_two_hours() {
        assertThat(sundayHours(NEW_YORK, "01:30", "02:30", "2026-11-01"))
                .as("01:30 −04:00 → 02:30 −05:00").containsExactly(utcInterval("2026-11-01T05:30", "2026-11-01T07:30"));
    }

    @Test
    void new_york_an_out_of_office_period_over_the_gap_is_an_hour_shorter() {
        OutOfOfficePeriod p = OutOfOfficePeriod.ofTimes("p", local("2026-03-08T00:00"), local("2026-03-08T06:00"), PeriodSource.USER);
        assertThat(p.resolve(NEW_YORK)).map(Interval::duration).contains(Duration.ofHours(5));
    }

    @Test
    void lord_howe_the_half_hour_overlap_repeats_01_30_to_02_00() {
        assertThat(sundayHours(LORD_HOWE, "01:45", "03:00", "2026-04-05"))
                .as("01:45 +11:00 → 03:00 +10:30").containsExactly(utcInterval("2026-04-04T14:45", "2026-04-04T16:30"));
    }

    @Test
    void lord_howe_a_start_in_the_half_hour_gap_moves_forward_half_an_hour() {
        assertThat(sundayHours(LORD_HOWE, "02:15", "04:00", "2026-10-04"))
                .as("02:15 → 02:45 +11:00").containsExactly(utcInterval("2026-10-03T15:45", "2026-10-03T17:00"));
    }

    @Test
    void santiago_a_range_ending_at_the_missing_midnight_ends_at_one() {
        WorkingHours h = hours(SANTIAGO, List.of(WorkingRange.of(SATURDAY, "22:00", "24:00")));
        assertThat(h.workingIntervals(utc("2026-09-05T00:00"), utc("2026-09-07T00:00")))
                .as("22:00 −04:00 → 01:00 −03:00").containsExactly(utcInterval("2026-09-06T02:00", "2026-09-06T04:00"));
        EffectiveStatus s = AvailabilityRules.evaluate(Fixtures.agentWorking(h), utc("2026-09-06T03:59"));
        assertThat(s.status()).isEqualTo(Status.AVAILABLE);
        assertThat(s.until()).isEqualTo(utc("2026-09-06T04:00"));
    }

    @Test
    void santiago_a_whole_day_off_on_the_gap_day_lasts_23_hours() {
        OutOfOfficePeriod p = OutOfOfficePeriod.ofDays("p", LocalDate.of(2026, 9, 6), LocalDate.of(2026, 9, 6), PeriodSource.CALENDAR);
        assertThat(p.resolve(SANTIAGO)).contains(utcInterval("2026-09-06T04:00", "2026-09-07T03:00"));
        AvailabilityInput in = new AvailabilityInput(hours(SANTIAGO, List.of(WorkingRange.of(MONDAY, "00:00", "08:00"))),
                List.of(p), null, false);
        EffectiveStatus s = AvailabilityRules.evaluate(in, utc("2026-09-06T12:00"));
        assertThat(s.reason()).isEqualTo(Reason.OUT_OF_OFFICE);
        assertThat(s.next()).isEqualTo(new EffectiveStatus.Change(utc("2026-09-07T03:00"), Status.AVAILABLE, Reason.WORKING_HOURS));
    }

    @Test
    void santiago_the_saturday_evening_repeated_before_midnight_lasts_an_hour_longer() {
        WorkingHours h = hours(SANTIAGO, List.of(WorkingRange.of(SATURDAY, "22:00", "24:00")));
        assertThat(h.workingIntervals(utc("2026-04-04T00:00"), utc("2026-04-06T00:00")))
                .as("22:00 −03:00 → 00:00 −04:00").containsExactly(utcInterval("2026-04-05T01:00", "2026-04-05T04:00"));
    }
}
