package dev.rota.routing;

import static dev.rota.routing.Fixtures.agent;
import static dev.rota.routing.Fixtures.agentWithLimit;
import static dev.rota.routing.Fixtures.away;
import static dev.rota.routing.Fixtures.minutesAfterNine;
import static dev.rota.routing.Fixtures.waiting;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BacklogDrainTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void a_shift_start_spreads_30_waiting_over_3_agents_10_each(Strategy strategy) {
        var assignments = Router.drain(waiting(30),
                List.of(agent("u1"), agent("u2", 0, minutesAfterNine(-5)), agent("u3", 0, minutesAfterNine(-50))),
                strategy);

        assertThat(assignments).hasSize(30);
        assertThat(perUser(assignments)).containsOnlyKeys("u1", "u2", "u3").allSatisfy((user, count) ->
                assertThat(count).isEqualTo(10));
    }

    @Test
    void the_drain_assigns_the_oldest_first_and_rotates_in_round_robin_order() {
        var assignments = Router.drain(waiting(4),
                List.of(agent("u1", 0, minutesAfterNine(-5)), agent("u2", 0, minutesAfterNine(-50))),
                Strategy.ROUND_ROBIN);

        assertThat(assignments).extracting(Assignment::conversationId).containsExactly("c01", "c02", "c03", "c04");
        assertThat(assignments).extracting(Assignment::userId).containsExactly("u2", "u1", "u2", "u1");
    }

    @Test
    void an_assignment_by_the_drain_counts_as_more_recent_than_any_real_last_assignment() {
        var assignments = Router.drain(waiting(3),
                List.of(agent("u1", 0, minutesAfterNine(60 * 24 * 365)), agent("u2")), Strategy.ROUND_ROBIN);

        assertThat(assignments).extracting(Assignment::userId).containsExactly("u2", "u1", "u2");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void an_agent_with_a_limit_of_2_gets_2_and_the_rest_go_to_the_others(Strategy strategy) {
        var assignments = Router.drain(waiting(12),
                List.of(agentWithLimit("u1", 0, 2), agent("u2"), agent("u3")), strategy);

        assertThat(perUser(assignments)).containsEntry("u1", 2L).containsEntry("u2", 5L).containsEntry("u3", 5L);
        var lastOfU1 = assignments.stream().filter(a -> a.userId().equals("u1")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastOfU1.trace().summary()).endsWith("; u1 now AT_LIMIT (open=2, limit=2)");
    }

    @Test
    void the_drain_stops_when_nobody_has_capacity_left() {
        var assignments = Router.drain(waiting(10),
                List.of(agentWithLimit("u1", 1, 3), agentWithLimit("u2", 0, 1), away("u3", "OUT_OF_OFFICE")),
                Strategy.BALANCED);

        assertThat(assignments).extracting(Assignment::conversationId).containsExactly("c01", "c02", "c03");
        assertThat(perUser(assignments)).containsExactlyInAnyOrderEntriesOf(Map.of("u1", 2L, "u2", 1L));
    }

    @Test
    void balanced_evens_out_existing_unequal_loads() {
        var candidates = List.of(agent("u1", 5, null), agent("u2", 0, null), agent("u3", 2, null));

        var assignments = Router.drain(waiting(10), candidates, Strategy.BALANCED);

        var given = perUser(assignments);
        var finalLoads = candidates.stream().map(c -> c.openConversations() + given.getOrDefault(c.userId(), 0L)).toList();
        assertThat(finalLoads).containsExactlyInAnyOrder(6L, 5L, 6L);
        assertThat(assignments.subList(0, 2)).extracting(Assignment::userId).containsOnly("u2");
    }

    @Test
    void nobody_eligible_drains_nothing() {
        assertThat(Router.drain(waiting(5), List.of(away("u1", "OUTSIDE_WORKING_HOURS")), Strategy.ROUND_ROBIN)).isEmpty();
    }

    @Test
    void the_first_assignment_carries_the_full_trace_and_later_ones_the_runner_up_and_every_skipped_candidate() {
        var assignments = Router.drain(waiting(3),
                List.of(agent("u1"), agent("u2"), agent("u3"), away("u4", "OUT_OF_OFFICE")), Strategy.BALANCED);

        assertThat(assignments.get(0).trace().entries()).extracting(TraceEntry::userId)
                .containsExactly("u1", "u2", "u3", "u4");
        assertThat(assignments.get(0).trace().summary()).isEqualTo("Drain #1, c01: Assigned to u1 by BALANCED "
                + "(open=0, lastAssigned=never); next u2 (open=0, lastAssigned=never) and 1 more eligible; "
                + "skipped u4: AWAY (OUT_OF_OFFICE)");
        var second = assignments.get(1).trace();
        assertThat(second.entries()).containsExactly(
                new TraceEntry("u2", TraceEntry.Outcome.CHOSEN, List.of()),
                new TraceEntry("u3", TraceEntry.Outcome.SKIPPED,
                        List.of(new Skip(SkipReason.NOT_CHOSEN, "open=0, lastAssigned=never"))),
                new TraceEntry("u4", TraceEntry.Outcome.SKIPPED,
                        List.of(new Skip(SkipReason.AWAY, "OUT_OF_OFFICE"))));
        assertThat(assignments.get(2).trace().summary()).isEqualTo("Drain #3, c03: Assigned to u3 by BALANCED "
                + "(open=0, lastAssigned=never); next u1 (open=1, lastAssigned=drain#1) and 1 more eligible; "
                + "skipped u4: AWAY (OUT_OF_OFFICE)");
    }

    @Test
    void a_backlog_out_of_order_is_an_error_of_the_caller() {
        var backlog = List.of(new WaitingConversation("c2", minutesAfterNine(2)), new WaitingConversation("c1", minutesAfterNine(1)));

        assertThatThrownBy(() -> Router.drain(backlog, List.of(agent("u1")), Strategy.BALANCED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oldestFirst");
    }

    static Map<String, Long> perUser(List<Assignment> assignments) {
        return assignments.stream().collect(groupingBy(Assignment::userId, counting()));
    }
}
