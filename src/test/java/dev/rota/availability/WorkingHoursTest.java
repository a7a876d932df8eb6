package dev.rota.availability;

import static dev.rota.availability.Fixtures.AMSTERDAM;
import static dev.rota.availability.Fixtures.amsterdamNineToFive;
import static dev.rota.availability.Fixtures.ams;
import static dev.rota.availability.Fixtures.everyDay;
import static dev.rota.availability.Fixtures.hours;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkingHoursTest {

    @Test
    void nine_to_five_is_working_from_nine_up_to_but_not_at_five() {
        WorkingHours h = amsterdamNineToFive();
        assertThat(h.isWorking(ams("2026-11-23T08:59"))).isFalse();
        assertThat(h.isWorking(ams("2026-11-23T09:00"))).isTrue();
        assertThat(h.isWorking(ams("2026-11-23T16:59"))).isTrue();
        assertThat(h.isWorking(ams("2026-11-23T17:00"))).isFalse();
        assertThat(h.isWorking(ams("2026-11-28T10:00"))).as("Saturday").isFalse();
    }

    @Test
    void next_start_and_end_are_strictly_after_the_given_instant() {
        WorkingHours h = amsterdamNineToFive();
        assertThat(h.nextStart(ams("2026-11-23T09:00"))).contains(ams("2026-11-24T09:00"));
        assertThat(h.nextEnd(ams("2026-11-23T09:00"))).contains(ams("2026-11-23T17:00"));
        assertThat(h.nextEnd(ams("2026-11-23T17:00"))).contains(ams("2026-11-24T17:00"));
        assertThat(h.nextStart(ams("2026-11-27T17:00"))).as("Friday evening → Monday").contains(ams("2026-11-30T09:00"));
    }

    @Test
    void an_overnight_range_keeps_her_available_after_midnight() {
        WorkingHours h = hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "22:00", "02:00")));
        assertThat(h.isWorking(ams("2026-11-24T01:30"))).isTrue();
        assertThat(h.isWorking(ams("2026-11-24T02:00"))).isFalse();
        assertThat(h.nextEnd(ams("2026-11-23T23:00"))).contains(ams("2026-11-24T02:00"));
    }

    @Test
    void a_range_ending_at_midnight_runs_to_the_end_of_the_day() {
        WorkingHours endAt0000 = hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "18:00", "00:00")));
        WorkingHours endAt2400 = hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "18:00", "24:00")));
        for (WorkingHours h : List.of(endAt0000, endAt2400)) {
            assertThat(h.isWorking(ams("2026-11-23T23:59"))).isTrue();
            assertThat(h.isWorking(ams("2026-11-24T00:00"))).isFalse();
            assertThat(h.nextEnd(ams("2026-11-23T20:00"))).contains(ams("2026-11-24T00:00"));
        }
    }

    @Test
    void ranges_touching_at_midnight_merge_into_one_span() {
        WorkingHours h = hours(AMSTERDAM, List.of(
                WorkingRange.of(MONDAY, "20:00", "24:00"), WorkingRange.of(TUESDAY, "00:00", "03:00")));
        assertThat(h.nextEnd(ams("2026-11-23T21:00"))).contains(ams("2026-11-24T03:00"));
        assertThat(h.nextStart(ams("2026-11-23T21:00"))).contains(ams("2026-11-30T20:00"));
    }

    @Test
    void overlapping_ranges_merge_across_midnight() {
        WorkingHours h = hours(AMSTERDAM, List.of(
                WorkingRange.of(MONDAY, "22:00", "02:00"), WorkingRange.of(TUESDAY, "01:00", "05:00")));
        assertThat(h.workingIntervals(ams("2026-11-23T00:00"), ams("2026-11-25T00:00")))
                .containsExactly(new Interval(ams("2026-11-23T22:00"), ams("2026-11-24T05:00")));
    }

    @Test
    void a_sunday_night_range_continues_into_monday_and_merges_with_it() {
        WorkingHours h = hours(AMSTERDAM, List.of(
                WorkingRange.of(SUNDAY, "22:00", "06:00"), WorkingRange.of(MONDAY, "05:00", "09:00")));
        assertThat(h.workingIntervals(ams("2026-11-29T00:00"), ams("2026-12-01T00:00")))
                .containsExactly(new Interval(ams("2026-11-29T22:00"), ams("2026-11-30T09:00")));
    }

    @Test
    void working_intervals_are_clipped_to_the_window() {
        WorkingHours h = amsterdamNineToFive();
        assertThat(h.workingIntervals(ams("2026-11-23T12:00"), ams("2026-11-24T10:00"))).containsExactly(
                new Interval(ams("2026-11-23T12:00"), ams("2026-11-23T17:00")),
                new Interval(ams("2026-11-24T09:00"), ams("2026-11-24T10:00")));
    }

    @Test
    void a_schedule_covering_the_whole_week_is_always_working() {
        WorkingHours h = hours(AMSTERDAM, everyDay("00:00", "24:00"));
        assertThat(h.isWorking(ams("2026-11-23T03:00"))).isTrue();
        assertThat(h.nextEnd(ams("2026-11-23T03:00"))).isEmpty();
        assertThat(h.workingIntervals(ams("2026-11-23T00:00"), ams("2026-11-30T00:00")))
                .containsExactly(new Interval(ams("2026-11-23T00:00"), ams("2026-11-30T00:00")));
    }

    @Test
    void no_ranges_means_no_schedule() {
        WorkingHours h = WorkingHours.none(AMSTERDAM);
        assertThat(h.hasSchedule()).isFalse();
        assertThat(h.isWorking(ams("2026-11-23T10:00"))).isFalse();
        assertThat(h.nextStart(ams("2026-11-23T10:00"))).isEmpty();
        assertThat(h.describe()).isEqualTo("no working hours (Europe/Amsterdam)");
    }

    @Test
    void the_summary_groups_consecutive_days_with_the_same_hours() {
        assertThat(amsterdamNineToFive().describe()).isEqualTo("Mon–Fri 09:00–17:00 Europe/Amsterdam");
        List<WorkingRange> ranges = new ArrayList<>(Fixtures.nineToFive());
        ranges.add(WorkingRange.of(WEDNESDAY, "19:00", "21:00"));
        ranges.add(WorkingRange.of(SATURDAY, "10:00", "12:00"));
        assertThat(hours(AMSTERDAM, ranges).describe())
                .isEqualTo("Mon–Tue 09:00–17:00; Wed 09:00–17:00, 19:00–21:00; Thu–Fri 09:00–17:00; Sat 10:00–12:00 Europe/Amsterdam");
    }

    @Test
    void the_summary_merges_overlapping_and_touching_ranges_as_the_rules_do() {
        assertThat(hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "09:00", "13:00"),
                WorkingRange.of(MONDAY, "12:00", "17:00"))).describe()).isEqualTo("Mon 09:00–17:00 Europe/Amsterdam");
        assertThat(hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "09:00", "17:00"),
                WorkingRange.of(MONDAY, "10:00", "11:00"))).describe()).isEqualTo("Mon 09:00–17:00 Europe/Amsterdam");
        assertThat(hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "09:00", "12:00"),
                WorkingRange.of(MONDAY, "12:00", "24:00"))).describe()).isEqualTo("Mon 09:00–24:00 Europe/Amsterdam");
        assertThat(hours(AMSTERDAM, List.of(WorkingRange.of(MONDAY, "09:00", "12:00"),
                WorkingRange.of(MONDAY, "13:00", "17:00"))).describe())
                .isEqualTo("Mon 09:00–12:00, 13:00–17:00 Europe/Amsterdam");
        assertThat(hours(AMSTERDAM, List.of(WorkingRange.of(FRIDAY, "20:00", "23:00"),
                WorkingRange.of(FRIDAY, "22:00", "06:00"))).describe()).isEqualTo("Fri 20:00–06:00 Europe/Amsterdam");
    }

    @Test
    void todays_hours_include_the_tail_of_last_nights_range() {
        WorkingHours h = hours(AMSTERDAM, List.of(
                WorkingRange.of(MONDAY, "22:00", "02:00"), WorkingRange.of(TUESDAY, "09:00", "17:00")));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 24))).containsExactly(
                WorkingRange.of(TUESDAY, "00:00", "02:00"), WorkingRange.of(TUESDAY, "09:00", "17:00"));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 23))).containsExactly(WorkingRange.of(MONDAY, "22:00", "24:00"));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 27))).isEmpty();
    }

    @Test
    void todays_hours_on_monday_include_sunday_nights_range() {
        WorkingHours h = hours(AMSTERDAM, List.of(WorkingRange.of(SUNDAY, "23:00", "01:00")));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 30))).containsExactly(WorkingRange.of(MONDAY, "00:00", "01:00"));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 29))).containsExactly(WorkingRange.of(SUNDAY, "23:00", "24:00"));
        assertThat(h.hoursOn(LocalDate.of(2026, 11, 27))).as("a Friday").isEmpty();
        assertThat(FRIDAY).isEqualTo(LocalDate.of(2026, 11, 27).getDayOfWeek());
    }
}
