package dev.rota.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roster, changed a few candidates at a time, decides as {@link Router#decide} does over the same
 * candidates from scratch: seeded random teams, changes and refusals (the seed is in the case's name).
 */
class RosterPropertiesTest {

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 150).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void decides_as_the_router_does_after_every_change(long seed) {
        Random random = new Random(seed);
        Strategy strategy = Strategy.values()[random.nextInt(2)];
        DrainPropertiesTest.Scenario s = DrainPropertiesTest.scenario(seed, true);
        Map<String, Candidate> team = new HashMap<>();
        Roster roster = new Roster(strategy);
        for (Candidate c : s.candidates()) {
            team.put(c.userId(), c);
            roster.put(c);
        }
        for (int step = 0; step < 20; step++) {
            // change, add or remove a few candidates
            for (int k = random.nextInt(3); k >= 0; k--) {
                String id = "u" + random.nextInt(15);
                if (random.nextInt(5) == 0) {
                    team.remove(id);
                    roster.remove(id);
                } else {
                    Candidate c = new Candidate(id, random.nextInt(4) == 0 ? List.of(Skip.of(SkipReason.AWAY)) : List.of(),
                            random.nextInt(5), random.nextBoolean() ? null : random.nextInt(6),
                            random.nextInt(3) == 0 ? null : Fixtures.minutesAfterNine(-random.nextInt(300)));
                    team.put(id, c);
                    roster.put(c);
                }
            }
            Map<String, Skip> refused = new HashMap<>();
            for (String id : team.keySet()) {
                if (random.nextInt(6) == 0) {
                    refused.put(id, new Skip(SkipReason.BUSY, "test"));
                }
            }
            List<Candidate> fromScratch = new ArrayList<>();
            for (Candidate c : team.values()) {
                Skip extra = refused.get(c.userId());
                if (extra == null) {
                    fromScratch.add(c);
                } else {
                    List<Skip> skips = new ArrayList<>(c.skips());
                    skips.add(extra);
                    fromScratch.add(new Candidate(c.userId(), skips, c.openConversations(), c.limit(), c.lastAssignedAt()));
                }
            }
            Decision expected = Router.decide(fromScratch, strategy);
            Roster.Ranked actual = roster.decide(refused, 3);

            assertThat(actual.decision().getClass()).isEqualTo(expected.getClass());
            assertThat(actual.decision().trace().chosen()).isEqualTo(expected.trace().chosen());
            List<TraceEntry> expectedEntries = expected.trace().entries();
            // the chosen, the first three runners-up in the same order, every skipped candidate with the same reasons
            List<TraceEntry> runnersUp = expectedEntries.stream().filter(RosterPropertiesTest::isRunnerUp).toList();
            assertThat(actual.decision().trace().entries().stream().filter(RosterPropertiesTest::isRunnerUp).toList())
                    .containsExactlyElementsOf(runnersUp.subList(0, Math.min(3, runnersUp.size())));
            assertThat(actual.runnersUpNotListed()).isEqualTo(Math.max(0, runnersUp.size() - 3));
            assertThat(actual.decision().trace().entries().stream()
                    .filter(e -> e.outcome() == TraceEntry.Outcome.SKIPPED && !isRunnerUp(e)))
                    .containsExactlyInAnyOrderElementsOf(expectedEntries.stream()
                            .filter(e -> e.outcome() == TraceEntry.Outcome.SKIPPED && !isRunnerUp(e)).toList());
        }
    }

    /** A drain of n over the roster's first n eligible plans exactly as over the whole team. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void a_drain_over_the_leading_candidates_plans_as_over_all(long seed) {
        DrainPropertiesTest.Scenario s = DrainPropertiesTest.scenario(seed + 5_000, true);
        Roster roster = new Roster(s.strategy());
        s.candidates().forEach(roster::put);
        var backlog = Fixtures.waiting(s.backlog());

        // one more than the backlog, so the first trace can name its runner-up
        Roster.Leading lead = roster.leading(s.backlog() + 1);
        var fromLeading = Router.drain(backlog, lead.candidates(), s.strategy(), lead.moreEligible());
        var fromAll = Router.drain(backlog, s.candidates(), s.strategy());

        assertThat(fromLeading).extracting(Assignment::conversationId, Assignment::userId)
                .containsExactlyElementsOf(fromAll.stream()
                        .map(a -> org.assertj.core.groups.Tuple.tuple(a.conversationId(), a.userId())).toList());
        if (!fromAll.isEmpty()) {
            // the first trace counts the eligible left out among those "more eligible"
            assertThat(fromLeading.get(0).trace().summary()).isEqualTo(fromAll.get(0).trace().summary());
        }
    }

    private static boolean isRunnerUp(TraceEntry e) {
        return e.reasons().stream().anyMatch(r -> r.reason() == SkipReason.NOT_CHOSEN);
    }

    @Test
    void a_summary_reads_as_the_routers() {
        Roster roster = new Roster(Strategy.BALANCED);
        roster.put(new Candidate("u1", List.of(), 2, null, null));
        roster.put(new Candidate("u2", List.of(), 1, null, null));
        roster.put(new Candidate("u3", List.of(Skip.of(SkipReason.NO_SEAT)), 0, null, null));

        assertThat(roster.decide(Map.of(), 10).decision().trace().summary()).isEqualTo(
                "Assigned to u2 by BALANCED (open=1, lastAssigned=never); next u1 (open=2, lastAssigned=never); "
                        + "skipped u3: NO_SEAT");
    }
}
