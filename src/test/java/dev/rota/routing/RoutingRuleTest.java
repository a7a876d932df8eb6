package dev.rota.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RoutingRuleTest {

    static final RoutingRule SUPPORT_TEAM = RoutingRule.specific(Set.of(), Set.of("t-support"), Strategy.BALANCED);

    @Test
    void the_three_modes_build_through_their_factories() {
        assertThat(RoutingRule.none().mode()).isEqualTo(RoutingMode.NONE);
        assertThat(SUPPORT_TEAM.teamIds()).containsExactly("t-support");
        assertThat(RoutingRule.contactOwner(SUPPORT_TEAM).fallback()).isEqualTo(SUPPORT_TEAM);
        assertThat(RoutingRule.contactOwner(null).fallback()).isNull();
    }

    @Test
    void a_specific_rule_must_name_someone() {
        assertInvalid(() -> RoutingRule.specific(Set.of(), Set.of(), Strategy.BALANCED), "userIds or teamIds");
    }

    @Test
    void a_specific_rule_needs_a_strategy() {
        assertInvalid(() -> RoutingRule.specific(Set.of("u1"), Set.of(), null), "strategy");
    }

    @Test
    void blank_or_null_ids_are_rejected_naming_the_field() {
        var withNull = new HashSet<String>();
        withNull.add(null);
        assertInvalid(() -> RoutingRule.specific(Set.of(" "), Set.of(), Strategy.BALANCED), "userIds");
        assertInvalid(() -> RoutingRule.specific(Set.of("u1"), withNull, Strategy.BALANCED), "teamIds");
    }

    @Test
    void the_fallback_of_contact_owner_must_be_specific() {
        assertInvalid(() -> RoutingRule.contactOwner(RoutingRule.none()), "fallback");
        assertInvalid(() -> RoutingRule.contactOwner(RoutingRule.contactOwner(null)), "fallback");
    }

    @Test
    void only_contact_owner_has_a_fallback() {
        assertInvalid(() -> new RoutingRule(RoutingMode.SPECIFIC, Set.of("u1"), Set.of(), Strategy.BALANCED, SUPPORT_TEAM), "fallback");
        assertInvalid(() -> new RoutingRule(RoutingMode.NONE, Set.of(), Set.of(), null, SUPPORT_TEAM), "fallback");
    }

    @Test
    void none_and_contact_owner_list_nobody_themselves() {
        assertInvalid(() -> new RoutingRule(RoutingMode.NONE, Set.of("u1"), Set.of(), null, null), "userIds");
        assertInvalid(() -> new RoutingRule(RoutingMode.CONTACT_OWNER, Set.of(), Set.of("t1"), null, null), "teamIds");
    }

    @Test
    void a_candidate_validates_its_values() {
        assertInvalid(() -> new Candidate(" ", List.of(), 0, null, null), "userId");
        assertInvalid(() -> new Candidate("u1", List.of(), -1, null, null), "openConversations");
        assertInvalid(() -> new Candidate("u1", List.of(), 0, -2, null), "limit");
        assertInvalid(() -> new Candidate("u1", List.of(Skip.of(SkipReason.NOT_CHOSEN)), 0, null, null), "NOT_CHOSEN");
    }

    @Test
    void a_trace_entry_is_chosen_without_reasons_or_skipped_with_some() {
        assertInvalid(() -> new TraceEntry("u1", TraceEntry.Outcome.SKIPPED, List.of()), "reasons");
        assertInvalid(() -> new TraceEntry("u1", TraceEntry.Outcome.CHOSEN, List.of(Skip.of(SkipReason.AWAY))), "reasons");
    }

    private static void assertInvalid(Runnable construction, String field) {
        assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }
}
