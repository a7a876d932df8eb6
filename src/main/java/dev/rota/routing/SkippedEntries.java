package dev.rota.routing;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Trace entries of skipped candidates, checked once and then shared by every decision that skips the
 * same candidates for the same reasons: a drain or a roster names all of them in each trace without
 * copying them, so a decision stays O(log m) however many are skipped.
 */
final class SkippedEntries extends AbstractList<TraceEntry> implements RandomAccess {

    static final SkippedEntries NONE = new SkippedEntries(List.of());

    private final List<TraceEntry> entries;
    /** The first of them in words, for summaries. */
    final String text;

    private SkippedEntries(List<TraceEntry> entries) {
        this.entries = entries;
        this.text = entries.isEmpty() ? "" : "; skipped " + Router.describeEntries(entries);
    }

    static SkippedEntries of(List<TraceEntry> entries) {
        List<TraceEntry> copy = List.copyOf(entries);
        for (TraceEntry e : copy) {
            if (e.outcome() != TraceEntry.Outcome.SKIPPED) {
                throw new IllegalArgumentException("only skipped entries: " + e);
            }
        }
        return new SkippedEntries(copy);
    }

    @Override
    public TraceEntry get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }

    /** A few leading entries (the chosen, runners-up) followed by shared skipped ones; immutable. */
    static final class Joined extends AbstractList<TraceEntry> implements RandomAccess {

        private final List<TraceEntry> head;
        private final SkippedEntries tail;

        Joined(List<TraceEntry> head, SkippedEntries tail) {
            this.head = List.copyOf(head);
            this.tail = tail;
        }

        List<TraceEntry> head() {
            return head;
        }

        @Override
        public TraceEntry get(int index) {
            return index < head.size() ? head.get(index) : tail.get(index - head.size());
        }

        @Override
        public int size() {
            return head.size() + tail.size();
        }
    }
}
