package dev.rota.routing.service;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Eligibility;
import dev.rota.availability.service.Availability;
import dev.rota.directory.Accounts;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.routing.Candidate;
import dev.rota.routing.Skip;
import dev.rota.routing.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Builds routing candidates: each user with the eligibility failures the availability core reports
 * (away and why, inactive, no seat, not a member, at the limit), open conversations and last assignment.
 */
@Component
class CandidatePool {

    private final Availability availability;
    private final Users users;
    private final Accounts accounts;
    private final LoadRepository loads;

    CandidatePool(Availability availability, Users users, Accounts accounts, LoadRepository loads) {
        this.availability = availability;
        this.users = users;
        this.accounts = accounts;
        this.loads = loads;
    }

    List<Candidate> candidates(UUID accountId, UUID inboxId, Collection<UUID> userIds, Set<UUID> members, Instant now) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, User> byId = users.findAll(accountId, userIds).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        Map<UUID, EffectiveStatus> statuses = availability.statusesOf(accountId, byId.keySet(), now);
        Map<UUID, Integer> open = loads.openCounts(accountId, byId.keySet());
        Map<UUID, Instant> last = loads.lastAssigned(accountId, inboxId, byId.keySet());
        Integer accountLimit = accounts.find(accountId).defaultMaxOpenConversations();
        List<Candidate> result = new ArrayList<>();
        for (UUID id : userIds) {
            User user = byId.get(id);
            EffectiveStatus status = statuses.get(id);
            if (user == null || status == null) {
                continue;
            }
            int openCount = open.getOrDefault(id, 0);
            Integer limit = user.maxOpenConversations() != null ? user.maxOpenConversations() : accountLimit;
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
            result.add(new Candidate(id.toString(), skips, openCount, limit, last.get(id)));
        }
        return result;
    }

    /**
     * The same candidate after the claim did not go through: busy (another request holds their row),
     * or refused (the limit was reached, or they went away, meanwhile).
     */
    static Candidate refused(Candidate c, boolean wasFree) {
        List<Skip> skips = new ArrayList<>(c.skips());
        skips.add(wasFree ? new Skip(SkipReason.AT_LIMIT, "claim refused: limit reached or status changed meanwhile")
                : new Skip(SkipReason.BUSY, "being assigned another conversation right now"));
        return new Candidate(c.userId(), skips, c.openConversations(), c.limit(), c.lastAssignedAt());
    }
}
