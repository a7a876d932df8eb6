package dev.rota.directory;

import dev.rota.platform.Ids;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams: named groups of users, optionally nested under a parent team (no cycles). */
@Service
public class Teams {

    private final TeamRepository teams;
    private final UserRepository users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Teams(TeamRepository teams, UserRepository users, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.teams = teams;
        this.users = users;
        this.clock = clock;
    }

    /** Who is in the team changed (or the team went): inboxes it belongs to, and rules naming it, may route otherwise. */
    public record TeamMembersChanged(UUID accountId, UUID teamId) {
    }

    /**
     * The team is about to be deleted, in the deleting transaction: a listener that still needs it (a routing rule
     * naming it) refuses by throwing, and nothing is deleted.
     */
    public record TeamDeleting(UUID accountId, UUID teamId) {
    }

    /** Null fields are unchanged; {@code setParent} says whether parentId (maybe null) is given. */
    public record TeamChanges(String name, boolean setParent, UUID parentId, List<UUID> memberIds) {
    }

    @Transactional(readOnly = true)
    public PageResponse<Team> list(CurrentUser me, PageRequest page) {
        return page.respond(teams.list(me.accountId(), page.size(), page.offset()), teams.count(me.accountId()));
    }

    /** A team's id and name only. */
    public record Summary(UUID id, String name) {
    }

    /** The account's teams by name, without loading their members: for pickers and filters. */
    @Transactional(readOnly = true)
    public List<Summary> summaries(CurrentUser me, int limit) {
        return teams.summaries(me.accountId(), limit);
    }

    @Transactional(readOnly = true)
    public Team get(CurrentUser me, UUID id) {
        return teams.find(me.accountId(), id).orElseThrow(() -> new NotFoundException("team", id));
    }

    /**
     * The ids among {@code ids} that name no team of the account; the others are locked against deletion until the
     * caller's transaction ends (it is about to name them).
     */
    @Transactional
    public List<UUID> missingTeams(UUID accountId, List<UUID> ids) {
        return ids.isEmpty() ? List.of() : teams.missing(accountId, ids);
    }

    @Transactional
    public Team create(CurrentUser me, String name, UUID parentId, List<UUID> memberIds) {
        Users.requireSuperAdmin(me);
        checkReferences(me.accountId(), null, parentId, memberIds);
        Team team = new Team(me.accountId(), Ids.newId(), name, parentId, memberIds, clock.instant());
        teams.insert(team);
        events.publishEvent(new TeamMembersChanged(me.accountId(), team.id()));
        return get(me, team.id());
    }

    @Transactional
    public Team update(CurrentUser me, UUID id, TeamChanges c) {
        Users.requireSuperAdmin(me);
        Team current = get(me, id);
        UUID parent = c.setParent() ? c.parentId() : current.parentId();
        List<UUID> members = c.memberIds() == null ? current.memberIds() : c.memberIds();
        checkReferences(me.accountId(), id, parent, members);
        teams.update(new Team(current.accountId(), id, c.name() == null ? current.name() : c.name(), parent, members,
                current.createdAt()));
        if (!new java.util.HashSet<>(members).equals(new java.util.HashSet<>(current.memberIds()))) {
            events.publishEvent(new TeamMembersChanged(me.accountId(), id));
        }
        return get(me, id);
    }

    @Transactional
    public void delete(CurrentUser me, UUID id) {
        Users.requireSuperAdmin(me);
        get(me, id);
        // first the lock: a rule or inbox naming the team meanwhile commits before the check below reads it
        if (!teams.lockForDelete(me.accountId(), id)) {
            throw new NotFoundException("team", id);
        }
        events.publishEvent(new TeamDeleting(me.accountId(), id));
        teams.delete(me.accountId(), id);
        events.publishEvent(new TeamMembersChanged(me.accountId(), id));
    }

    private void checkReferences(UUID accountId, UUID teamId, UUID parentId, List<UUID> memberIds) {
        if (parentId != null) {
            if (parentId.equals(teamId)) {
                throw new InvalidInputException("parentId", "a team cannot be its own parent");
            }
            if (teams.existing(accountId, List.of(parentId)).isEmpty()) {
                throw new InvalidInputException("parentId", "no team " + parentId + " in this account");
            }
            if (teamId != null && teams.ancestors(accountId, parentId).contains(teamId)) {
                throw new InvalidInputException("parentId", "team " + parentId + " is inside this team: that would make a cycle");
            }
        }
        List<UUID> missing = users.missing(accountId, memberIds);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("memberIds", "no users " + dev.rota.web.Body.some(missing) + " in this account");
        }
    }
}
