package dev.rota.routing.service;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Eligibility;
import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.AvailabilityRules;
import dev.rota.availability.service.Availability;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.routing.Candidate;
import dev.rota.routing.Skip;
import dev.rota.routing.SkipReason;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Builds routing candidates: each user with the eligibility failures the availability core reports
 * (away and why, inactive, no seat, not a member, at the limit), open conversations and last assignment.
 * Users' records and availability inputs are kept in memory per node, keyed by their inputs version,
 * which one read per decision checks; the claim re-checks what matters under lock anyway.
 */
@Component
class CandidatePool {

    /** Beyond this many cached users the cache starts over; it only saves reads. */
    private static final int MAX_CACHED = 200_000;

    private final Availability availability;
    private final Users users;
    private final LoadRepository loads;
    private final Map<UUID, Facts> cache = new ConcurrentHashMap<>();

    CandidatePool(Availability availability, Users users, LoadRepository loads) {
        this.availability = availability;
        this.users = users;
        this.loads = loads;
    }

    /** A user's directory record and availability inputs, as of an inputs version. */
    private record Facts(long version, Timestamp accountUpdatedAt, User user, AvailabilityInput input) {
    }

    List<Candidate> candidates(UUID accountId, UUID inboxId, Collection<UUID> userIds, Set<UUID> members, Instant now) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return build(accountId, loads.standings(accountId, inboxId, userIds), userIds, members, now);
    }

    private List<Candidate> build(UUID accountId, Map<UUID, LoadRepository.Standing> standings,
                                  Collection<UUID> userIds, Set<UUID> members, Instant now) {
        return build(accountId, standings, userIds, members, now, null);
    }

    /**
     * The candidates among {@code userIds} that have a standing; with {@code validUntil}, also when each
     * one's eligibility may next change by the clock alone (absent: not within ~400 days).
     */
    List<Candidate> build(UUID accountId, Map<UUID, LoadRepository.Standing> standings, Collection<UUID> userIds,
                          Set<UUID> members, Instant now, Map<UUID, Instant> validUntil) {
        List<UUID> stale = new ArrayList<>();
        standings.forEach((id, s) -> {
            Facts f = cache.get(id);
            if (f == null || f.version() != s.inputsVersion() || !f.accountUpdatedAt().equals(s.accountUpdatedAt())) {
                stale.add(id);
            }
        });
        if (!stale.isEmpty()) {
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            Map<UUID, AvailabilityInput> inputs = availability.inputsOf(accountId, stale, now);
            for (User user : users.findAll(accountId, stale)) {
                LoadRepository.Standing s = standings.get(user.id());
                AvailabilityInput input = inputs.get(user.id());
                if (input != null) {
                    cache.put(user.id(), new Facts(s.inputsVersion(), s.accountUpdatedAt(), user, input));
                }
            }
        }
        List<Candidate> result = new ArrayList<>();
        for (UUID id : userIds) {
            LoadRepository.Standing standing = standings.get(id);
            Facts facts = cache.get(id);
            if (standing == null || facts == null) {
                continue;
            }
            User user = facts.user();
            EffectiveStatus status = AvailabilityRules.evaluate(facts.input(), now);
            if (validUntil != null && status.until() != null) {
                validUntil.put(id, status.until());
            }
            int openCount = standing.openCount();
            Integer limit = user.maxOpenConversations() != null ? user.maxOpenConversations() : standing.accountLimit();
            List<Skip> skips = new ArrayList<>();
            for (Eligibility.Ineligibility failure : Eligibility.check(status, user.active(), user.seat().isPaid(),
                    members.contains(id), openCount, limit)) {
                skips.add(switch (failure) {
                    case AWAY -> new Skip(SkipReason.AWAY, status.reason().name());
                    case INACTIVE -> Skip.of(SkipReason.INACTIVE);
                    case NO_SEAT -> Skip.of(SkipReason.NO_SEAT);
                    case NOT_MEMBER -> Skip.of(SkipReason.NOT_MEMBER);
                    case AT_LIMIT -> new Skip(SkipReason.AT_LIMIT, "open=" + openCount + ", limit=" + limit);
                });
            }
            result.add(new Candidate(id.toString(), skips, openCount, limit, standing.lastAssignedAt()));
        }
        return result;
    }

    /**
     * The same candidate after the claim did not go through: busy (another request holds their row),
     * or refused (the limit was reached, or they went away, meanwhile).
     */
    static Candidate refused(Candidate c, boolean wasFree) {
        List<Skip> skips = new ArrayList<>(c.skips());
        skips.add(refusal(wasFree));
        return new Candidate(c.userId(), skips, c.openConversations(), c.limit(), c.lastAssignedAt());
    }

    static Skip refusal(boolean wasFree) {
        return wasFree ? new Skip(SkipReason.AT_LIMIT, "claim refused: limit reached or status changed meanwhile")
                : new Skip(SkipReason.BUSY, "being assigned another conversation right now");
    }
}
