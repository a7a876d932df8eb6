package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Decides who gets a conversation and records why. Eligibility itself (availability, activity,
 * seat, membership) is computed upstream and arrives as {@link Candidate#skips()}; the router adds
 * only the limit check, ranks the eligible by the {@link Strategy} and writes the {@link RoutingTrace}.
 * <p>
 * Trace order: the chosen candidate, then the other eligible ones in rank order (SKIPPED with
 * NOT_CHOSEN and their ordering key), then the ineligible ones in input order.
 * <p>
 * All methods are deterministic and pure; candidate user ids must be distinct
 * ({@link IllegalArgumentException} otherwise).
 */
public final class Router {

    /**
     * Longest since last assigned: never-assigned first, then the oldest assignment; drain
     * assignments are the most recent, in drain order. Written out by hand: it runs O(log m) times
     * per drained conversation.
     */
    private static int longestSinceAssigned(Standing a, Standing b) {
        int byDrain = Long.compare(a.drainTick(), b.drainTick());
        return byDrain != 0 ? byDrain : Long.compare(a.lastAssignedNanos(), b.lastAssignedNanos());
    }

    private static final Comparator<Standing> ROUND_ROBIN = (a, b) -> {
        int byRecency = longestSinceAssigned(a, b);
        return byRecency != 0 ? byRecency : Integer.compare(a.userRank(), b.userRank());
    };

    private static final Comparator<Standing> BALANCED = (a, b) -> {
        int byOpen = Integer.compare(a.open(), b.open());
        return byOpen != 0 ? byOpen : ROUND_ROBIN.compare(a, b);
    };

    private static final int SUMMARY_LISTS_AT_MOST = 10;

    private Router() {
    }

    /**
     * Routes one conversation among {@code candidates} (any order).
     *
     * @return {@link Decision.Assigned} to the first eligible by {@code strategy}, or
     *         {@link Decision.Unassigned} when nobody is eligible (also for an empty list)
     */
    public static Decision decide(List<Candidate> candidates, Strategy strategy) {
        requireNonNull(strategy, "strategy");
        Field field = Field.of(candidates);
        List<Standing> ranked = new ArrayList<>(field.eligible());
        ranked.sort(order(strategy));
        return rankedDecision(ranked, field.ineligible(), strategy, 0);
    }

    /**
     * Routes by CONTACT_OWNER: the owner if eligible, else the fallback rule's candidates.
     *
     * @param owner              the contact's owner, {@code null} when the contact has none
     * @param fallbackCandidates the fallback SPECIFIC rule's candidates; {@code null} = no fallback
     *                           rule, leave unassigned. The owner, if listed again, is ignored here.
     * @param fallbackStrategy   the fallback rule's strategy; required when there are fallback candidates
     * @return the trace lists the owner's skip reasons first, then the fallback decision's entries
     */
    public static Decision decideForOwner(Candidate owner, List<Candidate> fallbackCandidates,
                                          Strategy fallbackStrategy) {
        List<TraceEntry> ownerEntries = new ArrayList<>();
        String ownerText = "contact has no owner";
        if (owner != null) {
            List<Skip> skips = skipsOf(owner);
            if (skips.isEmpty()) {
                return new Decision.Assigned(owner.userId(), new RoutingTrace(
                        List.of(TraceEntry.chosen(owner.userId())),
                        "Assigned to contact owner " + owner.userId()));
            }
            ownerEntries.add(TraceEntry.skipped(owner.userId(), skips));
            ownerText = "contact owner " + owner.userId() + " skipped: " + describe(skips);
        }
        if (fallbackCandidates == null) {
            return new Decision.Unassigned(new RoutingTrace(ownerEntries, "Unassigned: " + ownerText + "; no fallback rule"));
        }
        requireNonNull(fallbackStrategy, "fallbackStrategy");
        List<Candidate> others = owner == null ? fallbackCandidates : fallbackCandidates.stream()
                .filter(c -> !c.userId().equals(owner.userId())).toList();
        Decision fallback = decide(others, fallbackStrategy);
        List<TraceEntry> entries = new ArrayList<>(ownerEntries);
        entries.addAll(fallback.trace().entries());
        RoutingTrace trace = new RoutingTrace(entries, ownerText + "; fallback: " + fallback.trace().summary());
        return fallback instanceof Decision.Assigned assigned
                ? new Decision.Assigned(assigned.userId(), trace)
                : new Decision.Unassigned(trace);
    }

    /**
     * Drains a backlog fairly: assigns {@code oldestFirst} in order, one at a time, re-ranking after
     * each assignment with the chosen candidate's open count raised by one, their last assignment
     * moved to "now" (the drain's logical clock, later than any real {@code lastAssignedAt}) and
     * their capacity reduced; a candidate reaching the limit drops out. Stops when nobody has
     * capacity left, so the result holds {@code min(n, total free capacity)} assignments, oldest first.
     * Cost O((n + m) log m) for n conversations and m candidates.
     * <p>
     * The first assignment carries the full trace (as {@link #decide}); later ones, to keep each step
     * logarithmic, list the chosen candidate and the runner-up with their ordering keys, and count
     * the rest in the summary.
     *
     * @throws IllegalArgumentException if {@code oldestFirst} is not ordered by {@code createdAt}
     */
    public static List<Assignment> drain(List<WaitingConversation> oldestFirst, List<Candidate> candidates,
                                         Strategy strategy) {
        return drain(oldestFirst, candidates, strategy, 0);
    }

    /**
     * {@link #drain} over the leading part of a larger ranked field: {@code moreEligible} eligible
     * candidates were left out, all ranking after every eligible one given; traces count them. Exact
     * as long as at least {@code oldestFirst.size()} eligible candidates are given: a drain of n never
     * reaches past the first n (each of them has a place, and ranks below the rest only once chosen).
     */
    public static List<Assignment> drain(List<WaitingConversation> oldestFirst, List<Candidate> candidates,
                                         Strategy strategy, int moreEligible) {
        requireNonNull(oldestFirst, "oldestFirst");
        requireNonNull(strategy, "strategy");
        for (int i = 1; i < oldestFirst.size(); i++) {
            if (oldestFirst.get(i).createdAt().isBefore(oldestFirst.get(i - 1).createdAt())) {
                throw new IllegalArgumentException("oldestFirst must be ordered by createdAt: "
                        + oldestFirst.get(i).conversationId() + " is older than " + oldestFirst.get(i - 1).conversationId());
            }
        }
        Rotation rotation = Rotation.of(candidates, strategy, moreEligible, oldestFirst.size() == 1);
        List<Assignment> assignments = new ArrayList<>(oldestFirst.size());
        for (WaitingConversation conversation : oldestFirst) {
            Optional<Assignment> next = rotation.assign(conversation);
            if (next.isEmpty()) {
                break;
            }
            assignments.add(next.get());
        }
        return assignments;
    }

    /** The eligibility the router owns: upstream skips, then the limit. Empty = eligible. */
    static List<Skip> skipsOf(Candidate candidate) {
        boolean atLimit = candidate.limit() != null && candidate.openConversations() >= candidate.limit();
        boolean reportedUpstream = candidate.skips().stream().anyMatch(s -> s.reason() == SkipReason.AT_LIMIT);
        if (!atLimit || reportedUpstream) {
            return candidate.skips();
        }
        List<Skip> skips = new ArrayList<>(candidate.skips());
        skips.add(atLimit(candidate.openConversations(), candidate.limit()));
        return skips;
    }

    static Skip atLimit(int open, int limit) {
        return new Skip(SkipReason.AT_LIMIT, "open=" + open + ", limit=" + limit);
    }

    static Comparator<Standing> order(Strategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> ROUND_ROBIN;
            case BALANCED -> BALANCED;
        };
    }

    /** The strategy's ordering key, as people read it in the trace. */
    static String key(Standing standing, Strategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> "lastAssigned=" + standing.lastAssignedText();
            case BALANCED -> "open=" + standing.open() + ", lastAssigned=" + standing.lastAssignedText();
        };
    }

    static Skip notChosen(Standing standing, Strategy strategy) {
        return new Skip(SkipReason.NOT_CHOSEN, key(standing, strategy));
    }

    /** The full decision over eligible candidates already in rank order. */
    static Decision rankedDecision(List<Standing> ranked, List<TraceEntry> ineligible, Strategy strategy,
                                   int moreEligible) {
        List<TraceEntry> entries = new ArrayList<>(ranked.size() + ineligible.size());
        for (int i = 0; i < ranked.size(); i++) {
            Standing s = ranked.get(i);
            entries.add(i == 0 ? TraceEntry.chosen(s.userId())
                    : TraceEntry.skipped(s.userId(), List.of(notChosen(s, strategy))));
        }
        entries.addAll(ineligible);
        String skipped = ineligible.isEmpty() ? "" : "; skipped " + describeEntries(ineligible);
        if (ranked.isEmpty()) {
            String why = ineligible.isEmpty() ? "Unassigned: no candidates" : "Unassigned: nobody eligible" + skipped;
            return new Decision.Unassigned(new RoutingTrace(entries, why));
        }
        Standing first = ranked.get(0);
        String next = ranked.size() < 2 ? "" : "; next " + ranked.get(1).userId() + " (" + key(ranked.get(1), strategy) + ")"
                + (ranked.size() - 2 + moreEligible > 0 ? " and " + (ranked.size() - 2 + moreEligible) + " more eligible" : "");
        String summary = "Assigned to " + first.userId() + " by " + strategy + " (" + key(first, strategy) + ")" + next + skipped;
        return new Decision.Assigned(first.userId(), new RoutingTrace(entries, summary));
    }

    static String describeEntries(List<TraceEntry> entries) {
        StringBuilder text = new StringBuilder();
        int listed = Math.min(entries.size(), SUMMARY_LISTS_AT_MOST);
        for (int i = 0; i < listed; i++) {
            TraceEntry e = entries.get(i);
            text.append(i == 0 ? "" : ", ").append(e.userId()).append(": ").append(describe(e.reasons()));
        }
        if (entries.size() > listed) {
            text.append(" and ").append(entries.size() - listed).append(" more");
        }
        return text.toString();
    }

    private static String describe(List<Skip> skips) {
        return String.join(" + ", skips.stream().map(Skip::toString).toList());
    }

    /** The candidates of one decision, split by eligibility: the eligible in user id order, the others in input order. */
    record Field(List<Standing> eligible, List<TraceEntry> ineligible) {

        static Field of(List<Candidate> candidates) {
            requireNonNull(candidates, "candidates");
            List<Candidate> eligibleCandidates = new ArrayList<>();
            List<TraceEntry> ineligible = new ArrayList<>();
            var seen = new HashSet<String>();
            for (Candidate c : candidates) {
                requireNonNull(c, "candidate");
                if (!seen.add(c.userId())) {
                    throw new IllegalArgumentException("candidates must have distinct userIds: " + c.userId());
                }
                List<Skip> skips = skipsOf(c);
                if (skips.isEmpty()) {
                    eligibleCandidates.add(c);
                } else {
                    ineligible.add(TraceEntry.skipped(c.userId(), skips));
                }
            }
            eligibleCandidates.sort(Comparator.comparing(Candidate::userId));
            List<Standing> eligible = new ArrayList<>(eligibleCandidates.size());
            for (int rank = 0; rank < eligibleCandidates.size(); rank++) {
                eligible.add(Standing.of(eligibleCandidates.get(rank), rank));
            }
            return new Field(eligible, ineligible);
        }
    }
}
