package dev.rota.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A user the rule could route to, as loaded by the adapter.
 *
 * @param userId             never blank
 * @param skips              eligibility failures computed upstream by the availability core; empty = eligible
 * @param openConversations  open conversations assigned now, {@code >= 0}
 * @param limit              maximum open conversations, {@code >= 0}; {@code null} = no limit.
 *                           A candidate with {@code openConversations >= limit} is skipped as AT_LIMIT.
 * @param lastAssignedAt     last assignment in this inbox; {@code null} = never assigned
 */
public record Candidate(String userId, List<Skip> skips, int openConversations, Integer limit,
                        Instant lastAssignedAt) {

    public Candidate {
        requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        skips = List.copyOf(requireNonNull(skips, "skips"));
        if (skips.stream().anyMatch(s -> s.reason() == SkipReason.NOT_CHOSEN)) {
            throw new IllegalArgumentException("skips of " + userId + " must not contain NOT_CHOSEN: "
                    + "only the router decides that");
        }
        if (openConversations < 0) {
            throw new IllegalArgumentException("openConversations must be >= 0: " + openConversations);
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 or null: " + limit);
        }
    }

    /** Conversations this candidate may still take; {@link Integer#MAX_VALUE} without a limit. */
    public int freeCapacity() {
        return limit == null ? Integer.MAX_VALUE : Math.max(0, limit - openConversations);
    }
}
