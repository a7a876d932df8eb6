package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Why a routing decision came out as it did: each candidate considered, chosen or skipped with
 * reasons, and a readable one-line summary such as
 * {@code Assigned to u1 by BALANCED (open=1, lastAssigned=never); skipped u2: AWAY (OUT_OF_OFFICE), u3: AT_LIMIT}.
 *
 * @param entries          at most one CHOSEN entry; order is the router's (see {@link Router})
 * @param eligibleNotListed eligible candidates ranked after those listed and left out of {@code entries} (a drain's
 *                         later steps list the next in line only, to stay O(log m))
 */
public record RoutingTrace(List<TraceEntry> entries, String summary, int eligibleNotListed) {

    public RoutingTrace(List<TraceEntry> entries, String summary) {
        this(entries, summary, 0);
    }

    public RoutingTrace {
        requireNonNull(entries, "entries");
        requireNonNull(summary, "summary");
        // shared skipped entries were checked when made: only the few leading ones need a look
        List<TraceEntry> checked = entries instanceof SkippedEntries.Joined joined ? joined.head() : entries;
        entries = entries instanceof SkippedEntries.Joined ? entries : List.copyOf(entries);
        if (checked.stream().filter(e -> e.outcome() == TraceEntry.Outcome.CHOSEN).count() > 1) {
            throw new IllegalArgumentException("entries must hold at most one CHOSEN: " + entries);
        }
    }

    /** The chosen user, empty when nobody was. */
    public Optional<String> chosen() {
        return entries.stream().filter(e -> e.outcome() == TraceEntry.Outcome.CHOSEN)
                .map(TraceEntry::userId).findFirst();
    }

    /** The entry of {@code userId}, empty when the trace does not list that user. */
    public Optional<TraceEntry> entryOf(String userId) {
        return entries.stream().filter(e -> e.userId().equals(userId)).findFirst();
    }

    @Override
    public String toString() {
        return summary;
    }
}
