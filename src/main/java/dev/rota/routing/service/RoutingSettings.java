package dev.rota.routing.service;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inbox;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Teams;
import dev.rota.directory.Users;
import dev.rota.routing.RoutingRule;
import dev.rota.web.ForbiddenException;
import dev.rota.web.Body;
import dev.rota.web.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An inbox's routing settings: the rule per channel and reassign-after-away. Super admins change them. */
@Service
public class RoutingSettings {

    private final RuleRepository rules;
    private final Inboxes inboxes;
    private final Users users;
    private final Teams teams;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Membership membership;

    RoutingSettings(RuleRepository rules, Inboxes inboxes, Users users, Teams teams, Membership membership,
                    org.springframework.context.ApplicationEventPublisher events) {
        this.membership = membership;
        this.rules = rules;
        this.inboxes = inboxes;
        this.users = users;
        this.teams = teams;
        this.events = events;
    }

    /** The rule in force: the stored one, else SPECIFIC over all inbox members, BALANCED. */
    @Transactional(readOnly = true)
    public Optional<RoutingRule> storedRule(CurrentUser me, UUID inboxId, Channel channel) {
        Inbox inbox = inboxes.get(me, inboxId);
        requireChannel(inbox, channel, "channel");
        return rules.find(me.accountId(), inboxId, channel);
    }

    @Transactional
    public void saveRule(CurrentUser me, UUID inboxId, Channel channel, RoutingRule rule) {
        requireSuperAdmin(me);
        Inbox inbox = inboxes.get(me, inboxId);
        requireChannel(inbox, channel, "channel");
        Set<UUID> members = membership.inboxMembers(me.accountId(), inboxId);
        checkUsersAndTeams(me.accountId(), rule, "", members);
        if (rule.fallback() != null) {
            checkUsersAndTeams(me.accountId(), rule.fallback(), "fallback.", members);
        }
        rules.save(me.accountId(), inboxId, channel, rule);
        events.publishEvent(new RuleChanged(me.accountId(), inboxId)); // its queue may have takers now
    }

    /** A team named by a routing rule is not deleted: the rule would route to nobody and could not be saved back. */
    @org.springframework.context.event.EventListener
    void on(dev.rota.directory.Teams.TeamDeleting deleting) {
        List<String> using = rules.usingTeam(deleting.accountId(), deleting.teamId());
        if (!using.isEmpty()) {
            throw new dev.rota.web.ConflictException("id", "the team is named by routing rules (" + String.join(", ", using)
                    + "); take it out of them first");
        }
    }

    /** A routing rule of the inbox changed. */
    record RuleChanged(UUID accountId, UUID inboxId) {
    }

    @Transactional(readOnly = true)
    public RuleRepository.ReassignSettings reassignSettings(CurrentUser me, UUID inboxId) {
        inboxes.get(me, inboxId);
        return rules.reassign(me.accountId(), inboxId);
    }

    @Transactional
    public void saveReassignSettings(CurrentUser me, UUID inboxId, Integer minutes, boolean includeManual) {
        requireSuperAdmin(me);
        inboxes.get(me, inboxId);
        rules.saveReassign(me.accountId(), inboxId, new RuleRepository.ReassignSettings(minutes, includeManual));
    }

    /**
     * The rule's users exist in the account and are members of the inbox (directly or by a team): routing could
     * never give them anything. Teams need only exist: they stand for whichever of their members belong.
     */
    private void checkUsersAndTeams(UUID accountId, RoutingRule rule, String prefix, Set<UUID> members) {
        List<UUID> userIds = rule.userIds().stream().filter(id -> !id.equals(RoutingRule.ALL_MEMBERS))
                .map(UUID::fromString).toList();
        List<UUID> missing = users.missingUsers(accountId, userIds);
        if (!missing.isEmpty()) {
            throw new InvalidInputException(prefix + "userIds", "no users " + Body.some(missing) + " in this account");
        }
        List<UUID> outside = userIds.stream().filter(id -> !members.contains(id)).toList();
        if (!outside.isEmpty()) {
            throw new InvalidInputException(prefix + "userIds", "users " + Body.some(outside)
                    + " are not members of this inbox; add them to it (or a team of it) first");
        }
        List<UUID> teamIds = rule.teamIds().stream().map(UUID::fromString).toList();
        List<UUID> unknownTeams = teams.missingTeams(accountId, teamIds);
        if (!unknownTeams.isEmpty()) {
            throw new InvalidInputException(prefix + "teamIds", "no teams " + Body.some(unknownTeams) + " in this account");
        }
    }

    private static void requireChannel(Inbox inbox, Channel channel, String field) {
        if (!inbox.channels().contains(channel)) {
            throw new InvalidInputException(field, "inbox " + inbox.id() + " has no channel " + channel
                    + "; it has " + inbox.channels());
        }
    }

    private static void requireSuperAdmin(CurrentUser me) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may change routing");
        }
    }
}
