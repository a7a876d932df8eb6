package dev.rota.routing;

import static dev.rota.routing.Fixtures.agent;
import static dev.rota.routing.Fixtures.agentWithLimit;
import static dev.rota.routing.Fixtures.away;
import static dev.rota.routing.Fixtures.minutesAfterNine;
import static dev.rota.routing.Fixtures.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RouterDecideTest {

    @Test
    void round_robin_chooses_the_one_longest_since_last_assigned() {
        var decision = Router.decide(List.of(
                agent("u1", 0, minutesAfterNine(30)),
                agent("u2", 5, minutesAfterNine(10)),
                agent("u3", 0, minutesAfterNine(20))), Strategy.ROUND_ROBIN);

        assertThat(chosen(decision)).isEqualTo("u2");
        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("u2", "u3", "u1");
        assertThat(decision.trace().entryOf("u3").orElseThrow().reasons())
                .containsExactly(new Skip(SkipReason.NOT_CHOSEN, "lastAssigned=2026-03-02T09:20:00Z"));
    }

    @Test
    void round_robin_puts_never_assigned_agents_first() {
        var decision = Router.decide(List.of(
                agent("u1", 0, minutesAfterNine(-600)),
                agent("u9", 0, null)), Strategy.ROUND_ROBIN);

        assertThat(chosen(decision)).isEqualTo("u9");
        assertThat(decision.trace().summary()).startsWith("Assigned to u9 by ROUND_ROBIN (lastAssigned=never)");
    }

    @Test
    void round_robin_breaks_ties_by_user_id() {
        var decision = Router.decide(List.of(
                agent("u3", 0, minutesAfterNine(5)), agent("u1", 0, minutesAfterNine(5)),
                agent("u2", 0, minutesAfterNine(5))), Strategy.ROUND_ROBIN);

        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("u1", "u2", "u3");
    }

    @Test
    void balanced_chooses_the_fewest_open_conversations_before_recency() {
        var decision = Router.decide(List.of(
                agent("u1", 3, null),
                agent("u2", 1, minutesAfterNine(59)),
                agent("u3", 2, minutesAfterNine(1))), Strategy.BALANCED);

        assertThat(chosen(decision)).isEqualTo("u2");
        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("u2", "u3", "u1");
        assertThat(decision.trace().entryOf("u1").orElseThrow().reasons())
                .containsExactly(new Skip(SkipReason.NOT_CHOSEN, "open=3, lastAssigned=never"));
    }

    @Test
    void balanced_breaks_equal_loads_by_longest_since_assigned_then_user_id() {
        var decision = Router.decide(List.of(
                agent("u4", 1, minutesAfterNine(10)),
                agent("u3", 1, null),
                agent("u2", 1, null),
                agent("u1", 1, minutesAfterNine(5))), Strategy.BALANCED);

        assertThat(decision.trace().entries()).extracting(TraceEntry::userId).containsExactly("u2", "u3", "u1", "u4");
    }

    @Test
    void an_agent_at_the_limit_is_skipped_as_AT_LIMIT_even_with_fewer_open_conversations() {
        var decision = Router.decide(List.of(
                agentWithLimit("u1", 2, 2),
                agent("u2", 7, null)), Strategy.BALANCED);

        assertThat(chosen(decision)).isEqualTo("u2");
        assertThat(decision.trace().entryOf("u1").orElseThrow().reasons())
                .containsExactly(new Skip(SkipReason.AT_LIMIT, "open=2, limit=2"));
    }

    @Test
    void a_limit_of_zero_means_no_conversations_at_all() {
        var decision = Router.decide(List.of(agentWithLimit("u1", 0, 0)), Strategy.ROUND_ROBIN);

        assertThat(decision).isInstanceOf(Decision.Unassigned.class);
    }

    @Test
    void every_skip_reason_appears_in_the_trace_with_its_detail() {
        var decision = Router.decide(List.of(
                away("u1", "OUT_OF_OFFICE"),
                skipped("u2", SkipReason.INACTIVE, null),
                skipped("u3", SkipReason.NO_SEAT, ""),
                skipped("u4", SkipReason.NOT_MEMBER, "inbox support"),
                agentWithLimit("u5", 3, 3),
                skipped("u8", SkipReason.BUSY, "assigning another conversation"),
                agent("u6", 1, null),
                agent("u7", 0, null)), Strategy.BALANCED);

        assertThat(decision.trace().entries())
                .flatExtracting(TraceEntry::reasons)
                .extracting(Skip::reason)
                .containsExactlyInAnyOrder(SkipReason.values());
        assertThat(decision.trace().summary()).isEqualTo(
                "Assigned to u7 by BALANCED (open=0, lastAssigned=never); next u6 (open=1, lastAssigned=never); "
                        + "skipped u1: AWAY (OUT_OF_OFFICE), u2: INACTIVE, u3: NO_SEAT, u4: NOT_MEMBER (inbox support), "
                        + "u5: AT_LIMIT (open=3, limit=3), u8: BUSY (assigning another conversation)");
    }

    @Test
    void nobody_eligible_leaves_it_unassigned_with_every_candidates_reasons() {
        var decision = Router.decide(List.of(
                new Candidate("u1", List.of(new Skip(SkipReason.AWAY, "OUTSIDE_WORKING_HOURS"),
                        Skip.of(SkipReason.NO_SEAT)), 0, null, null),
                agentWithLimit("u2", 4, 4)), Strategy.ROUND_ROBIN);

        assertThat(decision).isInstanceOf(Decision.Unassigned.class);
        assertThat(decision.trace().entries()).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(TraceEntry.Outcome.SKIPPED);
            assertThat(e.reasons()).isNotEmpty();
        });
        assertThat(decision.trace().summary()).isEqualTo(
                "Unassigned: nobody eligible; skipped u1: AWAY (OUTSIDE_WORKING_HOURS) + NO_SEAT, u2: AT_LIMIT (open=4, limit=4)");
    }

    @Test
    void no_candidates_at_all_leaves_it_unassigned() {
        var decision = Router.decide(List.of(), Strategy.BALANCED);

        assertThat(decision).isInstanceOf(Decision.Unassigned.class);
        assertThat(decision.trace().summary()).isEqualTo("Unassigned: no candidates");
    }

    @Test
    void the_summary_stays_one_short_line_for_many_skipped_candidates() {
        var candidates = new ArrayList<Candidate>();
        for (int i = 0; i < 500; i++) {
            candidates.add(away("u" + i, "OUT_OF_OFFICE"));
        }
        var decision = Router.decide(candidates, Strategy.BALANCED);

        assertThat(decision.trace().entries()).hasSize(500);
        assertThat(decision.trace().summary()).endsWith(" and 490 more").doesNotContain("\n").hasSizeLessThan(400);
    }

    @Test
    void the_decision_does_not_depend_on_the_order_candidates_arrive_in() {
        var candidates = new ArrayList<Candidate>();
        for (int i = 0; i < 40; i++) {
            candidates.add(agent("u" + i, i % 3, i % 4 == 0 ? null : minutesAfterNine(i % 5)));
        }
        for (Strategy strategy : Strategy.values()) {
            var expected = Router.decide(candidates, strategy).trace();
            var shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, new Random(7));
            assertThat(Router.decide(shuffled, strategy).trace()).isEqualTo(expected);
        }
    }

    @Test
    void a_user_listed_twice_is_an_error_of_the_caller() {
        assertThatThrownBy(() -> Router.decide(List.of(agent("u1"), agent("u1")), Strategy.BALANCED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u1");
    }

    private static String chosen(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Assigned.class);
        return ((Decision.Assigned) decision).userId();
    }
}
