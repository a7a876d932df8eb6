package dev.rota.availability;

import static dev.rota.availability.Eligibility.Ineligibility.AT_LIMIT;
import static dev.rota.availability.Eligibility.Ineligibility.AWAY;
import static dev.rota.availability.Eligibility.Ineligibility.INACTIVE;
import static dev.rota.availability.Eligibility.Ineligibility.NOT_MEMBER;
import static dev.rota.availability.Eligibility.Ineligibility.NO_SEAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EligibilityTest {

    private static EffectiveStatus status(Status status) {
        return new EffectiveStatus(status, Reason.DEFAULT, null, null, null, null, null, "x");
    }

    private static final EffectiveStatus AVAILABLE = status(Status.AVAILABLE);

    @Test
    void an_available_active_seated_member_below_her_limit_is_eligible() {
        assertThat(Eligibility.check(AVAILABLE, true, true, true, 2, 3)).isEmpty();
    }

    @Test
    void without_a_limit_any_number_of_open_conversations_is_fine() {
        assertThat(Eligibility.check(AVAILABLE, true, true, true, 10_000, null)).isEmpty();
    }

    @Test
    void at_the_limit_she_is_not_eligible() {
        assertThat(Eligibility.check(AVAILABLE, true, true, true, 3, 3)).containsExactly(AT_LIMIT);
        assertThat(Eligibility.check(AVAILABLE, true, true, true, 4, 3)).containsExactly(AT_LIMIT);
        assertThat(Eligibility.check(AVAILABLE, true, true, true, 0, 0)).containsExactly(AT_LIMIT);
    }

    @Test
    void each_failing_condition_is_reported_by_name_in_order() {
        assertThat(Eligibility.check(status(Status.AWAY), false, false, false, 5, 5))
                .containsExactly(AWAY, INACTIVE, NO_SEAT, NOT_MEMBER, AT_LIMIT);
        assertThat(Eligibility.check(status(Status.AWAY), true, true, true, 0, null)).containsExactly(AWAY);
        assertThat(Eligibility.check(AVAILABLE, false, true, true, 0, null)).containsExactly(INACTIVE);
        assertThat(Eligibility.check(AVAILABLE, true, false, true, 0, null)).containsExactly(NO_SEAT);
        assertThat(Eligibility.check(AVAILABLE, true, true, false, 0, null)).containsExactly(NOT_MEMBER);
    }

    @Test
    void negative_counts_are_rejected() {
        assertThatThrownBy(() -> Eligibility.check(AVAILABLE, true, true, true, -1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Eligibility.check(null, true, true, true, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
