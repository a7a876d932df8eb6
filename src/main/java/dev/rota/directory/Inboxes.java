package dev.rota.directory;

import dev.rota.platform.Ids;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shared inboxes with their channels and members (users, and teams whose users get access). */
@Service
public class Inboxes {

    private final InboxRepository inboxes;
    private final UserRepository users;
    private final TeamRepository teams;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Inboxes(InboxRepository inboxes, UserRepository users, TeamRepository teams, ApplicationEventPublisher events,
            Clock clock) {
        this.inboxes = inboxes;
        this.users = users;
        this.teams = teams;
        this.events = events;
        this.clock = clock;
    }

    /** Null fields are unchanged. */
    public record InboxChanges(String name, Set<Channel> channels, List<UUID> memberUserIds, List<UUID> memberTeamIds) {
    }

    /** Published in the transaction that changed an inbox's members, so routing can drain its queue. */
    public record InboxMembersChanged(UUID accountId, UUID inboxId) {
    }

    @Transactional(readOnly = true)
    public PageResponse<Inbox> list(CurrentUser me, PageRequest page) {
        return page.respond(inboxes.list(me.accountId(), page.size(), page.offset()), inboxes.count(me.accountId()));
    }

    /** An inbox's name as conversations show it; {@code archived}: deleted, kept for what it held. */
    public record Label(UUID id, String name, boolean archived) {
    }

    /** The labels of these inboxes of the account, archived ones too, by id. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Label> labels(UUID accountId, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Label> byId = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            inboxes.labels(accountId, ids).forEach(l -> byId.put(l.id(), l));
        }
        return byId;
    }

    @Transactional(readOnly = true)
    public Inbox get(CurrentUser me, UUID id) {
        return find(me.accountId(), id);
    }

    @Transactional(readOnly = true)
    public Inbox find(UUID accountId, UUID id) {
        return inboxes.find(accountId, id).orElseThrow(() -> new NotFoundException("inbox", id));
    }

    @Transactional
    public Inbox create(CurrentUser me, String name, Set<Channel> channels, List<UUID> userIds, List<UUID> teamIds) {
        Users.requireSuperAdmin(me);
        requireChannel(channels);
        checkMembers(me.accountId(), userIds, teamIds);
        Inbox inbox = new Inbox(me.accountId(), Ids.newId(), name, channels, userIds, teamIds, clock.instant());
        inboxes.insert(inbox);
        events.publishEvent(new InboxMembersChanged(me.accountId(), inbox.id()));
        return get(me, inbox.id());
    }

    @Transactional
    public Inbox update(CurrentUser me, UUID id, InboxChanges c) {
        Users.requireSuperAdmin(me);
        Inbox current = get(me, id);
        if (c.channels() != null) {
            requireChannel(c.channels());
        }
        List<UUID> userIds = c.memberUserIds() == null ? current.memberUserIds() : c.memberUserIds();
        List<UUID> teamIds = c.memberTeamIds() == null ? current.memberTeamIds() : c.memberTeamIds();
        checkMembers(me.accountId(), userIds, teamIds);
        inboxes.update(new Inbox(current.accountId(), id, c.name() == null ? current.name() : c.name(),
                c.channels() == null ? current.channels() : c.channels(), userIds, teamIds, current.createdAt()));
        events.publishEvent(new InboxMembersChanged(me.accountId(), id));
        return get(me, id);
    }

    /** An inbox without a channel could take no conversation, not even a repeat of one it has. */
    private static void requireChannel(Set<Channel> channels) {
        if (channels.isEmpty()) {
            throw new InvalidInputException("channels", "at least one of " + List.of(Channel.values()));
        }
    }

    /** Archives the inbox: it disappears from lists, its conversations keep their history. */
    @Transactional
    public void delete(CurrentUser me, UUID id) {
        Users.requireSuperAdmin(me);
        get(me, id);
        inboxes.archive(me.accountId(), id, clock.instant());
    }

    private void checkMembers(UUID accountId, List<UUID> userIds, List<UUID> teamIds) {
        List<UUID> missingUsers = users.missing(accountId, userIds);
        if (!missingUsers.isEmpty()) {
            throw new InvalidInputException("memberUserIds", "no users " + dev.rota.web.Body.some(missingUsers) + " in this account");
        }
        List<UUID> missingTeams = teams.missing(accountId, teamIds);
        if (!missingTeams.isEmpty()) {
            throw new InvalidInputException("memberTeamIds", "no teams " + dev.rota.web.Body.some(missingTeams) + " in this account");
        }
    }
}
