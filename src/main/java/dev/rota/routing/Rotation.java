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
    /** The skipped candidates, the same for every step of the drain: checked and described once. */
    private final SkippedEntries skipped;
    private long tick;
    /** The drain has one conversation only. */
    private final boolean single;

    /** Eligible candidates left out of the drain, ranking after all in it (see Router.drain). */
    private final int moreEligible;

    private Rotation(Strategy strategy, PriorityQueue<Standing> queue, List<TraceEntry> ineligible, int moreEligible,
                     boolean single) {
        this.single = single;
        this.strategy = strategy;
        this.moreEligible = moreEligible;
        this.queue = queue;
        this.ineligible = ineligible;
        this.skipped = SkippedEntries.of(ineligible);
    }

    static Rotation of(List<Candidate> candidates, Strategy strategy, int moreEligible) {
        return of(candidates, strategy, moreEligible, false);
    }

    static Rotation of(List<Candidate> candidates, Strategy strategy, int moreEligible, boolean single) {
        Router.Field field = Router.Field.of(candidates);
        var queue = new PriorityQueue<Standing>(Math.max(1, field.eligible().size()), Router.order(strategy));
        queue.addAll(field.eligible());
        return new Rotation(strategy, queue, List.copyOf(field.ineligible()), moreEligible, single);
    }

    /** Assigns {@code conversation} to the first in line; empty when nobody has capacity left. */
    Optional<Assignment> assign(WaitingConversation conversation) {
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        tick++;
        // a drain of one (a single new conversation) is a plain decision: no step number to read past
        String prefix = single ? "" : "Drain #" + tick + ", " + conversation.conversationId() + ": ";
        List<TraceEntry> entries;
        String summary;
        int notListed = 0;
        if (tick == 1) {
            List<Standing> ranked = new ArrayList<>(queue);
            ranked.sort(Router.order(strategy));
            RoutingTrace full = Router.rankedDecision(ranked, ineligible, strategy, moreEligible).trace();
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
            // every step names each skipped candidate with its reasons (shared, not copied: O(1))
            List<TraceEntry> head = new ArrayList<>(2);
            head.add(TraceEntry.chosen(chosen.userId()));
            if (runnerUp != null) {
                head.add(TraceEntry.skipped(runnerUp.userId(), List.of(Router.notChosen(runnerUp, strategy))));
                summary += "; next " + runnerUp.userId() + " (" + Router.key(runnerUp, strategy) + ")"
                        + (queue.size() - 1 + moreEligible > 0 ? " and " + (queue.size() - 1 + moreEligible)
                        + " more eligible" : "");
            }
            entries = new SkippedEntries.Joined(head, skipped);
            summary += skipped.text;
            notListed = Math.max(0, queue.size() - 1); // behind the runner-up: counted, not listed
        }
        Standing after = chosen.assignedAt(tick);
        if (after.hasCapacity()) {
            queue.offer(after);
        } else {
            summary += "; " + chosen.userId() + " now " + Router.atLimit(after.open(), after.candidate().limit());
        }
        return Optional.of(new Assignment(conversation.conversationId(), chosen.userId(),
                new RoutingTrace(entries, summary, notListed)));
    }
}
