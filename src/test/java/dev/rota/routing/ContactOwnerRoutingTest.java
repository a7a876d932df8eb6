package dev.rota.routing;

import static dev.rota.routing.Fixtures.agent;
import static dev.rota.routing.Fixtures.agentWithLimit;
import static dev.rota.routing.Fixtures.away;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContactOwnerRoutingTest {

    @Test
    void an_eligible_owner_gets_the_conversation_even_when_others_are_less_busy() {
        var decision = Router.decideForOwner(agent("owner", 9, null), List.of(agent("u1")), Strategy.BALANCED);

        assertThat(decision).isEqualTo(new Decision.Assigned("owner", new RoutingTrace(
                List.of(new TraceEntry("owner", TraceEntry.Outcome.CHOSEN, List.of())),
                "Assigned to contact owner owner")));
    }

    @Test
    void an_away_owner_falls_back_with_the_owners_reasons_first() {
        var decision = Router.decideForOwner(away("owner", "OUT_OF_OFFICE"),
                List.of(agent("u2", 2, null), agent("owner"), agent("u1", 1, null)), Strategy.BALANCED);

        assertThat(decision).isInstanceOf(Decision.Assigned.class);
        assertThat(((Decision.Assigned) decision).userId()).isEqualTo("u1");
        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("owner", "u1", "u2");
        assertThat(decision.trace().entries().get(0).reasons())
                .containsExactly(new Skip(SkipReason.AWAY, "OUT_OF_OFFICE"));
        assertThat(decision.trace().summary()).isEqualTo("contact owner owner skipped: AWAY (OUT_OF_OFFICE); "
                + "fallback: Assigned to u1 by BALANCED (open=1, lastAssigned=never); next u2 (open=2, lastAssigned=never)");
    }

    @Test
    void an_owner_at_the_limit_falls_back_too() {
        var decision = Router.decideForOwner(agentWithLimit("owner", 5, 5), List.of(agent("u1")), Strategy.ROUND_ROBIN);

        assertThat(decision.trace().entries().get(0).reasons()).extracting(Skip::reason).containsExactly(SkipReason.AT_LIMIT);
        assertThat(decision.trace().chosen()).contains("u1");
    }

    @Test
    void without_a_fallback_rule_an_away_owner_leaves_it_unassigned() {
        var decision = Router.decideForOwner(away("owner", "STATUS_AWAY"), null, null);

        assertThat(decision).isInstanceOf(Decision.Unassigned.class);
        assertThat(decision.trace().entries()).singleElement()
                .satisfies(e -> assertThat(e.reasons()).containsExactly(new Skip(SkipReason.AWAY, "STATUS_AWAY")));
        assertThat(decision.trace().summary())
                .isEqualTo("Unassigned: contact owner owner skipped: AWAY (STATUS_AWAY); no fallback rule");
    }

    @Test
    void a_contact_without_owner_goes_straight_to_the_fallback() {
        var decision = Router.decideForOwner(null, List.of(agent("u1")), Strategy.ROUND_ROBIN);

        assertThat(decision.trace().chosen()).contains("u1");
        assertThat(decision.trace().summary()).startsWith("contact has no owner; fallback: Assigned to u1");
    }

    @Test
    void when_the_fallback_has_nobody_eligible_it_stays_unassigned_with_all_reasons() {
        var decision = Router.decideForOwner(away("owner", "OUT_OF_OFFICE"),
                List.of(away("u1", "OUTSIDE_WORKING_HOURS")), Strategy.BALANCED);

        assertThat(decision).isInstanceOf(Decision.Unassigned.class);
        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("owner", "u1");
    }
}
