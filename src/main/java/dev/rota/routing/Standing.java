package dev.rota.routing;

import java.time.Instant;

/**
 * Where an eligible candidate stands for the strategy: the candidate as loaded, plus what a backlog
 * drain has given them so far. Immutable; a drain replaces it after each assignment.
 *
 * @param open      open conversations, including those assigned by this drain
 * @param drainTick the drain's logical clock at this candidate's latest drain assignment; 0 = none yet.
 *                  Any tick counts as more recent than every real {@code lastAssignedAt}.
 */
record Standing(Candidate candidate, int open, long drainTick) {

    static Standing of(Candidate candidate) {
        return new Standing(candidate, candidate.openConversations(), 0);
    }

    String userId() {
        return candidate.userId();
    }

    Instant lastAssignedAt() {
        return candidate.lastAssignedAt();
    }

    Standing assignedAt(long tick) {
        return new Standing(candidate, open + 1, tick);
    }

    boolean hasCapacity() {
        return candidate.limit() == null || open < candidate.limit();
    }

    String lastAssignedText() {
        if (drainTick > 0) {
            return "drain#" + drainTick;
        }
        return lastAssignedAt() == null ? "never" : lastAssignedAt().toString();
    }
}
