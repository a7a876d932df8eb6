package dev.rota.availability;

import static dev.rota.availability.Fixtures.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValuesTest {

    @Test
    void a_clock_time_parses_and_prints_hours_and_minutes() {
        assertThat(ClockTime.parse("09:00").minuteOfDay()).isEqualTo(540);
        assertThat(ClockTime.parse("9:05")).hasToString("09:05");
        assertThat(ClockTime.parse("00:00").minuteOfDay()).isZero();
        assertThat(ClockTime.parse("23:59")).hasToString("23:59");
    }

    @Test
    void twenty_four_hundred_is_the_end_of_the_day() {
        ClockTime end = ClockTime.parse("24:00");
        assertThat(end.minuteOfDay()).isEqualTo(1440);
        assertThat(end.isEndOfDay()).isTrue();
        assertThat(end).hasToString("24:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:00", "9:0x", "24:01", "12:60", "", "noon", "-1:00", "123:00"})
    void an_impossible_time_is_rejected_naming_it(String text) {
        assertThatThrownBy(() -> ClockTime.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void a_range_with_equal_start_and_end_is_rejected() {
        assertThatThrownBy(() -> WorkingRange.of(DayOfWeek.MONDAY, "09:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start and end must differ");
    }

    @Test
    void a_range_may_not_start_at_twenty_four_hundred() {
        assertThatThrownBy(() -> WorkingRange.of(DayOfWeek.MONDAY, "24:00", "02:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24:00");
    }

    @Test
    void a_range_ending_at_or_before_its_start_runs_overnight() {
        assertThat(WorkingRange.of(DayOfWeek.MONDAY, "22:00", "02:00").overnight()).isTrue();
        assertThat(WorkingRange.of(DayOfWeek.MONDAY, "22:00", "00:00").overnight()).isTrue();
        assertThat(WorkingRange.of(DayOfWeek.MONDAY, "22:00", "24:00").overnight()).isFalse();
        assertThat(WorkingRange.of(DayOfWeek.MONDAY, "22:00", "02:00").lengthMinutes()).isEqualTo(240);
    }

    @Test
    void an_interval_must_not_be_empty() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        assertThatThrownBy(() -> new Interval(t, t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endExclusive");
        assertThat(new Interval(t, t.plusSeconds(60)).contains(t)).isTrue();
        assertThat(new Interval(t, t.plusSeconds(60)).contains(t.plusSeconds(60))).isFalse();
    }

    @Test
    void whole_day_periods_include_their_end_date() {
        OutOfOfficePeriod p = OutOfOfficePeriod.ofDays("p1", LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 26),
                PeriodSource.USER);
        assertThat(p.start()).isEqualTo(local("2026-12-24T00:00"));
        assertThat(p.endExclusive()).isEqualTo(local("2026-12-27T00:00"));
        assertThat(p.wholeDays()).isTrue();
    }

    @Test
    void a_period_must_end_after_it_starts() {
        assertThatThrownBy(() -> OutOfOfficePeriod.ofTimes("p", local("2026-11-23T10:00"), local("2026-11-23T10:00"),
                PeriodSource.USER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end must be after start");
        assertThatThrownBy(() -> OutOfOfficePeriod.ofDays("p", LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 22),
                PeriodSource.USER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-11-22");
    }

    @Test
    void a_period_may_last_a_leap_year_but_no_longer() {
        LocalDate start = LocalDate.of(2027, 3, 1);
        assertThat(OutOfOfficePeriod.ofDays("p", start, start.plusDays(365), PeriodSource.ADMIN).endExclusive())
                .isEqualTo(start.plusDays(366).atStartOfDay());
        assertThatThrownBy(() -> OutOfOfficePeriod.ofDays("p", start, start.plusDays(366), PeriodSource.ADMIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366 days");
    }

    @Test
    void a_period_resolves_in_the_users_zone() {
        OutOfOfficePeriod p = OutOfOfficePeriod.ofTimes("p", local("2026-11-23T10:00"), local("2026-11-23T12:00"),
                PeriodSource.CALENDAR);
        assertThat(p.resolve(Fixtures.AMSTERDAM)).contains(new Interval(
                Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T11:00:00Z")));
    }

    @Test
    void a_temporary_away_must_be_away_and_end_after_it_starts() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        assertThatThrownBy(() -> new StatusSetting(Status.AVAILABLE, t, "u", false, t.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AVAILABLE");
        assertThatThrownBy(() -> StatusSetting.temporarilyAway(t, t, "u"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("until");
        assertThatThrownBy(() -> StatusSetting.self(null, t, "u"))
                .isInstanceOf(NullPointerException.class).hasMessage("status");
    }
}
