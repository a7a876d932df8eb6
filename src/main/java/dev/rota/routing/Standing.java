package dev.rota.routing;

import java.time.Instant;

/**
 * Where an eligible candidate stands for the strategy: the candidate as loaded, plus what a backlog
 * drain has given them so far. Immutable; a drain replaces it after each assignment. The ordering
 * fields are primitives so that a heap of 10,000 compares without chasing references.
 *
 * @param userRank      the user id's position in natural order among the eligible: the last tie-breaker
 *                      as an int, so ties (everyone never assigned at a shift start) compare no strings
 * @param open          open conversations, including those assigned by this drain
 * @param lastAssignedNanos {@code lastAssignedAt} in nanoseconds since the epoch, {@link Long#MIN_VALUE}
 *                      for never; instants beyond ±292 years of 1970 saturate (ties then fall to the user id)
 * @param drainTick     the drain's logical clock at this candidate's latest drain assignment; 0 = none yet.
 *                      Any tick counts as more recent than every real {@code lastAssignedAt}.
 */
record Standing(Candidate candidate, int userRank, int open, long lastAssignedNanos, long drainTick) {

    /** @param userRank the position of the user id in natural {@code String} order among the eligible */
    static Standing of(Candidate candidate, int userRank) {
        return new Standing(candidate, userRank, candidate.openConversations(), nanos(candidate.lastAssignedAt()), 0);
    }

    String userId() {
        return candidate.userId();
    }

    Standing assignedAt(long tick) {
        return new Standing(candidate, userRank, open + 1, lastAssignedNanos, tick);
    }

    boolean hasCapacity() {
        return candidate.limit() == null || open < candidate.limit();
    }

    String lastAssignedText() {
        if (drainTick > 0) {
            return "drain#" + drainTick;
        }
        return candidate.lastAssignedAt() == null ? "never" : candidate.lastAssignedAt().toString();
    }

    private static long nanos(Instant instant) {
        if (instant == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException beyondRange) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
    }
}
