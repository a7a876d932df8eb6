package dev.rota.routing.service;

import dev.rota.availability.service.StatusChanged;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Users;
import dev.rota.platform.BackgroundLoop;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Drains inbox queues the moment someone may take more: a user became available (by a person or the
 * clock), a conversation was closed or unassigned, a limit was raised, a member was added. Triggers are
 * collected after their transaction commits and drained in batches; a periodic sweep catches anything
 * a crashed node left behind, and takes conversations back from people who stayed away too long.
 * <p>
 * Someone becoming available is drained for after a short settle ({@code rota.routing.drain-settle}, 500 ms):
 * people who come back together (a team clicking Available as a meeting ends, on any node) land in one fair drain
 * instead of the first to commit taking the whole backlog. A seat given, a reactivation or a raised limit settles the
 * same way (recorded with the change, so a drain on any node that sees it waits too: {@link Membership#markJoined}).
 * Meanwhile every other drain of their inboxes (a place freed, a limit raised, a member or rule change, the
 * periodic sweep) is deferred to the settle's end; otherwise those drain at once.
 */
@Component
class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final Routing routing;
    private final Membership membership;
    private final ConversationRepository conversations;
    private final long sweepMillis;
    /** Users who came back, with when their settle ends and their inboxes are drained ({@link System#nanoTime}). */
    private final java.util.Map<UUID, Long> settlingUsers = new ConcurrentHashMap<>();
    /** Users who may take more now (a place freed, a limit raised): their inboxes are drained in the next round. */
    private final Set<UUID> promptUsers = ConcurrentHashMap.newKeySet();
    private final long settleNanos;
    private final java.time.Clock clock;
    private final Set<ConversationRepository.InboxRef> pendingInboxes = ConcurrentHashMap.newKeySet();
    /** Inboxes a drain left alone while someone there settled, with when to look again ({@link System#nanoTime}). */
    private final java.util.Map<ConversationRepository.InboxRef, Long> deferred = new ConcurrentHashMap<>();
    private final Set<Users.UserChanged> changedUsers = ConcurrentHashMap.newKeySet();
    /** Inboxes (or, with a null inbox, accounts) whose members may have changed: who left gives back what they hold. */
    private final Set<ConversationRepository.InboxRef> membersChanged = ConcurrentHashMap.newKeySet();
    /**
     * Second looks at changed memberships, when due ({@link System#nanoTime}): an assignment that raced the change
     * (made by a transaction that read the members before it and committed after its take-back) is taken back then.
     */
    private final java.util.Map<ConversationRepository.InboxRef, Long> lookAgain = new ConcurrentHashMap<>();
    private static final long LOOK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private long lastMemberSweep = System.nanoTime() - TimeUnit.MINUTES.toNanos(10); // first on start
    private final BackgroundLoop loop = new BackgroundLoop("rota-queue", this::round, 500);
    private long lastSweep;

    QueueWorker(Routing routing, Membership membership, ConversationRepository conversations,
                @Value("${rota.routing.sweep-millis:2000}") long sweepMillis,
                @Value("${rota.routing.drain-settle:500ms}") java.time.Duration settle, java.time.Clock clock) {
        this.settleNanos = settle.toNanos();
        this.clock = clock;
        this.routing = routing;
        this.membership = membership;
        this.conversations = conversations;
        this.sweepMillis = sweepMillis;
    }

    @TransactionalEventListener
    void on(StatusChanged changed) {
        if (changed.becameAvailable()) {
            settle(changed.userId());
        }
    }

    /** In the change's own transaction: other nodes' drains see the settle as soon as they can see the change. */
    @org.springframework.context.event.EventListener
    void record(Users.UserChanged changed) {
        if (changed.joined()) {
            membership.markJoined(changed.accountId(), changed.userId(), clock.instant());
        }
    }

    @TransactionalEventListener
    void on(Users.UserChanged changed) {
        changedUsers.add(changed); // maybe deactivated: what they hold goes back through routing
        // given seats, reactivated or given a higher limit one after another (the morning shift), people share the
        // backlog like those who click Available together
        if (changed.joined()) {
            settle(changed.userId());
        } else {
            prompt(changed.userId());
        }
    }

    /**
     * Drains for the user once a settle has passed since they last came back: Available and then given a seat a
     * moment later (a new starter; the morning shift), they wait for the others coming back with them.
     */
    private void settle(UUID userId) {
        settlingUsers.put(userId, System.nanoTime() + settleNanos);
        wake();
    }

    private void prompt(UUID userId) {
        promptUsers.add(userId);
        wake();
    }

    @TransactionalEventListener
    void on(Inboxes.InboxMembersChanged changed) {
        ConversationRepository.InboxRef inbox = new ConversationRepository.InboxRef(changed.accountId(), changed.inboxId());
        membersChanged.add(inbox);
        pendingInboxes.add(inbox);
        wake();
    }

    /** A team's members changed: every inbox it belongs to, and every rule naming it, may route otherwise. */
    @TransactionalEventListener
    void on(dev.rota.directory.Teams.TeamMembersChanged changed) {
        membersChanged.add(new ConversationRepository.InboxRef(changed.accountId(), null));
        pendingInboxes.addAll(conversations.inboxesWithWaiting(changed.accountId(), 1_000));
        wake();
    }

    @TransactionalEventListener
    void on(RoutingSettings.RuleChanged changed) {
        pendingInboxes.add(new ConversationRepository.InboxRef(changed.accountId(), changed.inboxId()));
        wake();
    }

    @TransactionalEventListener
    void on(dev.rota.directory.Accounts.DefaultLimitChanged changed) {
        pendingInboxes.addAll(conversations.inboxesWithWaiting(changed.accountId(), 1_000));
        wake();
    }

    @TransactionalEventListener
    void on(Routing.CapacityFreed freed) {
        prompt(freed.userId());
    }

    void wake() {
        loop.wake();
    }

    /**
     * One round: drain the inboxes of pending users (settled or not) and inboxes. Visible for tests; one round at a
     * time, so a test's call returns after a round the loop had begun with what the test's change asked for.
     */
    void drainPending() {
        drainPending(true);
    }

    private synchronized void drainPending(boolean unsettledToo) {
        List<Users.UserChanged> changed = new ArrayList<>(changedUsers);
        changedUsers.removeAll(changed);
        for (Users.UserChanged user : changed) {
            try {
                routing.reassignFromInactive(user.accountId(), user.userId());
            } catch (TransientDataAccessException e) {
                log.debug("taking back what {} held collided with another; the sweep retries: {}", user, e.getMessage());
            }
        }
        List<ConversationRepository.InboxRef> left = new ArrayList<>(membersChanged);
        membersChanged.removeAll(left);
        long now = System.nanoTime();
        left.forEach(inbox -> lookAgain.put(inbox, now + LOOK_AGAIN_NANOS));
        for (var again : List.copyOf(lookAgain.entrySet())) {
            if (again.getValue() - now <= 0 && !left.contains(again.getKey()) && lookAgain.remove(again.getKey(), again.getValue())) {
                left.add(again.getKey());
            }
        }
        for (ConversationRepository.InboxRef inbox : left) {
            try {
                routing.reassignFromNonMembers(inbox.accountId(), inbox.inboxId());
            } catch (TransientDataAccessException e) {
                log.debug("taking back what left {} collided with another; the sweep retries: {}", inbox, e.getMessage());
            }
        }
        Set<ConversationRepository.InboxRef> inboxes = new LinkedHashSet<>();
        List<UUID> settled = new ArrayList<>();
        for (var pending : List.copyOf(settlingUsers.entrySet())) {
            if ((unsettledToo || pending.getValue() - now <= 0) && settlingUsers.remove(pending.getKey(), pending.getValue())) {
                settled.add(pending.getKey());
            }
        }
        List<UUID> promptly = new ArrayList<>(promptUsers);
        promptUsers.removeAll(promptly);
        Set<ConversationRepository.InboxRef> direct = new LinkedHashSet<>(membership.inboxesWithQueueFor(promptly));
        List<ConversationRepository.InboxRef> asked = new ArrayList<>(pendingInboxes);
        pendingInboxes.removeAll(asked);
        direct.addAll(asked);
        for (var later : List.copyOf(deferred.entrySet())) {
            if ((unsettledToo || later.getValue() - now <= 0) && deferred.remove(later.getKey(), later.getValue())) {
                direct.add(later.getKey());
            }
        }
        if (!unsettledToo && !direct.isEmpty()) {
            // someone there is settling after coming back: the inbox is drained once they have, with everyone back
            // by then (not dropped: the settle's own drain may have come before they joined the inbox)
            Set<ConversationRepository.InboxRef> held = settling();
            held.retainAll(direct);
            direct.removeAll(held);
            held.forEach(this::defer);
        }
        inboxes.addAll(membership.inboxesWithQueueFor(settled));
        direct.removeAll(inboxes);
        drainAll(inboxes, direct, unsettledToo);
    }

    private void defer(ConversationRepository.InboxRef inbox) {
        deferred.put(inbox, System.nanoTime() + settleNanos);
    }

    /**
     * Inboxes of people given a seat or reactivated here less than a settle ago. Who became Available, on any node,
     * is known from their state: {@link Routing#drain(UUID, UUID, java.time.Instant)} checks it.
     */
    private Set<ConversationRepository.InboxRef> settling() {
        long now = System.nanoTime();
        List<UUID> waiting = settlingUsers.entrySet().stream().filter(e -> e.getValue() - now > 0)
                .map(java.util.Map.Entry::getKey).toList();
        return new LinkedHashSet<>(membership.inboxesWithQueueFor(waiting));
    }

    /**
     * Drains {@code settled} (for people whose settle is over) and {@code direct} (asked for by anything else, which
     * leaves an inbox alone if someone there came back within a settle, unless {@code anyway}).
     */
    private void drainAll(Set<ConversationRepository.InboxRef> settled, Set<ConversationRepository.InboxRef> direct,
                          boolean anyway) {
        Set<ConversationRepository.InboxRef> all = new LinkedHashSet<>(settled);
        all.addAll(direct);
        java.time.Instant cameBackAfter = clock.instant().minusNanos(settleNanos);
        // the inbox whose waiting conversation is oldest first: someone who belongs to several inboxes and has one
        // place free takes the customer who waited longest, not whichever inbox comes first
        for (ConversationRepository.InboxRef inbox : conversations.byOldestWaiting(all)) {
            java.time.Instant cutoff = anyway || settled.contains(inbox) ? null : cameBackAfter;
            for (int round = 0; round < 100; round++) {
                try {
                    int assigned = routing.drain(inbox.accountId(), inbox.inboxId(), cutoff);
                    if (assigned == Routing.LEFT_TO_SETTLE) {
                        defer(inbox);
                    }
                    if (assigned < Routing.DRAIN_BATCH) {
                        break;
                    }
                } catch (TransientDataAccessException e) {
                    log.debug("drain of {} collided with another; retrying: {}", inbox, e.getMessage());
                }
            }
        }
    }

    void sweep() {
        Set<ConversationRepository.InboxRef> waiting = new LinkedHashSet<>(conversations.inboxesWithWaiting(null, 1_000));
        // someone there just came back (here, or Available on another node: the drain checks) is left to the drain
        // after their settle, so that others coming back in the same moment share the backlog
        if (!waiting.isEmpty()) {
            waiting.removeAll(settling());
            drainAll(Set.of(), waiting, false);
        }
        for (ConversationRepository.ReassignInbox inbox : conversations.inboxesWithReassign()) {
            routing.reassignFromLongAway(inbox);
        }
        routing.reassignFromInactive(null, null); // what a node that went down before doing it left
        // the same for people who left an inbox: only a node that went down between the change and its own take-back
        // leaves any, and the query reads every open assigned conversation, so every 10 minutes
        if (System.nanoTime() - lastMemberSweep > TimeUnit.MINUTES.toNanos(10)) {
            routing.reassignFromNonMembers(null, null);
            lastMemberSweep = System.nanoTime();
        }
    }

    private long round() {
        drainPending(false);
        if (System.nanoTime() - lastSweep > TimeUnit.MILLISECONDS.toNanos(sweepMillis)) {
            sweep();
            lastSweep = System.nanoTime();
        }
        if (!pendingInboxes.isEmpty() || !promptUsers.isEmpty()) {
            return 0;
        }
        long idle = Math.max(50, sweepMillis / 4);
        long now = System.nanoTime();
        // the next user to settle: pending ones that are due are drained in the next round
        return Math.min(idle, java.util.stream.Stream.concat(settlingUsers.values().stream(), deferred.values().stream())
                .mapToLong(due -> Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - now) + 1)).min().orElse(idle));
    }

    @Override
    public void start() {
        loop.start(1);
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
