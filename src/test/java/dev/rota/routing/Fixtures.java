package dev.rota.routing;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Candidates and conversations as the adapter would load them. */
final class Fixtures {

    static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    private Fixtures() {
    }

    static Candidate agent(String userId) {
        return new Candidate(userId, List.of(), 0, null, null);
    }

    static Candidate agent(String userId, int open, Instant lastAssignedAt) {
        return new Candidate(userId, List.of(), open, null, lastAssignedAt);
    }

    static Candidate agentWithLimit(String userId, int open, int limit) {
        return new Candidate(userId, List.of(), open, limit, null);
    }

    static Candidate skipped(String userId, SkipReason reason, String detail) {
        return new Candidate(userId, List.of(new Skip(reason, detail)), 0, null, null);
    }

    static Candidate away(String userId, String availabilityReason) {
        return skipped(userId, SkipReason.AWAY, availabilityReason);
    }

    static Instant minutesAfterNine(int minutes) {
        return NINE.plusSeconds(60L * minutes);
    }

    /** {@code count} conversations c01.., one minute apart, oldest first. */
    static List<WaitingConversation> waiting(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new WaitingConversation("c%02d".formatted(i + 1), NINE.minusSeconds(60L * (count - i))))
                .toList();
    }
}
