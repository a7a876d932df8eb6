package dev.rota.routing.service;

import dev.rota.availability.service.LiveEvents;
import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.routing.Assignment;
import dev.rota.routing.Candidate;
import dev.rota.routing.Decision;
import dev.rota.routing.Router;
import dev.rota.routing.RoutingMode;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.RoutingTrace;
import dev.rota.routing.Strategy;
import dev.rota.routing.WaitingConversation;
import dev.rota.web.ConflictException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing use cases: ingest a conversation and assign it at once, or leave it waiting; drain an inbox's
 * queue fairly; manual assignment and closing. Every claim is one of {@link LoadRepository}'s ({@code claim},
 * or {@link LoadRepository#GRANT} inside a batch's statement): the only places a limit is enforced.
 */
@Service
public class Routing {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Routing.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int DRAIN_BATCH = 500;

    private final RuleRepository rules;
    private final ConversationRepository conversations;
    private final LoadRepository loads;
    private final Membership membership;
    private final CandidatePool pool;
    private final RosterCache rosters;
    private final Inboxes inboxes;
    private final Users users;
    private final LiveEvents live;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final io.micrometer.core.instrument.Counter replans;

    Routing(RuleRepository rules, ConversationRepository conversations, LoadRepository loads, Membership membership,
            CandidatePool pool, RosterCache rosters, Inboxes inboxes, Users users, LiveEvents live,
            org.springframework.context.ApplicationEventPublisher events, Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.replans = io.micrometer.core.instrument.Counter.builder("rota.intake.replans")
                .description("batches planned again: something routing relied on changed since the roster's mark")
                .register(meters);
        this.events = events;
        this.rules = rules;
        this.conversations = conversations;
        this.loads = loads;
        this.membership = membership;
        this.pool = pool;
        this.rosters = rosters;
        this.inboxes = inboxes;
        this.users = users;
        this.live = live;
        this.clock = clock;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    }

    public record NewConversation(UUID inboxId, Channel channel, String externalId, String subject, String contactEmail,
                                  UUID contactOwnerId) {
    }

    public record Ingested(Conversation conversation, boolean created) {
    }

    /** Published after a conversation was closed or unassigned, so the queue can use the freed place. */
    record CapacityFreed(UUID accountId, UUID userId) {
    }

    @org.springframework.context.event.EventListener
    void on(Users.UserCreated created) {
        loads.ensure(created.accountId(), created.userId());
    }

    // ---- ingestion

    /** Refuses a conversation for an inbox or channel or contact owner the account lacks. */
    private void check(UUID accountId, NewConversation n, RuleRepository.Setup setup) {
        if (setup.channels() == null) {
            throw new InvalidInputException("inboxId", "no inbox " + n.inboxId() + " in this account");
        }
        if (!setup.routes(n.channel())) {
            throw new InvalidInputException("channel", "inbox " + n.inboxId() + " has no channel " + n.channel()
                    + "; it has " + setup.channels());
        }
        if (n.contactOwnerId() != null && users.find(accountId, n.contactOwnerId()).isEmpty()) {
            throw new InvalidInputException("contact.ownerId", "no user " + n.contactOwnerId() + " in this account");
        }
    }

    /** One request of a batch, with the instant it arrived (its conversation's creation time). */
    public record IngestRequest(CurrentUser me, NewConversation conversation, String idempotencyKey, Instant receivedAt) {
    }

    /** A batch request's outcome: its conversation, or the error that refused it (nothing of it stored). */
    public record IngestOutcome(Ingested ingested, RuntimeException error) {
    }

    /**
     * Stores and routes new conversations of many requests (see {@link Intake}; alone, a batch of one). Per
     * inbox channel: its ranked candidates as the roster holds them (with the inbox's channels and the rule),
     * one fair plan ({@link Router#drain}, so concurrent conversations spread as a shift start's backlog does),
     * then one statement — its own transaction — stores the conversations already assigned as planned, as far
     * as the claims go through. What a claim refused (a limit reached or a status changed meanwhile), or a rule
     * that needs more reads (the contact's owner), is then routed one by one, each in a transaction of its own,
     * like a queue drain. Invalid requests are refused one by one before anything is written; the others go
     * on. Once an inbox channel's statement has stored its conversations nothing of them is tried again: a
     * failure after that fails only the answers (the conversations wait in the queue if not yet assigned).
     */
    public List<IngestOutcome> ingestAll(List<IngestRequest> requests) {
        return ingestAll(requests, true);
    }

    /** @param mayCheckAgain whether requests whose inbox changed while they were planned are checked once more */
    private List<IngestOutcome> ingestAll(List<IngestRequest> requests, boolean mayCheckAgain) {
        IngestOutcome[] outcomes = new IngestOutcome[requests.size()];
        Instant now = clock.instant();
        Map<List<Object>, RosterCache.View> views = new HashMap<>();
        Map<List<Object>, List<Pending>> groups = new LinkedHashMap<>();
        Set<List<Object>> seen = new java.util.HashSet<>();
        List<Integer> repeats = new ArrayList<>();
        Conversation[] fresh = new Conversation[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            IngestRequest r = requests.get(i);
            NewConversation n = r.conversation();
            UUID accountId = r.me().accountId();
            List<Object> group = List.of(accountId, n.inboxId(), n.channel());
            // as it stands: the statement checks that nothing it relied on changed since
            RosterCache.View view = views.computeIfAbsent(group, k -> {
                RosterCache.View known = rosters.peek(accountId, n.inboxId(), n.channel(), now);
                return known != null ? known : view(null, accountId, n.inboxId(), n.channel(), now);
            });
            try {
                check(accountId, n, view.setup());
            } catch (InvalidInputException e) {
                outcomes[i] = new IngestOutcome(null, e);
                continue;
            }
            // a repeat of an earlier request of this batch is answered with that one's conversation
            List<Object> external = n.externalId() == null ? null : List.of(accountId, n.inboxId(), n.externalId());
            List<Object> key = r.idempotencyKey() == null ? null : List.of(accountId, r.idempotencyKey());
            if ((external != null && seen.contains(external)) || (key != null && seen.contains(key))) {
                repeats.add(i);
                continue;
            }
            if (external != null) {
                seen.add(external);
            }
            if (key != null) {
                seen.add(key);
            }
            fresh[i] = new Conversation(accountId, Ids.newId(), n.inboxId(), n.channel(), n.externalId(), n.subject(),
                    n.contactEmail(), n.contactOwnerId(), Conversation.ConversationStatus.OPEN, null, false, null,
                    r.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS), null, null);
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(new Pending(fresh[i], r.idempotencyKey(), i));
        }
        Map<UUID, Conversation> settled = new HashMap<>();
        Set<UUID> inserted = new java.util.HashSet<>();
        Map<UUID, RuntimeException> failed = new HashMap<>();
        List<Integer> checkAgain = new ArrayList<>();
        groups.forEach((group, pending) -> {
            try {
                ingest(views.get(group), pending, now, settled, inserted);
            } catch (SetupChanged e) {
                if (!mayCheckAgain) {
                    pending.forEach(p -> failed.put(p.conversation().id(), new org.springframework.dao
                            .ConcurrencyFailureException("inbox " + p.conversation().inboxId() + " keeps changing")));
                    return;
                }
                // the inbox or its channel went while they were planned (nothing stored): checked again below
                pending.forEach(p -> checkAgain.add(p.request()));
            } catch (Refused e) {
                // the statement refused what one of them holds (nothing stored): each alone, so only that one fails
                for (Pending p : pending) {
                    try {
                        ingest(views.get(group), List.of(p), now, settled, inserted);
                    } catch (RuntimeException alone) {
                        failed.put(p.conversation().id(), alone);
                    }
                }
            } catch (RuntimeException e) {
                // nothing of this inbox channel was stored (its statement did not go through): its requests fail
                pending.forEach(p -> failed.put(p.conversation().id(), e));
            }
        });
        if (!checkAgain.isEmpty()) {
            List<IngestOutcome> again = ingestAll(checkAgain.stream().map(requests::get).toList(), false);
            for (int k = 0; k < checkAgain.size(); k++) {
                outcomes[checkAgain.get(k)] = again.get(k);
                fresh[checkAgain.get(k)] = null;
            }
        }
        for (int i = 0; i < requests.size(); i++) {
            Conversation c = fresh[i];
            IngestRequest r = requests.get(i);
            if (c != null) {
                outcomes[i] = failed.containsKey(c.id()) ? new IngestOutcome(null, failed.get(c.id()))
                        : answer(() -> inserted.contains(c.id())
                                ? new Ingested(settled.containsKey(c.id()) ? settled.get(c.id())
                                        : conversations.find(c.accountId(), c.id()).orElseThrow(), true)
                                : existing(r));
            }
        }
        repeats.forEach(i -> outcomes[i] = answer(() -> existing(requests.get(i))));
        return java.util.Arrays.asList(outcomes);
    }

    /** An answer read after the conversation was stored: failing to read it fails only this answer. */
    private static IngestOutcome answer(java.util.function.Supplier<Ingested> read) {
        try {
            return new IngestOutcome(read.get(), null);
        } catch (RuntimeException e) {
            return new IngestOutcome(null, e);
        }
    }

    /** An inbox channel went while its conversations were planned; nothing of them was stored. */
    private static final class SetupChanged extends RuntimeException {
        SetupChanged() {
            super(null, null, false, false);
        }
    }

    /**
     * PostgreSQL refused the data of a batch's statement (not the connection or a conflict): nothing was stored, and
     * the requests are tried one by one so that a request with a value nobody foresaw fails alone.
     */
    private static final class Refused extends RuntimeException {
        Refused(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A new conversation of a batch, the request's idempotency key and its place in the batch. */
    private record Pending(Conversation conversation, String idempotencyKey, int request) {
    }

    /** The answer to a request whose conversation is known already (maybe from earlier in its batch). */
    private Ingested existing(IngestRequest r) {
        NewConversation n = r.conversation();
        Conversation known = conversations.findExisting(r.me().accountId(), n.inboxId(), n.externalId(),
                r.idempotencyKey()).orElseThrow();
        boolean byExternalId = n.externalId() != null && n.inboxId().equals(known.inboxId())
                && n.externalId().equals(known.externalId());
        // the same external id is the same message (its subject may have been edited since); a key is one request
        if (!byExternalId && !(n.inboxId().equals(known.inboxId()) && n.channel() == known.channel()
                && java.util.Objects.equals(n.externalId(), known.externalId())
                && java.util.Objects.equals(n.subject(), known.subject())
                && java.util.Objects.equals(n.contactEmail(), known.contactEmail())
                && java.util.Objects.equals(n.contactOwnerId(), known.contactOwnerId()))) {
            throw new dev.rota.web.KeyReusedException("Idempotency-Key '" + r.idempotencyKey()
                    + "' was sent before with another conversation (" + known.id() + ")");
        }
        return new Ingested(known, false);
    }

    /**
     * Stores one inbox channel's new conversations, oldest first, assigned by one fair plan over the
     * roster's first candidates (a drain of n never reaches past the first n eligible), in one statement
     * ({@link ConversationRepository#insertRouted}); the rest wait with the reasons one more decision
     * gives. What the claims refused, or a rule that needs more reads (the contact's owner), is then
     * routed one by one. Puts what it stored itself in {@code settled}, so the answer needs no read back.
     */
    private void ingest(RosterCache.View view, List<Pending> batch, Instant now, Map<UUID, Conversation> settled,
                        Set<UUID> inserted) {
        List<Pending> pending = new ArrayList<>(batch);
        pending.sort(Comparator.comparing((Pending p) -> p.conversation().createdAt())
                .thenComparing(p -> p.conversation().id()));
        Conversation first = pending.get(0).conversation();
        UUID accountId = first.accountId();
        for (int attempt = 1; ; attempt++) {
            RosterCache.Basis basis = rosters.basis(view);
            Map<UUID, ConversationRepository.Plan> plan = new HashMap<>();
            String waitingTrace = plan(view, pending, plan);
            boolean check = attempt < 3;
            // its own transaction: nothing else is written with it, so a conflict leaves nothing behind
            ConversationRepository.Stored stored;
            try {
                stored = dev.rota.platform.Retries.onConflict(3, () -> conversations.insertRouted(
                        accountId, first.inboxId(), pending.stream().map(Pending::conversation).toList(),
                        pending.stream().map(Pending::idempotencyKey).toList(),
                        pending.stream().map(p -> plan.get(p.conversation().id())).toList(), waitingTrace, basis,
                        check, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), now, "ROUTING"));
            } catch (org.springframework.dao.NonTransientDataAccessException e) {
                if (batch.size() == 1 || e instanceof org.springframework.dao.NonTransientDataAccessResourceException) {
                    throw e;
                }
                throw new Refused(e);
            }
            if (!stored.ok()) {
                replans.increment();
                // someone's status, load or turn changed since, or the inbox, its rule or members: read what
                // changed (a new epoch rebuilds the view) and plan again — checked once more; a third time as
                // read, the claims' own checks being what keeps it exact
                view = view(null, accountId, first.inboxId(), first.channel(), now);
                if (!view.setup().routes(first.channel())) {
                    throw new SetupChanged(); // the inbox or its channel went meanwhile
                }
                continue;
            }
            settle(view, basis, stored, pending, plan, waitingTrace, now, settled, inserted, check);
            return;
        }
    }

    /**
     * Plans a batch on the view's roster: fills {@code plan} (conversation → user and trace) and returns the
     * trace of those left waiting, when that is why they wait (nobody has a free place, or rule NONE).
     */
    private static String plan(RosterCache.View view, List<Pending> pending, Map<UUID, ConversationRepository.Plan> plan) {
        RoutingRule rule = view.rule();
        if (rule.mode() == RoutingMode.NONE) {
            return traceJson(rule, null, new RoutingTrace(List.of(), NO_RULE));
        }
        if (rule.mode() != RoutingMode.SPECIFIC) {
            return null;
        }
        dev.rota.routing.Roster.Leading lead = view.leading(pending.size() + RUNNERS_UP_KEPT);
        List<Assignment> drained = Router.drain(pending.stream().map(p -> new WaitingConversation(
                p.conversation().id().toString(), p.conversation().createdAt())).toList(),
                lead.candidates(), rule.strategy(), lead.moreEligible());
        Map<String, Integer> planned = new HashMap<>();
        for (Assignment x : drained) {
            plan.put(UUID.fromString(x.conversationId()), new ConversationRepository.Plan(UUID.fromString(x.userId()),
                    traceJson(rule, "ASSIGNED", x.trace(), lead.moreEligible())));
            planned.merge(x.userId(), 1, Integer::sum);
        }
        if (drained.size() < pending.size() && lead.moreEligible() == 0) {
            // nobody has a free place for the rest (if the claims all go through): the reasons why
            List<Candidate> after = lead.candidates().stream().map(c -> new Candidate(c.userId(), c.skips(),
                    c.openConversations() + planned.getOrDefault(c.userId(), 0), c.limit(), c.lastAssignedAt()))
                    .toList();
            if (Router.decide(after, rule.strategy()) instanceof Decision.Unassigned unassigned) {
                return traceJson(rule, "WAITING", unassigned.trace());
            }
        }
        return null;
    }

    /**
     * Answers from what {@link #ingest}'s statement stored (committed by now); routes one by one what it could
     * not place, each in its own transaction — one that fails leaves its conversation waiting in the queue.
     *
     * @param checked the statement checked that nothing changed since {@code basis}
     */
    private void settle(RosterCache.View view, RosterCache.Basis basis, ConversationRepository.Stored stored,
                        List<Pending> pending, Map<UUID, ConversationRepository.Plan> plan, String waitingTrace,
                        Instant now, Map<UUID, Conversation> settled, Set<UUID> inserted, boolean checked) {
        boolean refused = pending.stream().anyMatch(p -> plan.containsKey(p.conversation().id())
                && stored.inserted().contains(p.conversation().id())
                && !stored.assigned().containsKey(p.conversation().id()));
        List<Conversation> again = new ArrayList<>();
        for (Pending p : pending) {
            Conversation c = p.conversation();
            if (!stored.inserted().contains(c.id())) {
                continue; // known already: stored by a concurrent request
            }
            inserted.add(c.id());
            ConversationRepository.Placed placed = stored.assigned().get(c.id());
            if (placed != null) {
                announce(c, placed.userId(), "ASSIGNED", null, false, "ROUTING", placed.at());
                settled.put(c.id(), with(c, placed.userId(), placed.at(), plan.get(c.id()).trace()));
            } else if (waitingTrace != null && !plan.containsKey(c.id()) && !refused) {
                settled.put(c.id(), with(c, null, null, waitingTrace));
            } else {
                again.add(c);
            }
        }
        if (checked) {
            // the statement was its transaction: the roster takes in its changes without reading them
            rosters.applyOwn(view, basis, stored.mark(), stored.xid(), stored.loads(), now);
        }
        RoutingRule rule = view.rule();
        for (Conversation c : again) {
            try {
                dev.rota.platform.Retries.onConflict(3, () -> transactions.execute(status -> {
                    // stored waiting, it is in the queue already: a drain holding it routes it instead (and
                    // the lock order — conversation, then users — is a drain's, so the two cannot deadlock)
                    if (conversations.lockWaiting(c.accountId(), c.id())) {
                        route(c, rule, now, "ROUTING");
                    }
                    return null;
                }));
            } catch (RuntimeException e) {
                log.warn("Conversation {} stays in the queue: routing it failed", c.id(), e);
            }
        }
    }

    private static Conversation with(Conversation c, UUID assigneeId, Instant assignedAt, String trace) {
        return new Conversation(c.accountId(), c.id(), c.inboxId(), c.channel(), c.externalId(), c.subject(),
                c.contactEmail(), c.contactOwnerId(), c.status(), assigneeId, false, assignedAt, c.createdAt(), null, trace);
    }

    private static final String NO_RULE = "No automatic assignment on this channel (rule NONE)";

    /** Decides and claims for one conversation, retrying when a concurrent claim took a candidate's last place. */
    private void route(Conversation c, Instant now) {
        route(c, ruleFor(c.accountId(), c.inboxId(), c.channel()), now, "ROUTING");
    }

    /**
     * {@link #route} with the channel's rule already read; {@code reason} goes in the history ({@code ROUTING}, or
     * {@code QUEUE} for one taken from the queue).
     */
    private void route(Conversation c, RoutingRule rule, Instant now, String reason) {
        if (rule.mode() == RoutingMode.NONE) {
            conversations.saveTrace(c.accountId(), c.id(), traceJson(rule, null,
                    new RoutingTrace(List.of(), NO_RULE)));
            return;
        }
        if (rule.mode() == RoutingMode.SPECIFIC) {
            routeByRoster(c, rule, now, reason);
            return;
        }
        // CONTACT_OWNER: the owner, else the fallback rule's candidates (a small group: read them now)
        RoutingRule specific = rule.fallback();
        Set<UUID> members = membership.inboxMembers(c.accountId(), c.inboxId());
        List<Candidate> candidates = specific == null ? null
                : pool.candidates(c.accountId(), c.inboxId(), expand(c.accountId(), specific, members), members, now);
        Candidate owner = c.contactOwnerId() == null ? null
                : pool.candidates(c.accountId(), c.inboxId(), List.of(c.contactOwnerId()), members, now)
                        .stream().findFirst().orElse(null);
        // Concurrent requests tend to choose the same person; one holding their row makes the others
        // take the next candidate instead of queueing behind it. Only if everyone was busy, wait.
        Set<String> busy = new LinkedHashSet<>();
        for (int round = 0; round < 10_000; round++) {
            Decision decision = Router.decideForOwner(owner, candidates, specific == null ? null : specific.strategy());
            if (decision instanceof Decision.Unassigned unassigned) {
                // everyone eligible was busy with other requests: now wait for them, in the strategy's order
                for (String waitedFor : busy) {
                    if (tryAssign(c, UUID.fromString(waitedFor), now,
                            traceJson(rule, "ASSIGNED", chosenAfterWaiting(unassigned.trace(), waitedFor)), reason)) {
                        return;
                    }
                }
                conversations.saveTrace(c.accountId(), c.id(), traceJson(rule, "WAITING", unassigned.trace()));
                return;
            }
            Decision.Assigned assigned = (Decision.Assigned) decision;
            String chosen = assigned.userId();
            LoadRepository.Attempt attempt = loads.claimUnlessBusy(c.accountId(), UUID.fromString(chosen), now);
            boolean free = !(attempt instanceof LoadRepository.Busy);
            if (attempt instanceof LoadRepository.Got got && assign(c, UUID.fromString(chosen), got.claimed(),
                    traceJson(rule, "ASSIGNED", assigned.trace()), reason)) {
                return;
            }
            if (!free) {
                busy.add(chosen);
            }
            if (owner != null && owner.userId().equals(chosen)) {
                owner = CandidatePool.refused(owner, free);
            }
            if (candidates != null) {
                candidates = candidates.stream().map(x -> x.userId().equals(chosen) ? CandidatePool.refused(x, free) : x)
                        .toList();
            }
        }
        throw new IllegalStateException("routing did not settle for conversation " + c.id());
    }

    /**
     * {@link #route} for a SPECIFIC rule: decides on the inbox channel's ranked roster, which costs
     * O(log m) for a team of m; a candidate whose claim did not go through is skipped for this
     * conversation only.
     */
    private void routeByRoster(Conversation c, RoutingRule rule, Instant now, String reason) {
        RosterCache.View view = view(rule, c.accountId(), c.inboxId(), c.channel(), now);
        Map<String, dev.rota.routing.Skip> refused = new LinkedHashMap<>();
        Set<String> busy = new LinkedHashSet<>();
        for (int round = 0; round < 10_000; round++) {
            dev.rota.routing.Roster.Ranked ranked = view.decide(refused);
            if (ranked.decision() instanceof Decision.Unassigned unassigned) {
                for (String waitedFor : busy) {
                    if (tryAssign(c, UUID.fromString(waitedFor), now, traceJson(rule, "ASSIGNED",
                            chosenAfterWaiting(unassigned.trace(), waitedFor), 0), reason)) {
                        return;
                    }
                }
                conversations.saveTrace(c.accountId(), c.id(), traceJson(rule, "WAITING", unassigned.trace(), 0));
                return;
            }
            String chosen = ((Decision.Assigned) ranked.decision()).userId();
            LoadRepository.Attempt attempt = loads.claimUnlessBusy(c.accountId(), UUID.fromString(chosen), now);
            boolean free = !(attempt instanceof LoadRepository.Busy);
            if (attempt instanceof LoadRepository.Got got && assign(c, UUID.fromString(chosen), got.claimed(),
                    traceJson(rule, "ASSIGNED", ranked.decision().trace(), ranked.runnersUpNotListed()), reason)) {
                return;
            }
            if (!free) {
                busy.add(chosen);
            }
            refused.put(chosen, CandidatePool.refusal(free));
        }
        throw new IllegalStateException("routing did not settle for conversation " + c.id());
    }

    /** @param rule the channel's rule as the caller read it, or {@code null} for the view's own */
    private RosterCache.View view(RoutingRule rule, UUID accountId, UUID inboxId, Channel channel, Instant now) {
        return rosters.current(accountId, inboxId, channel, rule, now, new RosterCache.Source() {
            @Override
            public RuleRepository.Setup setup() {
                return rules.setup(accountId, inboxId, channel);
            }

            @Override
            public Set<UUID> members() {
                return membership.inboxMembers(accountId, inboxId);
            }

            @Override
            public List<UUID> candidates(RoutingRule r, Set<UUID> members) {
                return expand(accountId, r, members);
            }
        });
    }

    /** The trace of a decision where every eligible candidate was busy and the first of them was waited for. */
    private static RoutingTrace chosenAfterWaiting(RoutingTrace trace, String userId) {
        List<dev.rota.routing.TraceEntry> entries = trace.entries().stream()
                .map(e -> e.userId().equals(userId)
                        ? new dev.rota.routing.TraceEntry(userId, dev.rota.routing.TraceEntry.Outcome.CHOSEN, List.of())
                        : e)
                .toList();
        return new RoutingTrace(entries, "Assigned to " + userId + " after waiting: every eligible candidate was busy "
                + "with another conversation at that moment. " + trace.summary());
    }

    /** Claims a place under the user's limit and assigns; false (nothing changed) when the claim was refused. */
    private boolean tryAssign(Conversation c, UUID userId, Instant decidedAt, String trace, String reason) {
        Optional<LoadRepository.Claimed> claimed = loads.claim(c.accountId(), userId, true, decidedAt);
        return claimed.isPresent() && assign(c, userId, claimed.get(), trace, reason);
    }

    /** Records a claimed assignment; gives the place back when the conversation was taken meanwhile. */
    private boolean assign(Conversation c, UUID userId, LoadRepository.Claimed claimed, String trace, String reason) {
        // read after the claim holds the user's status row: the history orders it after any status change
        Instant at = clock.instant();
        if (!conversations.assignByRouting(c, userId, at, trace, claimed.openAfter(), claimed.limit(), reason)) {
            loads.release(c.accountId(), userId);
            return false;
        }
        announce(c, userId, "ASSIGNED", null, false, reason, at);
        return true;
    }

    private RoutingRule ruleFor(UUID accountId, UUID inboxId, Channel channel) {
        return rules.find(accountId, inboxId, channel).orElseGet(Routing::defaultRule);
    }

    /** A new inbox's rule: all its members (users and teams), BALANCED. Expanded at routing time. */
    static RoutingRule defaultRule() {
        return RoutingRule.allMembers(Strategy.BALANCED);
    }

    private List<UUID> expand(UUID accountId, RoutingRule rule, Set<UUID> members) {
        if (rule.isAllMembers()) {
            return new ArrayList<>(members);
        }
        Set<UUID> ids = new LinkedHashSet<>();
        rule.userIds().forEach(id -> ids.add(UUID.fromString(id)));
        ids.addAll(membership.activeTeamMembers(accountId,
                rule.teamIds().stream().map(UUID::fromString).toList()));
        return new ArrayList<>(ids);
    }

    // ---- the queue

    /**
     * Assigns the inbox's waiting conversations, oldest first, spread over everyone eligible by the
     * channel's strategy. Returns how many were assigned.
     */
    @Transactional
    public int drain(UUID accountId, UUID inboxId) {
        return drain(accountId, inboxId, null);
    }

    /** What {@link #drain(UUID, UUID, Instant)} answers for an inbox it left to someone's settle. */
    public static final int LEFT_TO_SETTLE = -1;

    /**
     * The same, unless someone of the inbox became Available after {@code cameBackAfter} (null: drain anyway): their
     * own drain after the settle takes the backlog, shared with whoever comes back with them. Checked after the
     * candidates are read, so nobody who came back before that read is dumped on.
     *
     * @return how many were assigned, or {@link #LEFT_TO_SETTLE} when it was left alone for that reason
     */
    @Transactional
    public int drain(UUID accountId, UUID inboxId, Instant cameBackAfter) {
        List<Conversation> waiting = conversations.claimWaiting(accountId, inboxId, DRAIN_BATCH);
        if (waiting.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int assigned = 0;
        Map<Channel, List<Conversation>> byChannel = waiting.stream()
                .collect(Collectors.groupingBy(Conversation::channel, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Channel, List<Conversation>> entry : byChannel.entrySet()) {
            RoutingRule rule = ruleFor(accountId, inboxId, entry.getKey());
            switch (rule.mode()) {
                case NONE -> {
                }
                case CONTACT_OWNER -> {
                    if (cameBackAfter != null && membership.someoneCameBack(accountId, inboxId, cameBackAfter)) {
                        return LEFT_TO_SETTLE; // before any is routed: each reads its candidates as it goes
                    }
                    for (Conversation c : entry.getValue()) {
                        route(c, rule, now, "QUEUE");
                        assigned += conversations.find(accountId, c.id()).map(x -> x.assigneeId() != null ? 1 : 0).orElse(0);
                    }
                }
                case SPECIFIC -> {
                    int n = drainSpecific(accountId, inboxId, rule, entry.getValue(), now, cameBackAfter);
                    if (n == LEFT_TO_SETTLE) {
                        return LEFT_TO_SETTLE; // the transaction's claims of waiting rows end with it
                    }
                    assigned += n;
                }
            }
        }
        return assigned;
    }

    private int drainSpecific(UUID accountId, UUID inboxId, RoutingRule rule, List<Conversation> waiting,
                              Instant now, Instant cameBackAfter) {
        dev.rota.routing.Roster.Leading lead = view(rule, accountId, inboxId, waiting.get(0).channel(), now)
                .leading(waiting.size() + RUNNERS_UP_KEPT);
        if (cameBackAfter != null && membership.someoneCameBack(accountId, inboxId, cameBackAfter)) {
            return LEFT_TO_SETTLE; // came back while the candidates were read: see drain
        }
        List<WaitingConversation> queue = waiting.stream()
                .map(c -> new WaitingConversation(c.id().toString(), c.createdAt())).toList();
        Map<String, Conversation> byId = waiting.stream().collect(Collectors.toMap(c -> c.id().toString(), c -> c));
        List<Assignment> plan = Router.drain(queue, lead.candidates(), rule.strategy(), lead.moreEligible());
        // claim in user order, so concurrent drains lock users' rows in one order and never deadlock ...
        List<Assignment> byUser = new ArrayList<>(plan);
        byUser.sort(Comparator.comparing(Assignment::userId));
        Map<Assignment, LoadRepository.Claimed> claims = new java.util.IdentityHashMap<>();
        for (Assignment a : byUser) {
            loads.claim(accountId, UUID.fromString(a.userId()), true, now).ifPresent(claimed -> claims.put(a, claimed));
        }
        // ... then assign in the plan's order, so assignment times and round-robin turns follow the queue
        int assigned = 0;
        for (Assignment a : plan) {
            LoadRepository.Claimed claimed = claims.get(a);
            if (claimed != null && assign(byId.get(a.conversationId()), UUID.fromString(a.userId()), claimed,
                    traceJson(rule, "ASSIGNED", a.trace(), lead.moreEligible()), "QUEUE")) {
                assigned++;
            }
        }
        return assigned;
    }

    // ---- manual changes

    public record ConversationChanges(Conversation.ConversationStatus status, boolean setAssignee, UUID assigneeId) {
    }

    /** Whoever works the inbox may close, reopen and hand on its conversations; super admins any. */
    public static boolean mayChange(CurrentUser me, Set<UUID> inboxMembers) {
        return me.isSuperAdmin() || inboxMembers.contains(me.userId());
    }

    /**
     * A person's change of a conversation: its status, its assignee, or both. Reopen comes first (so one call may
     * reopen and hand it on), close last (so one call may hand it back and close it). A closed conversation keeps
     * who handled it: its assignee does not change, and its place was given back when it closed.
     */
    @Transactional
    public Conversation update(CurrentUser me, UUID id, ConversationChanges changes) {
        return update(me, id, changes, null);
    }

    /**
     * The same, made only if the conversation is still in the state {@code ifMatch} names (an {@code If-Match}
     * header; null: whatever it is): checked under the row's lock, so a retried change is not made twice.
     */
    @Transactional
    public Conversation update(CurrentUser me, UUID id, ConversationChanges changes, String ifMatch) {
        Conversation c = conversations.lock(me.accountId(), id).orElseThrow(() -> new NotFoundException("conversation", id));
        Set<UUID> members = membership.inboxMembers(me.accountId(), c.inboxId());
        if (!mayChange(me, members)) {
            throw new dev.rota.web.ForbiddenException("only a super admin or a member of the conversation's inbox "
                    + "may change it");
        }
        if (ifMatch != null && !c.matches(ifMatch)) {
            throw new dev.rota.web.PreconditionFailedException("the conversation changed since the version If-Match "
                    + "names (now " + c.etag() + "); nothing was changed");
        }
        Instant now = clock.instant();
        boolean reopen = changes.status() == Conversation.ConversationStatus.OPEN
                && c.status() == Conversation.ConversationStatus.CLOSED;
        boolean close = changes.status() == Conversation.ConversationStatus.CLOSED
                && c.status() == Conversation.ConversationStatus.OPEN;
        if (reopen) {
            reopen(me, c, members, now);
            c = conversations.find(me.accountId(), id).orElseThrow();
        }
        if (changes.setAssignee()) {
            changeAssignee(me, c, members, changes.assigneeId(), !close, now);
            c = conversations.find(me.accountId(), id).orElseThrow();
        }
        if (close) {
            if (c.assigneeId() != null) {
                release(c, now, me.userId(), "CLOSED", "CLOSED");
            }
            conversations.close(me.accountId(), id, now);
        }
        return conversations.find(me.accountId(), id).orElseThrow();
    }

    /** @param routeIfUnassigned route it again when it is handed back (not when it is being closed as well) */
    private void changeAssignee(CurrentUser me, Conversation c, Set<UUID> members, UUID assigneeId,
                                boolean routeIfUnassigned, Instant now) {
        if (assigneeId == null && c.assigneeId() == null) {
            return; // nobody had it: nothing to hand back
        }
        if (c.status() == Conversation.ConversationStatus.CLOSED) {
            // its place went back when it closed: handing it on now would give that place back twice
            if (java.util.Objects.equals(assigneeId, c.assigneeId())) {
                return;
            }
            throw new InvalidInputException("assigneeId", "a closed conversation keeps who handled it; reopen it to "
                    + "assign it");
        }
        if (assigneeId != null && !members.contains(assigneeId)) {
            throw new InvalidInputException("assigneeId", "user " + assigneeId
                    + " is not a member of this conversation's inbox");
        }
        if (assigneeId != null && assigneeId.equals(c.assigneeId())) {
            // assigned by hand to whoever has it: it becomes theirs by hand, which routing leaves alone
            conversations.markManual(me.accountId(), c.id());
            return;
        }
        if (c.assigneeId() != null) {
            release(c, now, me.userId(), "UNASSIGNED", "MANUAL");
            conversations.unassign(me.accountId(), c.id());
        }
        if (assigneeId == null) {
            // back to routing now, so its trace says what happened to it (another taker, or the queue)
            if (routeIfUnassigned) {
                route(conversations.find(me.accountId(), c.id()).orElseThrow(), now);
            }
            return;
        }
        Optional<LoadRepository.Claimed> claimed = loads.claim(me.accountId(), assigneeId, false, now);
        if (claimed.isEmpty()) {
            throw new ConflictException("assigneeId", "user " + assigneeId
                    + " is inactive or at their limit of open conversations");
        }
        conversations.assign(me.accountId(), c.id(), assigneeId, true, now, null);
        loads.event(me.accountId(), c.id(), c.inboxId(), assigneeId, "ASSIGNED", true,
                claimed.get().openAfter(), claimed.get().limit(), now, me.userId(), "MANUAL");
        announce(c, assigneeId, "ASSIGNED", me.userId(), true, "MANUAL", now);
    }

    private void reopen(CurrentUser me, Conversation c, Set<UUID> members, Instant now) {
        UUID id = c.id();
        conversations.reopen(me.accountId(), id);
        Conversation reopened = conversations.find(me.accountId(), id).orElseThrow();
        if (reopened.assigneeId() == null) {
            route(reopened, now);
            return;
        }
        // its assignee keeps it if they still may: a member of the inbox with room, and — when routing
        // gave it to them — eligible now (active, paid seat, available); otherwise it is routed again
        UUID previous = reopened.assigneeId();
        boolean manual = reopened.assignedManually();
        conversations.unassign(me.accountId(), id);
        Optional<LoadRepository.Claimed> claimed =
                members.contains(previous) ? loads.claim(me.accountId(), previous, !manual, now) : Optional.empty();
        if (claimed.isPresent()) {
            conversations.assign(me.accountId(), id, previous, manual, now, null);
            loads.event(me.accountId(), id, c.inboxId(), previous, "ASSIGNED", manual,
                    claimed.get().openAfter(), claimed.get().limit(), now, me.userId(), "REOPENED");
            announce(reopened, previous, "ASSIGNED", me.userId(), manual, "REOPENED", now);
        } else {
            route(conversations.find(me.accountId(), id).orElseThrow(), now);
        }
    }

    private void release(Conversation c, Instant now, UUID actorId, String kind, String reason) {
        LoadRepository.Released released = loads.release(c.accountId(), c.assigneeId());
        loads.event(c.accountId(), c.id(), c.inboxId(), c.assigneeId(), kind, c.assignedManually(), released.openAfter(),
                released.limit(), now, actorId, reason);
        announce(c, c.assigneeId(), kind, actorId, c.assignedManually(), reason, now);
        events.publishEvent(new CapacityFreed(c.accountId(), c.assigneeId()));
    }

    /** Takes conversations back from a user who has been away too long, and routes them again. */
    @Transactional
    public int reassignFromLongAway(ConversationRepository.ReassignInbox inbox) {
        Instant now = clock.instant();
        List<Conversation> stale = conversations.assignedToLongAway(inbox.accountId(), inbox.inboxId(),
                now.minusSeconds(60L * inbox.minutes()), inbox.includeManual(), DRAIN_BATCH);
        return takeBack(stale, "AWAY_TOO_LONG", now);
    }

    /**
     * Takes the open conversations of deactivated users — one user's ({@code accountId}, {@code userId}), or anyone's
     * when both are null — and routes them again: manual ones too, since nobody will answer them there.
     */
    @Transactional
    public int reassignFromInactive(UUID accountId, UUID userId) {
        Instant now = clock.instant();
        List<Conversation> held = conversations.assignedToInactive(accountId, userId, DRAIN_BATCH);
        return takeBack(held, "INACTIVE", now);
    }

    /**
     * Takes the open conversations of people who left the inbox (removed, or out of the team that made them a member)
     * — of one inbox, an account's ({@code inboxId} null) or anyone's (both null) — and routes them again: they can no
     * longer act on them, and the conversations would count against their limit for nothing.
     */
    @Transactional
    public int reassignFromNonMembers(UUID accountId, UUID inboxId) {
        Instant now = clock.instant();
        List<Conversation> held = conversations.assignedToNonMembers(accountId, inboxId, DRAIN_BATCH);
        return takeBack(held, "NOT_MEMBER", now);
    }

    /** Takes these (locked) conversations back from their assignees, recorded with {@code reason}, and routes them. */
    private int takeBack(List<Conversation> held, String reason, Instant now) {
        for (Conversation c : held) {
            release(c, now, null, "UNASSIGNED", reason);
            conversations.unassign(c.accountId(), c.id());
            route(conversations.find(c.accountId(), c.id()).orElseThrow(), now);
        }
        return held.size();
    }

    // ---- reads

    @Transactional(readOnly = true)
    public Conversation get(CurrentUser me, UUID id) {
        return conversations.find(me.accountId(), id).orElseThrow(() -> new NotFoundException("conversation", id));
    }

    @Transactional(readOnly = true)
    public dev.rota.web.PageResponse<Conversation> list(CurrentUser me, UUID inboxId, UUID assigneeId,
                                                         Conversation.ConversationStatus status, Boolean waiting,
                                                         dev.rota.web.PageRequest page) {
        String s = status == null ? null : status.name();
        return page.respond(conversations.list(me.accountId(), inboxId, assigneeId, s, waiting, page.size(),
                page.offset()), conversations.count(me.accountId(), inboxId, assigneeId, s, waiting));
    }

    /** Every assignment, unassignment and close of a conversation, with actor and reason. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> history(CurrentUser me, UUID id) {
        get(me, id);
        return loads.history(me.accountId(), id);
    }

    /**
     * Waiting conversations (OPEN, unassigned) of the inboxes the viewer is a member of (directly or
     * through a team), oldest first, at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<Conversation> queueOf(CurrentUser me, int limit) {
        List<Conversation> waiting = new ArrayList<>();
        for (ConversationRepository.InboxRef ref : membership.inboxesWithQueueFor(List.of(me.userId()))) {
            if (ref.accountId().equals(me.accountId())) {
                waiting.addAll(conversations.list(me.accountId(), ref.inboxId(), null, null, true, limit, 0));
            }
        }
        waiting.sort(Comparator.comparing(Conversation::createdAt).thenComparing(Conversation::id));
        return waiting.size() > limit ? List.copyOf(waiting.subList(0, limit)) : waiting;
    }

    /** The users who are members of the inbox, directly or through a team (who may be assigned). */
    @Transactional(readOnly = true)
    public Set<UUID> inboxMembers(CurrentUser me, UUID inboxId) {
        inboxes.get(me, inboxId);
        return membership.inboxMembers(me.accountId(), inboxId);
    }

    /** Who works a conversation's inbox (who may change it), also when the inbox is archived. */
    @Transactional(readOnly = true)
    public Set<UUID> inboxMembers(Conversation c) {
        return membership.inboxMembers(c.accountId(), c.inboxId());
    }

    // ---- helpers

    /** A live assignment event: the history entry's fields (but its id, which a batch learns only at commit). */
    private void announce(Conversation c, UUID userId, String kind, UUID actorId, boolean manual, String reason,
                          Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", c.id());
        data.put("inboxId", c.inboxId());
        data.put("userId", userId);
        data.put("kind", kind);
        data.put("manual", manual);
        data.put("at", at);
        data.put("actorId", actorId);
        data.put("reason", reason);
        live.publish(c.accountId(), "assignment", data);
    }

    /** How many eligible-but-not-chosen candidates a stored trace lists by name; the rest are counted. */
    static final int RUNNERS_UP_KEPT = 10;

    /**
     * The stored trace: the chosen candidate, every skipped candidate with its reasons, and the first
     * runners-up (eligible, ranked lower by the strategy) with their ordering keys; the other runners-up
     * are only counted, so a big team's trace stays small. A member not listed was eligible and not chosen.
     */
    private static String traceJson(RoutingRule rule, String outcome, RoutingTrace trace) {
        return traceJson(rule, outcome, trace, 0);
    }

    /** @param notListed eligible runners-up the trace itself already left out (a roster's decision) */
    private static String traceJson(RoutingRule rule, String outcome, RoutingTrace trace, int notListed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", rule.mode());
        json.put("allMembers", rule.isAllMembers());
        if (rule.mode() == RoutingMode.CONTACT_OWNER) {
            json.put("fallback", rule.fallback() == null ? "NONE" : rule.fallback().isAllMembers() ? "ALL_MEMBERS" : "SPECIFIC");
        }
        json.put("strategy", rule.strategy());
        json.put("outcome", outcome == null ? "NONE" : outcome);
        json.put("summary", trace.summary());
        List<Map<String, Object>> candidates = new ArrayList<>();
        int runnersUp = 0;
        int omitted = notListed + trace.eligibleNotListed();
        for (dev.rota.routing.TraceEntry e : trace.entries()) {
            boolean runnerUp = e.reasons().stream().anyMatch(r -> r.reason() == dev.rota.routing.SkipReason.NOT_CHOSEN);
            if (runnerUp && runnersUp++ >= RUNNERS_UP_KEPT) {
                omitted++;
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userId", e.userId());
            entry.put("outcome", e.outcome());
            entry.put("reasons", e.reasons().stream().map(r -> {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("reason", r.reason());
                reason.put("detail", r.detail());
                return reason;
            }).toList());
            candidates.add(entry);
        }
        json.put("candidates", candidates);
        json.put("runnersUpNotListed", omitted);
        return JSON.writeValueAsString(json);
    }
}
