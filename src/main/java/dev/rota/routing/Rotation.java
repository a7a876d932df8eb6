package dev.rota.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The state of one backlog drain: eligible candidates in a heap ordered by the strategy, so each
 * assignment costs O(log m). Mutable and single-use; {@link Router#drain} owns it.
 */
final class Rotation {

    private final Strategy strategy;
    private final PriorityQueue<Standing> queue;
    private final List<TraceEntry> ineligible;
    /** The skipped candidates in words, the same for every step of the drain: written once. */
    private final String skippedText;
    private long tick;

    private Rotation(Strategy strategy, PriorityQueue<Standing> queue, List<TraceEntry> ineligible) {
        this.strategy = strategy;
        this.queue = queue;
        this.ineligible = ineligible;
        this.skippedText = ineligible.isEmpty() ? "" : "; skipped " + Router.describeEntries(ineligible);
    }

    static Rotation of(List<Candidate> candidates, Strategy strategy) {
        Router.Field field = Router.Field.of(candidates);
        var queue = new PriorityQueue<Standing>(Math.max(1, field.eligible().size()), Router.order(strategy));
        queue.addAll(field.eligible());
        return new Rotation(strategy, queue, List.copyOf(field.ineligible()));
    }

    /** Assigns {@code conversation} to the first in line; empty when nobody has capacity left. */
    Optional<Assignment> assign(WaitingConversation conversation) {
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        tick++;
        String prefix = "Drain #" + tick + ", " + conversation.conversationId() + ": ";
        List<TraceEntry> entries;
        String summary;
        if (tick == 1) {
            List<Standing> ranked = new ArrayList<>(queue);
            ranked.sort(Router.order(strategy));
            RoutingTrace full = Router.rankedDecision(ranked, ineligible, strategy).trace();
            entries = full.entries();
            summary = prefix + full.summary();
        } else {
            entries = null;
            summary = null;
        }
        Standing chosen = queue.poll();
        if (entries == null) {
            Standing runnerUp = queue.peek();
            String chosenKey = Router.key(chosen, strategy);
            summary = prefix + "Assigned to " + chosen.userId() + " by " + strategy + " (" + chosenKey + ")";
            // every step names each skipped candidate with its reasons (the list is shared, not rebuilt)
            entries = new ArrayList<>(2 + ineligible.size());
            entries.add(TraceEntry.chosen(chosen.userId()));
            if (runnerUp != null) {
                entries.add(TraceEntry.skipped(runnerUp.userId(), List.of(Router.notChosen(runnerUp, strategy))));
                summary += "; next " + runnerUp.userId() + " (" + Router.key(runnerUp, strategy) + ")"
                        + (queue.size() > 1 ? " and " + (queue.size() - 1) + " more eligible" : "");
            }
            entries.addAll(ineligible);
            summary += skippedText;
        }
        Standing after = chosen.assignedAt(tick);
        if (after.hasCapacity()) {
            queue.offer(after);
        } else {
            summary += "; " + chosen.userId() + " now " + Router.atLimit(after.open(), after.candidate().limit());
        }
        return Optional.of(new Assignment(conversation.conversationId(), chosen.userId(),
                new RoutingTrace(entries, summary)));
    }
}
