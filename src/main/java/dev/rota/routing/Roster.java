package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The candidates of one inbox channel kept ranked between decisions, so a service can change the few
 * that changed and decide in O(log m + skipped) instead of ranking all m candidates each time. Decides
 * exactly as {@link Router#decide} (same order, same reasons); its trace names the chosen, the first
 * {@code runnersUp} others eligible, and every skipped candidate, and counts the rest.
 * <p>
 * Not thread-safe: callers guard it.
 */
public final class Roster {

    /** A decision and how many eligible runners-up its trace leaves out. */
    public record Ranked(Decision decision, int runnersUpNotListed) {
    }

    private record Entry(Candidate candidate, int open, long lastAssignedNanos) {
    }

    private final Strategy strategy;
    private final TreeSet<Entry> eligible;
    private final Map<String, Entry> byUser = new HashMap<>();
    private final Map<String, TraceEntry> ineligible = new LinkedHashMap<>();
    /** The skipped candidates as a trace shares them; null after a change, made again when needed. */
    private SkippedEntries skipped;

    public Roster(Strategy strategy) {
        this.strategy = requireNonNull(strategy, "strategy");
        // the order of Router: BALANCED by open count first, then longest since assigned, then user id
        java.util.Comparator<Entry> byRecency = (a, b) -> {
            int c = Long.compare(a.lastAssignedNanos(), b.lastAssignedNanos());
            return c != 0 ? c : a.candidate().userId().compareTo(b.candidate().userId());
        };
        this.eligible = new TreeSet<>(strategy == Strategy.BALANCED
                ? (a, b) -> {
                    int c = Integer.compare(a.open(), b.open());
                    return c != 0 ? c : byRecency.compare(a, b);
                }
                : byRecency);
    }

    /** Adds the candidate or replaces the one with the same user id. O(log m). */
    public void put(Candidate candidate) {
        remove(candidate.userId());
        Entry entry = new Entry(candidate, candidate.openConversations(), Standing.of(candidate, 0).lastAssignedNanos());
        byUser.put(candidate.userId(), entry);
        List<Skip> skips = Router.skipsOf(candidate);
        if (skips.isEmpty()) {
            eligible.add(entry);
        } else {
            ineligible.put(candidate.userId(), TraceEntry.skipped(candidate.userId(), skips));
            skipped = null;
        }
    }

    public void remove(String userId) {
        Entry old = byUser.remove(userId);
        if (old == null) {
            return;
        }
        if (ineligible.remove(userId) == null) {
            eligible.remove(old);
        } else {
            skipped = null;
        }
    }

    /**
     * Decides for one conversation. {@code refused} holds candidates to skip this time only (busy, or a
     * claim just refused), with the reason added to their own.
     */
    public Ranked decide(Map<String, Skip> refused, int runnersUp) {
        List<TraceEntry> refusedEntries = new ArrayList<>();
        int refusedEligible = 0;
        for (Map.Entry<String, Skip> r : refused.entrySet()) {
            Entry e = byUser.get(r.getKey());
            if (e == null) {
                continue;
            }
            Candidate c = e.candidate();
            List<Skip> skips = new ArrayList<>(c.skips());
            skips.add(r.getValue());
            refusedEntries.add(TraceEntry.skipped(r.getKey(), Router.skipsOf(
                    new Candidate(c.userId(), skips, c.openConversations(), c.limit(), c.lastAssignedAt()))));
            if (!ineligible.containsKey(r.getKey())) {
                refusedEligible++;
            }
        }
        Standing chosen = null;
        List<Standing> next = new ArrayList<>();
        for (Entry e : eligible) {
            if (refused.containsKey(e.candidate().userId())) {
                continue;
            }
            if (chosen == null) {
                chosen = Standing.of(e.candidate(), 0);
            } else if (next.size() < runnersUp) {
                next.add(Standing.of(e.candidate(), 0));
            } else {
                break;
            }
        }
        SkippedEntries skippedNow;
        if (refused.isEmpty()) {
            if (skipped == null) {
                skipped = SkippedEntries.of(List.copyOf(ineligible.values()));
            }
            skippedNow = skipped;
        } else {
            // refusals are rare (a claim lost to another transaction): list them first, once
            List<TraceEntry> all = new ArrayList<>(refusedEntries);
            for (TraceEntry t : ineligible.values()) {
                if (!refused.containsKey(t.userId())) {
                    all.add(t);
                }
            }
            skippedNow = SkippedEntries.of(all);
        }
        int eligibleNow = eligible.size() - refusedEligible;
        String skippedText = skippedNow.text;
        if (chosen == null) {
            String why = skippedNow.isEmpty() ? "Unassigned: no candidates" : "Unassigned: nobody eligible" + skippedText;
            return new Ranked(new Decision.Unassigned(new RoutingTrace(new SkippedEntries.Joined(List.of(), skippedNow),
                    why)), 0);
        }
        List<TraceEntry> head = new ArrayList<>(1 + next.size());
        head.add(TraceEntry.chosen(chosen.userId()));
        for (Standing s : next) {
            head.add(TraceEntry.skipped(s.userId(), List.of(Router.notChosen(s, strategy))));
        }
        List<TraceEntry> entries = new SkippedEntries.Joined(head, skippedNow);
        String nextText = next.isEmpty() ? "" : "; next " + next.get(0).userId() + " (" + Router.key(next.get(0), strategy)
                + ")" + (eligibleNow > 2 ? " and " + (eligibleNow - 2) + " more eligible" : "");
        String summary = "Assigned to " + chosen.userId() + " by " + strategy + " (" + Router.key(chosen, strategy) + ")"
                + nextText + skippedText;
        return new Ranked(new Decision.Assigned(chosen.userId(), new RoutingTrace(entries, summary)),
                eligibleNow - 1 - next.size());
    }

    /** A drain's field: the first eligible candidates in rank order, every ineligible one, and how many eligible were left out. */
    public record Leading(List<Candidate> candidates, int moreEligible) {
    }

    /** The first {@code k} eligible candidates and all ineligible ones: O(k log m + skipped). */
    public Leading leading(int k) {
        List<Candidate> result = new ArrayList<>(Math.min(k, eligible.size()) + ineligible.size());
        for (Entry e : eligible) {
            if (result.size() >= k) {
                break;
            }
            result.add(e.candidate());
        }
        int taken = result.size();
        for (String id : ineligible.keySet()) {
            result.add(byUser.get(id).candidate());
        }
        return new Leading(result, eligible.size() - taken);
    }

    /** The candidate of a user id, or null. */
    public Candidate candidate(String userId) {
        Entry e = byUser.get(userId);
        return e == null ? null : e.candidate();
    }

}
