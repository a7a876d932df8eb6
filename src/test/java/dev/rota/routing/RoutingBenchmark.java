package dev.rota.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Decision cost for 1,000 vs 10,000 candidates (SPEC §3; issue 4: 10,000 agents at most 1.5× the
 * per-conversation cost of 1,000). Not a test: run {@link #main} (optional argument: a regex of
 * benchmark names, e.g. {@code drainStep}) and read the printed ratios.
 * <ul>
 *   <li>{@code decide}: one full decision with its trace over every candidate, O(m log m).</li>
 *   <li>{@code rosterDecide}: one conversation through a kept {@link Roster} (what a service node does), O(log m).</li>
 *   <li>{@code drainStep}: one more conversation of a running drain (the marginal cost), O(log m).</li>
 *   <li>{@code drainBacklog}: {@code Router.drain} of 100,000 waiting conversations, per conversation,
 *       setup and the first full trace included.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

    static final int BACKLOG = 100_000;
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @State(Scope.Benchmark)
    public static class Team {
        @Param({"1000", "10000"})
        public int agents;

        @Param({"ROUND_ROBIN", "BALANCED"})
        public Strategy strategy;

        List<Candidate> candidates;
        List<WaitingConversation> backlog;

        @Setup(Level.Trial)
        public void load() {
            var random = new Random(42);
            candidates = new ArrayList<>(agents);
            for (int i = 0; i < agents; i++) {
                List<Skip> skips = random.nextInt(10) == 0 ? List.of(new Skip(SkipReason.AWAY, "OUT_OF_OFFICE")) : List.of();
                Instant last = random.nextInt(5) == 0 ? null : NOW.minusSeconds(random.nextInt(86_400));
                candidates.add(new Candidate("user-" + i, skips, random.nextInt(5), null, last));
            }
            backlog = new ArrayList<>(BACKLOG);
            for (int i = 0; i < BACKLOG; i++) {
                backlog.add(new WaitingConversation("conv-" + i, NOW.minusSeconds(BACKLOG - i)));
            }
        }
    }

    /** A drain in progress; rebuilt each iteration so the heap never runs dry (no limits). */
    @State(Scope.Thread)
    public static class RunningDrain {
        Rotation rotation;
        WaitingConversation next = new WaitingConversation("conv-next", NOW);

        @Setup(Level.Iteration)
        public void start(Team team) {
            rotation = Rotation.of(team.candidates, team.strategy, 0);
        }
    }

    /** A roster as a service node keeps it: every candidate once, then changed one at a time. */
    @State(Scope.Thread)
    public static class KeptRoster {
        Roster roster;

        @Setup(Level.Iteration)
        public void build(Team team) {
            roster = new Roster(team.strategy);
            team.candidates.forEach(roster::put);
        }
    }

    /** One conversation through a kept roster: decide, then the chosen one's open count goes up. */
    @Benchmark
    public Object rosterDecide(KeptRoster kept) {
        Roster.Ranked ranked = kept.roster.decide(Map.of(), 10);
        ranked.decision().trace().chosen().ifPresent(id -> {
            Candidate before = kept.roster.candidate(id);
            kept.roster.put(new Candidate(id, before.skips(), before.openConversations() + 1, before.limit(), NOW));
        });
        return ranked;
    }

    @Benchmark
    public Decision decide(Team team) {
        return Router.decide(team.candidates, team.strategy);
    }

    @Benchmark
    public Object drainStep(RunningDrain drain) {
        return drain.rotation.assign(drain.next);
    }

    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public List<Assignment> drainBacklog(Team team) {
        return Router.drain(team.backlog, team.candidates, team.strategy);
    }

    public static void main(String[] args) throws Exception {
        var options = new OptionsBuilder()
                .include(RoutingBenchmark.class.getName() + "." + (args.length > 0 ? args[0] : ""))
                .forks(1)
                // serial GC: no GC threads competing on a small shared machine, steadier figures
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC")
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(8).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> score = new TreeMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            score.put(name + " " + p.getParam("strategy") + " " + p.getParam("agents"), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("benchmark strategy: ns/op at 1,000 | ns/op at 10,000 | ratio");
        for (String benchmark : List.of("decide", "rosterDecide", "drainStep", "drainBacklog")) {
            for (Strategy strategy : Strategy.values()) {
                Double small = score.get(benchmark + " " + strategy + " 1000");
                Double large = score.get(benchmark + " " + strategy + " 10000");
                if (small != null && large != null) {
                    System.out.printf("%s %s: %.0f | %.0f | %.2fx%n", benchmark, strategy, small, large, large / small);
                }
            }
        }
    }
}
