package dev.rota.routing;

import static dev.rota.routing.BacklogDrainTest.perUser;
import static dev.rota.routing.Fixtures.minutesAfterNine;
import static dev.rota.routing.Fixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random backlogs and teams; the seed is in each case's name, so a failure can be replayed. */
class DrainPropertiesTest {

    record Scenario(long seed, int backlog, List<Candidate> candidates, Strategy strategy) {
        @Override
        public String toString() {
            return "seed=" + seed + ", backlog=" + backlog + ", candidates=" + candidates.size() + ", " + strategy;
        }
    }

    static Stream<Arguments> randomScenarios() {
        return LongStream.range(0, 200).mapToObj(seed -> Arguments.of(scenario(seed, true)));
    }

    static Stream<Arguments> unlimitedRoundRobinScenarios() {
        return LongStream.range(1000, 1100).mapToObj(seed -> Arguments.of(scenario(seed, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomScenarios")
    void the_drain_never_exceeds_a_limit(Scenario s) {
        var given = perUser(Router.drain(waiting(s.backlog()), s.candidates(), s.strategy()));

        for (Candidate c : s.candidates()) {
            if (c.limit() != null) {
                long finalOpen = c.openConversations() + given.getOrDefault(c.userId(), 0L);
                assertThat(finalOpen).as(c.toString()).isLessThanOrEqualTo(Math.max(c.limit(), c.openConversations()));
                if (given.containsKey(c.userId())) {
                    assertThat(finalOpen).as(c.toString()).isLessThanOrEqualTo(c.limit());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomScenarios")
    void the_drain_never_assigns_to_a_skipped_candidate(Scenario s) {
        var given = perUser(Router.drain(waiting(s.backlog()), s.candidates(), s.strategy()));

        s.candidates().stream().filter(c -> !c.skips().isEmpty())
                .forEach(c -> assertThat(given).as(c.toString()).doesNotContainKey(c.userId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomScenarios")
    void the_drain_assigns_the_oldest_min_of_backlog_and_free_capacity(Scenario s) {
        var backlog = waiting(s.backlog());
        var assignments = Router.drain(backlog, s.candidates(), s.strategy());

        long free = s.candidates().stream().filter(c -> c.skips().isEmpty())
                .mapToLong(Candidate::freeCapacity).reduce(0, (a, b) -> Math.min(Integer.MAX_VALUE, a + b));
        int expected = (int) Math.min(s.backlog(), free);
        assertThat(assignments).hasSize(expected);
        assertThat(assignments).extracting(Assignment::conversationId)
                .containsExactlyElementsOf(backlog.subList(0, expected).stream().map(WaitingConversation::conversationId).toList());
        assertThat(assignments).allSatisfy(a -> assertThat(a.trace().chosen()).contains(a.userId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unlimitedRoundRobinScenarios")
    void round_robin_without_limits_spreads_the_backlog_within_one(Scenario s) {
        var given = perUser(Router.drain(waiting(s.backlog()), s.candidates(), Strategy.ROUND_ROBIN));

        List<Long> counts = s.candidates().stream().filter(c -> c.skips().isEmpty())
                .map(c -> given.getOrDefault(c.userId(), 0L)).toList();
        assertThat(counts.stream().mapToLong(Long::longValue).max().orElse(0)
                - counts.stream().mapToLong(Long::longValue).min().orElse(0)).isLessThanOrEqualTo(1);
    }

    /** A team of 0–12 with random loads, limits (if {@code withLimits}), recency and skips. */
    static Scenario scenario(long seed, boolean withLimits) {
        var random = new Random(seed);
        int size = random.nextInt(13);
        List<Candidate> candidates = new ArrayList<>();
        SkipReason[] upstream = {SkipReason.AWAY, SkipReason.INACTIVE, SkipReason.NO_SEAT, SkipReason.NOT_MEMBER, SkipReason.AT_LIMIT};
        for (int i = 0; i < size; i++) {
            List<Skip> skips = random.nextInt(4) == 0
                    ? List.of(new Skip(upstream[random.nextInt(upstream.length)], "random"))
                    : List.of();
            int open = random.nextInt(6);
            Integer limit = withLimits && random.nextBoolean() ? random.nextInt(8) : null;
            var lastAssigned = random.nextInt(3) == 0 ? null : minutesAfterNine(-random.nextInt(600));
            candidates.add(new Candidate("u" + i, skips, open, limit, lastAssigned));
        }
        Strategy strategy = withLimits ? Strategy.values()[random.nextInt(2)] : Strategy.ROUND_ROBIN;
        return new Scenario(seed, random.nextInt(60), candidates, strategy);
    }
}
