package dev.rota.routing.service;

import dev.rota.directory.Channel;
import dev.rota.routing.Candidate;
import dev.rota.routing.Roster;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.Skip;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each inbox channel's candidates, ranked in memory on this node ({@link Roster}) and brought up to
 * date before every decision by one read of what changed since the last one (V8 explains how nothing
 * committed is missed). So a decision costs O(log m + changes) for a team of m, not a read of all m.
 * A change of who may be a candidate at all (members, rule, activity) rebuilds the account's rosters;
 * an eligibility the clock ends (a shift, an absence) is re-evaluated when it ends. The claim still
 * re-checks limit and status under lock, so this view only has to be fresh, never authoritative.
 */
@Component
class RosterCache {

    /** At most this many own transactions are remembered per view (see {@link #applyOwn}). */
    private static final int MAX_OWN = 256;

    /** Beyond this many inbox channels the cache starts over; it only saves reads. */
    private static final int MAX_VIEWS = 10_000;

    private record Key(UUID accountId, UUID inboxId, Channel channel) {
    }

    private record Expiry(Instant at, UUID userId) {
    }

    /** One inbox channel's candidates as of a mark. Guarded by its own monitor. */
    static final class View {
        private final Key key;
        private final RuleRepository.Setup setup;
        private final RoutingRule rule;
        private final Roster roster;
        private final Set<UUID> members;
        private final Set<UUID> candidateIds;
        private final Map<UUID, LoadRepository.Standing> standings;
        private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));
        private final long epoch;
        private long since;
        private Instant evaluatedAt;
        /** Transactions of this node whose changes the view holds already (see {@link #applyOwn}). */
        private final java.util.TreeSet<Long> own = new java.util.TreeSet<>();
        /** Moves with every refresh, so {@link #applyOwn} knows whether its basis still stands. */
        private long version;
        /** Which users' changes can matter to this view: its candidates, as a filter ({@link #candidateFilter}). */
        private final byte[] candidateFilter;

        private View(Key key, RuleRepository.Setup setup, Set<UUID> members, Set<UUID> candidateIds,
                     Map<UUID, LoadRepository.Standing> standings, LoadRepository.Mark mark, Instant now) {
            this.key = key;
            this.setup = setup;
            this.rule = setup.rule();
            // NONE and CONTACT_OWNER rank nobody here (no strategy; the owner is read per conversation)
            this.roster = new Roster(rule.strategy() == null ? dev.rota.routing.Strategy.BALANCED : rule.strategy());
            this.members = members;
            this.candidateIds = candidateIds;
            this.standings = standings;
            this.epoch = mark.epoch();
            this.since = mark.xmin();
            this.evaluatedAt = now;
            this.candidateFilter = candidateFilter(candidateIds);
        }

        /** The inbox's channels and the channel's rule, as of the view's routing epoch. */
        RuleRepository.Setup setup() {
            return setup;
        }

        RoutingRule rule() {
            return rule;
        }

        /** What the view holds: the mark it reads on from, its own transactions, each candidate's standing. */
        synchronized Known known() {
            return new Known(since, Set.copyOf(own), Map.copyOf(standings));
        }

        synchronized Roster.Ranked decide(Map<String, Skip> refused) {
            return roster.decide(refused, Routing.RUNNERS_UP_KEPT);
        }

        synchronized Roster.Leading leading(int k) {
            return roster.leading(k);
        }
    }

    private final LoadRepository loads;
    private final CandidatePool pool;
    private final Map<Key, View> views = new ConcurrentHashMap<>();

    RosterCache(LoadRepository loads, CandidatePool pool) {
        this.loads = loads;
        this.pool = pool;
    }

    /**
     * A view's knowledge: every row routing reads whose writer is older than {@code since} or one of
     * {@code own} is held as written; anything else is news the next check or read picks up.
     */
    record Known(long since, Set<Long> own, Map<UUID, LoadRepository.Standing> standings) {
    }

    /** Reads what a view is built from; called only when one is (re)built. */
    interface Source {

        RuleRepository.Setup setup();

        Set<UUID> members();

        /** The rule's candidates among the inbox's members. */
        List<UUID> candidates(RoutingRule rule, Set<UUID> members);
    }

    /**
     * The inbox channel's candidates, current for a decision at {@code now}, with the setup (channels,
     * rule) they were built from. As the account's routing epoch moves with every change of inboxes,
     * rules and members, a refresh that finds it unchanged needs no other read. A view of an inbox or
     * channel that does not exist is returned empty and not kept.
     *
     * @param rule the rule the caller read itself, or {@code null} to take the view's
     */
    View current(UUID accountId, UUID inboxId, Channel channel, RoutingRule rule, Instant now, Source source) {
        Key key = new Key(accountId, inboxId, channel);
        View view = views.get(key);
        LoadRepository.Mark mark = null;
        if (view != null && (rule == null || view.rule.equals(rule))) {
            // one refresh at a time per view: each reads from where the last one left off, so a later read
            // is never overwritten by an earlier one (a plain read: it takes no row locks, cannot deadlock)
            synchronized (view) {
                LoadRepository.Changes changes = loads.changesSince(accountId, inboxId, view.since);
                // a clock set back (tests, a corrected server clock) starts over; concurrent decisions' own
                // "now" may differ by a little, which the claim's own status check covers
                if (changes.mark().epoch() == view.epoch && !now.isBefore(view.evaluatedAt.minusSeconds(1))) {
                    apply(view, changes.standings(), now);
                    view.since = changes.mark().xmin();
                    view.version++;
                    expire(view, now);
                    if (now.isAfter(view.evaluatedAt)) {
                        view.evaluatedAt = now;
                    }
                    forgetOnRollback(view);
                    return view;
                }
                // read before the rebuild's reads: a valid point to read later changes from
                mark = changes.mark();
            }
        }
        view = build(key, mark != null ? mark : loads.mark(accountId), now, source);
        forgetOnRollback(view);
        return view;
    }

    /**
     * The inbox channel's view as it stands, without reading anything — for a statement that checks
     * itself that nothing changed since ({@link ConversationRepository#insertRouted}); {@code null}
     * when there is none, or the clock went back.
     */
    View peek(UUID accountId, UUID inboxId, Channel channel, Instant now) {
        View view = views.get(new Key(accountId, inboxId, channel));
        if (view == null) {
            return null;
        }
        synchronized (view) {
            if (now.isBefore(view.evaluatedAt.minusSeconds(1))) {
                return null;
            }
            expire(view, now);
            if (now.isAfter(view.evaluatedAt)) {
                view.evaluatedAt = now;
            }
            return view;
        }
    }

    /**
     * What a statement acting on a view checks is unchanged: no change since {@code since} by another
     * transaction than the view's {@code own} to a user in {@code candidates}, and the routing epoch.
     *
     * @param candidates the view's candidates as a {@link #FILTER_BITS}-bit filter ({@link #candidateFilter})
     */
    record Basis(long since, long epoch, List<Long> own, long version, byte[] candidates) {
    }

    Basis basis(View view) {
        synchronized (view) {
            return new Basis(view.since, view.epoch, List.copyOf(view.own), view.version, view.candidateFilter);
        }
    }

    /** Bits of a candidate filter: a team of a few hundred sets a few percent of them. */
    static final int FILTER_BITS = 8192;

    /**
     * A bit per user, at the low 13 bits of the id ({@link #filterBit}), set for each candidate: a statement
     * reads another user's change as news only if their bit is set, so busy inboxes of one account with
     * other people in them do not make each other plan again. A user sharing a bit is a false alarm (one
     * more plan), never a missed change; a member added later rebuilds the view (routing epoch).
     */
    static byte[] candidateFilter(java.util.Collection<UUID> candidates) {
        byte[] filter = new byte[FILTER_BITS / 8];
        for (UUID id : candidates) {
            int bit = filterBit(id);
            filter[bit >>> 3] |= (byte) (1 << (bit & 7));
        }
        return filter;
    }

    /** The same bit as SQL's {@code ((get_byte(uuid_send(id), 14) << 8) | get_byte(uuid_send(id), 15)) & 8191}. */
    static int filterBit(UUID id) {
        return (int) (id.getLeastSignificantBits() & (FILTER_BITS - 1));
    }

    /**
     * Takes in a transaction's own changes once it has committed — the users' open conversations and turn
     * as its statement left them — when that statement checked that nothing else had changed since
     * {@code basis} and the transaction changed nothing else. The view then reads on from the statement's
     * mark, skipping that transaction's rows. If the view was refreshed meanwhile, nothing is taken in:
     * the next check finds the transaction's rows and reads them.
     */
    void applyOwn(View view, Basis basis, LoadRepository.Mark mark, long xid, Map<UUID, LoadRepository.Load> changed,
                  Instant now) {
        Runnable take = () -> {
            synchronized (view) {
                if (view.version != basis.version() || views.get(view.key) != view) {
                    return;
                }
                Map<UUID, LoadRepository.Standing> standings = new HashMap<>();
                changed.forEach((id, load) -> {
                    LoadRepository.Standing s = view.standings.get(id);
                    if (s != null) {
                        standings.put(id, new LoadRepository.Standing(s.inputsVersion(), s.accountUpdatedAt(),
                                load.openCount(), load.lastAssignedAt(), s.accountLimit()));
                    }
                });
                apply(view, standings, now);
                view.own.add(xid);
                view.own.headSet(mark.xmin()).clear();
                // a transaction held open elsewhere keeps the mark back and the list growing: past a bound the
                // oldest are dropped, their rows then read again like anyone else's
                while (view.own.size() > MAX_OWN) {
                    view.own.pollFirst();
                }
                view.since = mark.xmin();
                view.version++;
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    take.run();
                }
            });
        } else {
            take.run();
        }
    }

    private View build(Key key, LoadRepository.Mark mark, Instant now, Source source) {
        RuleRepository.Setup setup = source.setup();
        if (!setup.routes(key.channel())) {
            // not kept, and a view from before the inbox or channel went must not answer a later peek
            views.remove(key);
            return new View(key, setup, Set.of(), Set.of(), new HashMap<>(), mark, now);
        }
        boolean ranked = setup.rule().mode() == dev.rota.routing.RoutingMode.SPECIFIC;
        Set<UUID> memberIds = ranked ? source.members() : Set.of();
        List<UUID> ids = ranked ? source.candidates(setup.rule(), memberIds) : List.of();
        Map<UUID, LoadRepository.Standing> standings = new HashMap<>(ids.isEmpty() ? Map.of()
                : loads.standings(key.accountId(), key.inboxId(), ids));
        View view = new View(key, setup, memberIds, new java.util.LinkedHashSet<>(ids), standings, mark, now);
        synchronized (view) {
            put(view, standings, ids, now);
        }
        if (views.size() > MAX_VIEWS) {
            views.clear();
        }
        views.put(key, view);
        return view;
    }

    private void apply(View view, Map<UUID, LoadRepository.Standing> changed, Instant now) {
        Map<UUID, LoadRepository.Standing> relevant = new HashMap<>();
        changed.forEach((id, s) -> {
            if (view.candidateIds.contains(id)) {
                relevant.put(id, s);
            }
        });
        if (!relevant.isEmpty()) {
            view.standings.putAll(relevant);
            put(view, relevant, relevant.keySet(), now);
        }
    }

    /** Re-evaluates the candidates whose eligibility the clock may have changed by {@code now}. */
    private void expire(View view, Instant now) {
        Map<UUID, LoadRepository.Standing> due = new HashMap<>();
        while (!view.expiries.isEmpty() && !view.expiries.peek().at().isAfter(now)) {
            UUID id = view.expiries.poll().userId();
            LoadRepository.Standing s = view.standings.get(id);
            if (s != null) {
                due.put(id, s);
            }
        }
        if (!due.isEmpty()) {
            put(view, due, due.keySet(), now);
        }
    }

    private void put(View view, Map<UUID, LoadRepository.Standing> standings, java.util.Collection<UUID> ids,
                     Instant now) {
        Map<UUID, Instant> until = new HashMap<>();
        for (Candidate c : pool.build(view.key.accountId(), standings, ids, view.members, now, until)) {
            view.roster.put(c);
        }
        until.forEach((id, at) -> view.expiries.add(new Expiry(at, id)));
    }

    /**
     * A view refreshed inside a transaction may hold that transaction's own writes; if it rolls back,
     * they never happened, and later reads would not bring the old values back: forget the view.
     */
    private void forgetOnRollback(View view) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Object marker = "rota.roster." + view.key;
        if (TransactionSynchronizationManager.hasResource(marker)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(marker, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(marker);
                if (status != STATUS_COMMITTED) {
                    views.remove(view.key);
                }
            }
        });
    }
}
