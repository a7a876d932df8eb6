package dev.rota.availability;

import static dev.rota.availability.Fixtures.AMSTERDAM;
import static dev.rota.availability.Fixtures.agent;
import static dev.rota.availability.Fixtures.agentKeepingAway;
import static dev.rota.availability.Fixtures.agentWorking;
import static dev.rota.availability.Fixtures.amsterdamNineToFive;
import static dev.rota.availability.Fixtures.ams;
import static dev.rota.availability.Fixtures.local;
import static dev.rota.availability.Status.AVAILABLE;
import static dev.rota.availability.Status.AWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Monday 2026-11-23 … in Amsterdam (UTC+01:00), Mon–Fri 09:00–17:00 unless said otherwise. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AvailabilityRulesTest {

    private static final WorkingHours NINE_TO_FIVE = amsterdamNineToFive();
    private static final WorkingHours NO_SCHEDULE = WorkingHours.none(AMSTERDAM);

    private static OutOfOfficePeriod ooo(String start, String end) {
        return OutOfOfficePeriod.ofTimes("ooo-" + start, local(start), local(end), PeriodSource.USER);
    }

    private static EffectiveStatus eval(AvailabilityInput in, String amsterdamTime) {
        return AvailabilityRules.evaluate(in, ams(amsterdamTime));
    }

    private static void assertStatus(EffectiveStatus s, Status status, Reason reason) {
        assertThat(s.status()).as(s.explanation()).isEqualTo(status);
        assertThat(s.reason()).as(s.explanation()).isEqualTo(reason);
    }

    private static void assertNext(EffectiveStatus s, String amsterdamTime, Status status, Reason reason) {
        assertThat(s.next()).as(s.explanation()).isEqualTo(new EffectiveStatus.Change(ams(amsterdamTime), status, reason));
        assertThat(s.until()).isEqualTo(ams(amsterdamTime));
    }

    // ---- rule 6: working hours / default ----

    @Test
    void within_working_hours_she_is_available_until_five() {
        EffectiveStatus s = eval(agentWorking(NINE_TO_FIVE), "2026-11-23T10:00");
        assertStatus(s, AVAILABLE, Reason.WORKING_HOURS);
        assertNext(s, "2026-11-23T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertThat(s.since()).isEqualTo(ams("2026-11-23T09:00"));
        assertThat(s.setBy()).isNull();
        assertThat(s.explanation()).isEqualTo("Available — within working hours until 17:00");
    }

    @Test
    void without_a_schedule_she_is_available_by_default_forever() {
        EffectiveStatus s = eval(agentWorking(NO_SCHEDULE), "2026-11-23T03:00");
        assertStatus(s, AVAILABLE, Reason.DEFAULT);
        assertThat(s.next()).isNull();
        assertThat(s.until()).isNull();
        assertThat(s.since()).isNull();
        assertThat(s.explanation()).isEqualTo("Available — no working hours set");
    }

    // ---- rule 3: outside working hours ----

    @Test
    void outside_working_hours_she_is_away_until_the_next_start() {
        EffectiveStatus s = eval(agentWorking(NINE_TO_FIVE), "2026-11-23T18:00");
        assertStatus(s, AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertNext(s, "2026-11-24T09:00", AVAILABLE, Reason.WORKING_HOURS);
        assertThat(s.since()).isEqualTo(ams("2026-11-23T17:00"));
        assertThat(s.explanation()).isEqualTo(
                "Away — outside working hours (Mon–Fri 09:00–17:00 Europe/Amsterdam); Available again Tue 09:00");
    }

    @Test
    void over_the_weekend_she_is_away_until_monday() {
        EffectiveStatus s = eval(agentWorking(NINE_TO_FIVE), "2026-11-28T12:00");
        assertNext(s, "2026-11-30T09:00", AVAILABLE, Reason.WORKING_HOURS);
        assertThat(s.since()).isEqualTo(ams("2026-11-27T17:00"));
    }

    // ---- rule 1: out of office ----

    @Test
    void during_an_out_of_office_period_she_is_away_until_its_end() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(ooo("2026-12-23T12:00", "2026-12-27T17:00")), null);
        EffectiveStatus s = eval(in, "2026-12-24T10:00");
        assertStatus(s, AWAY, Reason.OUT_OF_OFFICE);
        assertThat(s.since()).isEqualTo(ams("2026-12-23T12:00"));
        assertNext(s, "2026-12-27T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertThat(s.explanation()).isEqualTo("Away — out of office until Sun 27 Dec 17:00");
    }

    @Test
    void whole_day_periods_last_until_the_end_of_the_last_day() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(OutOfOfficePeriod.ofDays("v",
                LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25), PeriodSource.USER)), null);
        assertStatus(eval(in, "2026-11-25T16:00"), AWAY, Reason.OUT_OF_OFFICE);
        EffectiveStatus monday = eval(in, "2026-11-23T10:00");
        assertNext(monday, "2026-11-23T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        EffectiveStatus mondayEvening = eval(in, "2026-11-23T18:00");
        assertNext(mondayEvening, "2026-11-24T00:00", AWAY, Reason.OUT_OF_OFFICE);
        EffectiveStatus period = eval(in, "2026-11-24T10:00");
        assertNext(period, "2026-11-26T00:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertStatus(eval(in, "2026-11-26T09:00"), AVAILABLE, Reason.WORKING_HOURS);
    }

    @Test
    void overlapping_and_adjacent_periods_count_as_one() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(
                ooo("2026-11-23T10:00", "2026-11-23T12:00"),
                ooo("2026-11-23T11:00", "2026-11-23T13:00"),
                ooo("2026-11-23T13:00", "2026-11-23T14:00")), null);
        EffectiveStatus s = eval(in, "2026-11-23T10:30");
        assertNext(s, "2026-11-23T14:00", AVAILABLE, Reason.WORKING_HOURS);
        assertThat(eval(in, "2026-11-23T13:30").since()).isEqualTo(ams("2026-11-23T10:00"));
    }

    @Test
    void out_of_office_beats_a_temporary_away() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T11:00", "2026-11-23T12:00")),
                StatusSetting.temporarilyAway(ams("2026-11-23T10:00"), ams("2026-11-23T13:00"), "me"));
        assertStatus(eval(in, "2026-11-23T10:30"), AWAY, Reason.TEMPORARILY_AWAY);
        assertNext(eval(in, "2026-11-23T10:30"), "2026-11-23T11:00", AWAY, Reason.OUT_OF_OFFICE);
        assertNext(eval(in, "2026-11-23T11:30"), "2026-11-23T12:00", AWAY, Reason.TEMPORARILY_AWAY);
    }

    @Test
    void out_of_office_beats_being_outside_working_hours() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T16:00", "2026-11-24T10:00")), null);
        assertStatus(eval(in, "2026-11-23T20:00"), AWAY, Reason.OUT_OF_OFFICE);
    }

    @Test
    void out_of_office_beats_an_admin_and_a_manual_setting() {
        AvailabilityInput admin = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T11:00", "2026-11-23T12:00")),
                StatusSetting.byAdmin(AWAY, ams("2026-11-23T10:00"), "admin-7"));
        assertStatus(eval(admin, "2026-11-23T11:30"), AWAY, Reason.OUT_OF_OFFICE);
        AvailabilityInput manual = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T11:00", "2026-11-23T12:00")),
                StatusSetting.self(AVAILABLE, ams("2026-11-23T10:00"), "me"));
        assertStatus(eval(manual, "2026-11-23T11:30"), AWAY, Reason.OUT_OF_OFFICE);
        assertStatus(eval(manual, "2026-11-23T12:30"), AVAILABLE, Reason.MANUAL);
    }

    // ---- rule 2: temporarily away ----

    @Test
    void a_temporary_away_lasts_until_its_end_then_she_is_available_again() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(),
                StatusSetting.temporarilyAway(ams("2026-11-23T10:00"), ams("2026-11-23T10:30"), "me"));
        EffectiveStatus s = eval(in, "2026-11-23T10:10");
        assertStatus(s, AWAY, Reason.TEMPORARILY_AWAY);
        assertThat(s.since()).isEqualTo(ams("2026-11-23T10:00"));
        assertNext(s, "2026-11-23T10:30", AVAILABLE, Reason.WORKING_HOURS);
        assertThat(s.explanation()).isEqualTo("Away — temporarily away until 10:30");
        EffectiveStatus after = eval(in, "2026-11-23T10:30");
        assertStatus(after, AVAILABLE, Reason.WORKING_HOURS);
        assertThat(after.since()).isEqualTo(ams("2026-11-23T10:30"));
    }

    @Test
    void an_expired_temporary_away_is_no_setting_at_all() {
        AvailabilityInput in = agent(NO_SCHEDULE, List.of(),
                StatusSetting.temporarilyAway(ams("2026-11-23T10:00"), ams("2026-11-23T10:30"), "me"));
        EffectiveStatus s = eval(in, "2026-11-23T11:00");
        assertStatus(s, AVAILABLE, Reason.DEFAULT);
        assertThat(s.next()).isNull();
        assertThat(s.setBy()).isNull();
    }

    @Test
    void a_temporary_away_beats_being_outside_working_hours() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(),
                StatusSetting.temporarilyAway(ams("2026-11-23T16:00"), ams("2026-11-23T18:00"), "me"));
        assertStatus(eval(in, "2026-11-23T17:30"), AWAY, Reason.TEMPORARILY_AWAY);
        assertNext(eval(in, "2026-11-23T17:30"), "2026-11-23T18:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
    }

    @Test
    void before_a_setting_is_made_it_does_not_apply() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(),
                StatusSetting.temporarilyAway(ams("2026-11-23T10:00"), ams("2026-11-23T10:30"), "me"));
        EffectiveStatus s = eval(in, "2026-11-23T09:30");
        assertStatus(s, AVAILABLE, Reason.WORKING_HOURS);
        assertNext(s, "2026-11-23T10:00", AWAY, Reason.TEMPORARILY_AWAY);
    }

    // ---- rule 4: set by an admin ----

    @Test
    void an_admin_away_survives_the_start_of_working_hours() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.byAdmin(AWAY, ams("2026-11-23T10:00"), "admin-7"));
        EffectiveStatus s = eval(in, "2026-11-24T10:00");
        assertStatus(s, AWAY, Reason.SET_BY_ADMIN);
        assertThat(s.setBy()).isEqualTo("admin-7");
        assertThat(s.setAt()).isEqualTo(ams("2026-11-23T10:00"));
        assertThat(s.since()).isEqualTo(ams("2026-11-24T09:00"));
        assertNext(s, "2026-11-24T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertThat(s.explanation()).isEqualTo("Away — set by an admin (admin-7) on Mon 23 Nov 10:00; outside working hours from 17:00");
    }

    @Test
    void outside_working_hours_beats_an_admin_away() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.byAdmin(AWAY, ams("2026-11-23T10:00"), "admin-7"));
        EffectiveStatus s = eval(in, "2026-11-23T18:00");
        assertStatus(s, AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertNext(s, "2026-11-24T09:00", AWAY, Reason.SET_BY_ADMIN);
    }

    @Test
    void an_admin_away_without_a_schedule_lasts_until_a_later_setting() {
        AvailabilityInput in = agent(NO_SCHEDULE, List.of(), StatusSetting.byAdmin(AWAY, ams("2026-11-23T10:00"), "admin-7"));
        EffectiveStatus s = eval(in, "2027-06-01T10:00");
        assertStatus(s, AWAY, Reason.SET_BY_ADMIN);
        assertThat(s.next()).isNull();
    }

    @Test
    void an_admin_away_beats_even_a_keep_manual_away_setting() {
        AvailabilityInput in = agentKeepingAway(NINE_TO_FIVE, StatusSetting.byAdmin(AWAY, ams("2026-11-23T10:00"), "admin-7"));
        assertStatus(eval(in, "2026-11-23T10:00"), AWAY, Reason.SET_BY_ADMIN);
    }

    @Test
    void an_admin_setting_her_available_counts_as_a_manual_setting() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.byAdmin(AVAILABLE, ams("2026-11-23T10:00"), "admin-7"));
        EffectiveStatus s = eval(in, "2026-11-23T11:00");
        assertStatus(s, AVAILABLE, Reason.MANUAL);
        assertThat(s.setBy()).isEqualTo("admin-7");
        assertNext(s, "2026-11-23T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertStatus(eval(in, "2026-11-24T11:00"), AVAILABLE, Reason.WORKING_HOURS);
    }

    // ---- rule 5: manual ----

    @Test
    void a_manual_away_lasts_until_the_end_of_the_working_day() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        EffectiveStatus s = eval(in, "2026-11-23T11:00");
        assertStatus(s, AWAY, Reason.MANUAL);
        assertThat(s.setBy()).isEqualTo("me");
        assertThat(s.setAt()).isEqualTo(ams("2026-11-23T10:00"));
        assertThat(s.since()).isEqualTo(ams("2026-11-23T10:00"));
        assertNext(s, "2026-11-23T17:00", AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertThat(s.explanation()).isEqualTo("Away — set by themself (me) on Mon 23 Nov 10:00 until 17:00");
    }

    @Test
    void a_manual_away_is_reset_at_the_next_start_of_working_hours() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        EffectiveStatus s = eval(in, "2026-11-23T18:00");
        assertNext(s, "2026-11-24T09:00", AVAILABLE, Reason.WORKING_HOURS);
        assertStatus(eval(in, "2026-11-24T09:00"), AVAILABLE, Reason.WORKING_HOURS);
    }

    @Test
    void a_manual_away_set_before_working_hours_does_not_outlast_their_start() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.self(AWAY, ams("2026-11-23T08:00"), "me"));
        assertStatus(eval(in, "2026-11-23T08:30"), AWAY, Reason.OUTSIDE_WORKING_HOURS);
        assertStatus(eval(in, "2026-11-23T09:00"), AVAILABLE, Reason.WORKING_HOURS);
    }

    @Test
    void with_the_account_setting_a_manual_away_is_kept_across_shifts() {
        AvailabilityInput in = agentKeepingAway(NINE_TO_FIVE, StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        EffectiveStatus evening = eval(in, "2026-11-23T18:00");
        assertNext(evening, "2026-11-24T09:00", AWAY, Reason.MANUAL);
        EffectiveStatus s = eval(in, "2026-11-24T10:00");
        assertStatus(s, AWAY, Reason.MANUAL);
        assertThat(s.since()).isEqualTo(ams("2026-11-24T09:00"));
    }

    @Test
    void with_the_account_setting_a_manual_available_still_ends_with_the_shift() {
        AvailabilityInput in = agentKeepingAway(NINE_TO_FIVE, StatusSetting.self(AVAILABLE, ams("2026-11-23T10:00"), "me"));
        assertStatus(eval(in, "2026-11-23T11:00"), AVAILABLE, Reason.MANUAL);
        assertStatus(eval(in, "2026-11-24T11:00"), AVAILABLE, Reason.WORKING_HOURS);
    }

    @Test
    void outside_working_hours_beats_a_manual_available() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.self(AVAILABLE, ams("2026-11-23T18:00"), "me"));
        assertStatus(eval(in, "2026-11-23T18:30"), AWAY, Reason.OUTSIDE_WORKING_HOURS);
    }

    @Test
    void a_self_set_available_clears_an_admin_away() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(), StatusSetting.self(AVAILABLE, ams("2026-11-23T11:00"), "me"));
        assertStatus(eval(in, "2026-11-23T11:00"), AVAILABLE, Reason.MANUAL);
        assertStatus(eval(in, "2026-11-23T10:59"), AVAILABLE, Reason.WORKING_HOURS);
    }

    @Test
    void without_a_schedule_a_manual_setting_applies_forever() {
        AvailabilityInput in = agent(NO_SCHEDULE, List.of(), StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        EffectiveStatus s = eval(in, "2027-08-01T10:00");
        assertStatus(s, AWAY, Reason.MANUAL);
        assertThat(s.next()).isNull();
        assertThat(s.since()).isEqualTo(ams("2026-11-23T10:00"));
        assertThat(eval(in, "2028-02-01T10:00").since()).as("more than 400 days of the same status is unknown").isNull();
        EffectiveStatus early = eval(in, "2026-11-24T10:00");
        assertThat(early.since()).isEqualTo(ams("2026-11-23T10:00"));
        assertStatus(eval(in, "2026-11-23T09:00"), AVAILABLE, Reason.DEFAULT);
    }

    @Test
    void a_manual_setting_survives_an_out_of_office_break_within_the_same_shift() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T12:00", "2026-11-23T13:00")),
                StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        assertNext(eval(in, "2026-11-23T12:30"), "2026-11-23T13:00", AWAY, Reason.MANUAL);
    }

    @Test
    void a_round_the_clock_schedule_keeps_a_manual_away_until_the_next_setting() {
        WorkingHours always = Fixtures.hours(AMSTERDAM, Fixtures.everyDay("00:00", "24:00"));
        assertStatus(eval(agentWorking(always), "2026-11-23T03:00"), AVAILABLE, Reason.WORKING_HOURS);
        AvailabilityInput in = agent(always, List.of(), StatusSetting.self(AWAY, ams("2026-11-23T10:00"), "me"));
        EffectiveStatus s = eval(in, "2026-12-05T10:00");
        assertStatus(s, AWAY, Reason.MANUAL);
        assertThat(s.next()).isNull();
        assertThat(s.since()).isEqualTo(ams("2026-11-23T10:00"));
    }

    // ---- timeline ----

    @Test
    void a_day_timeline_shows_each_change_once() {
        AvailabilityInput in = agent(NINE_TO_FIVE, List.of(ooo("2026-11-23T12:00", "2026-11-23T13:00")),
                StatusSetting.self(AWAY, ams("2026-11-23T15:00"), "me"));
        assertThat(AvailabilityRules.timeline(in, ams("2026-11-23T00:00"), ams("2026-11-24T12:00"))).containsExactly(
                interval("2026-11-23T00:00", "2026-11-23T09:00", AWAY, Reason.OUTSIDE_WORKING_HOURS),
                interval("2026-11-23T09:00", "2026-11-23T12:00", AVAILABLE, Reason.WORKING_HOURS),
                interval("2026-11-23T12:00", "2026-11-23T13:00", AWAY, Reason.OUT_OF_OFFICE),
                interval("2026-11-23T13:00", "2026-11-23T15:00", AVAILABLE, Reason.WORKING_HOURS),
                interval("2026-11-23T15:00", "2026-11-23T17:00", AWAY, Reason.MANUAL),
                interval("2026-11-23T17:00", "2026-11-24T09:00", AWAY, Reason.OUTSIDE_WORKING_HOURS),
                interval("2026-11-24T09:00", "2026-11-24T12:00", AVAILABLE, Reason.WORKING_HOURS));
    }

    @Test
    void a_timeline_without_any_change_is_one_interval() {
        Instant from = ams("2026-11-23T00:00");
        Instant to = ams("2027-11-23T00:00");
        assertThat(AvailabilityRules.timeline(agentWorking(NO_SCHEDULE), from, to))
                .containsExactly(new TimelineInterval(from, to, AVAILABLE, Reason.DEFAULT));
    }

    @Test
    void the_precedence_is_the_six_rules_of_the_spec_in_order() {
        assertThat(AvailabilityRules.PRECEDENCE).extracting(Enum::name).containsExactly(
                "OUT_OF_OFFICE", "TEMPORARILY_AWAY", "OUTSIDE_WORKING_HOURS", "SET_BY_ADMIN", "MANUAL", "SCHEDULE");
    }

    private static TimelineInterval interval(String from, String to, Status status, Reason reason) {
        return new TimelineInterval(ams(from), ams(to), status, reason);
    }
}
