package dev.rota.availability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Whether a user may receive conversations automatically: every condition must hold. */
public final class Eligibility {

    /** The conditions, in the order they are reported; each constant names what fails. */
    public enum Ineligibility {
        AWAY(c -> c.status().status() == Status.AVAILABLE),
        INACTIVE(Candidate::active),
        NO_SEAT(Candidate::paidSeat),
        NOT_MEMBER(Candidate::member),
        AT_LIMIT(c -> c.limit() == null || c.openConversations() < c.limit());

        private final Predicate<Candidate> holds;

        Ineligibility(Predicate<Candidate> holds) {
            this.holds = holds;
        }
    }

    record Candidate(EffectiveStatus status, boolean active, boolean paidSeat, boolean member, int openConversations,
                     Integer limit) {
        Candidate {
            Objects.requireNonNull(status, "status");
            if (openConversations < 0) {
                throw new IllegalArgumentException("openConversations may not be negative: " + openConversations);
            }
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("limit may not be negative: " + limit);
            }
        }
    }

    private Eligibility() {
    }

    /**
     * Every failing condition, in declaration order; empty means eligible.
     *
     * @param limit the open-conversation limit, null for none; at {@code openConversations >= limit} the user is at the limit
     */
    public static List<Ineligibility> check(EffectiveStatus status, boolean active, boolean paidSeat, boolean member,
                                           int openConversations, Integer limit) {
        Candidate candidate = new Candidate(status, active, paidSeat, member, openConversations, limit);
        List<Ineligibility> failing = new ArrayList<>();
        for (Ineligibility condition : Ineligibility.values()) {
            if (!condition.holds.test(candidate)) {
                failing.add(condition);
            }
        }
        return List.copyOf(failing);
    }
}
