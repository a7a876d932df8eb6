package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.SignIn;
import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import dev.rota.web.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Conversations arriving together are stored and routed as one batch ({@link Routing#ingestAll}):
 * spread fairly, limits held, every trace complete, bad requests refused alone, and the answer equal
 * to what a later read gives.
 */
class IngestBatchTest extends IntegrationTest {

    @Autowired
    Routing routing;
    @Autowired
    SignIn signIn;
    @Autowired
    JdbcClient jdbc;

    private CurrentUser me(Tenant t) {
        return signIn.authenticate(t.admin.token()).orElseThrow();
    }

    private static List<Routing.IngestRequest> requests(CurrentUser me, String inbox, String prefix, int n) {
        List<Routing.IngestRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(request(me, inbox, Channel.CHAT, prefix + i, null));
        }
        return requests;
    }

    private static Routing.IngestRequest request(CurrentUser me, String inbox, Channel channel, String externalId,
                                                 UUID owner) {
        return new Routing.IngestRequest(me, new Routing.NewConversation(UUID.fromString(inbox), channel, externalId,
                "subject " + externalId, null, owner), null, Instant.now());
    }

    @Test
    void a_batch_is_spread_fairly_and_every_trace_names_each_skipped_candidate() {
        Tenant t = newTenant();
        List<String> agents = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
        String away = t.user("Dan");
        t.signIn("Dan").put("/api/v1/users/" + away + "/status", Map.of("status", "AWAY"));
        List<String> members = new ArrayList<>(agents);
        members.add(away);
        String inbox = t.inbox("Help", List.of("CHAT"), members, List.of());

        List<Routing.IngestOutcome> outcomes = routing.ingestAll(requests(me(t), inbox, "b-", 9));

        Map<UUID, Integer> perAgent = new HashMap<>();
        for (Routing.IngestOutcome o : outcomes) {
            assertThat(o.error()).isNull();
            assertThat(o.ingested().created()).isTrue();
            perAgent.merge(o.ingested().conversation().assigneeId(), 1, Integer::sum);
            JsonNode trace = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(o.ingested().conversation().routingTrace());
            assertThat(trace.get("outcome").asString()).isEqualTo("ASSIGNED");
            assertThat(trace.get("candidates").findValuesAsString("userId")).contains(away);
            for (JsonNode candidate : trace.get("candidates")) {
                if (candidate.get("userId").asString().equals(away)) {
                    assertThat(candidate.get("reasons").get(0).get("reason").asString()).isEqualTo("AWAY");
                }
            }
        }
        assertThat(perAgent).containsOnlyKeys(agents.stream().map(UUID::fromString).toList());
        assertThat(perAgent.values()).containsOnly(3);

        // the answer is what the database holds
        for (Routing.IngestOutcome o : outcomes) {
            Conversation answered = o.ingested().conversation();
            JsonNode stored = t.admin.get("/api/v1/conversations/" + answered.id()).body();
            assertThat(stored.get("assigneeId").asString()).isEqualTo(answered.assigneeId().toString());
            assertThat(Instant.parse(stored.get("assignedAt").asString())).isEqualTo(answered.assignedAt());
            assertThat(Instant.parse(stored.get("createdAt").asString())).isEqualTo(answered.createdAt());
            assertThat(stored.get("routing")).isEqualTo(tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(answered.routingTrace()));
        }
    }

    @Test
    void limits_hold_inside_a_batch_and_the_rest_waits_with_its_reasons() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 2));
        String bob = t.user("Bob", Map.of("maxOpenConversations", 2));
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob), List.of());

        List<Routing.IngestOutcome> outcomes = routing.ingestAll(requests(me(t), inbox, "l-", 6));

        assertThat(outcomes.stream().filter(o -> o.ingested().conversation().assigneeId() != null)).hasSize(4);
        List<Conversation> waiting = outcomes.stream().map(o -> o.ingested().conversation())
                .filter(c -> c.assigneeId() == null).toList();
        assertThat(waiting).hasSize(2);
        for (Conversation c : waiting) {
            JsonNode trace = t.admin.get("/api/v1/conversations/" + c.id()).body().get("routing");
            assertThat(trace.get("outcome").asString()).isEqualTo("WAITING");
            assertThat(trace.get("candidates").findValuesAsString("reason")).containsOnly("AT_LIMIT");
        }
        // the history counts each agent's conversations one by one, never past the limit
        assertThat(jdbc.sql("""
                select user_id, array_agg(open_after order by id) from assignment_event
                 where inbox_id = :inbox and kind = 'ASSIGNED' group by user_id""")
                .param("inbox", UUID.fromString(inbox))
                .query((rs, i) -> List.of((Object[]) rs.getArray(2).getArray())).list())
                .hasSize(2).allSatisfy(opens -> assertThat(opens).containsExactly(1, 2));
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt())
                .isEqualTo(2);
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * A node's ranked candidates may hold what its own transaction wrote; if that transaction rolls back
     * (a deadlock, a failure), those writes never happened and must not linger in memory.
     */
    @Test
    void what_a_rolled_back_transaction_claimed_is_forgotten() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 2));
        String bob = t.user("Bob", Map.of("maxOpenConversations", 2));
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob), List.of());
        CurrentUser me = me(t);

        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            routing.ingestAll(requests(me, inbox, "a-", 2));
            routing.ingestAll(requests(me, inbox, "b-", 2));
            // in this transaction both are full now, and the roster read so
            assertThat(routing.ingestAll(requests(me, inbox, "c-", 1)).get(0).ingested().conversation().assigneeId())
                    .isNull();
            tx.setRollbackOnly();
        });

        assertThat(jdbc.sql("select count(*) from conversation where inbox_id = :inbox")
                .param("inbox", UUID.fromString(inbox)).query(Long.class).single()).isZero();
        Api.Response after = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                "externalId", "after"));
        assertThat(after.text("assigneeId")).isIn(ann, bob);
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** Runs {@code work} in a transaction on another thread and keeps it open until {@code release}. */
    private java.util.concurrent.Future<?> holdOpen(java.util.concurrent.ExecutorService pool,
                                                    java.util.concurrent.CountDownLatch release, Runnable work)
            throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        var holder = pool.submit(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    work.run();
                    done.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        done.await();
        return holder;
    }

    private void awaitSomeoneWaitingForALock() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'").query(Long.class).single() > 0);
    }

    /**
     * A node's batches need one statement each: the next one plans on what the last one left without
     * reading it back; what anyone else changed meanwhile makes the statement refuse, and the batch is
     * planned again on it.
     */
    @Test
    void a_batch_plans_on_what_the_last_one_left_and_again_on_what_someone_else_changed() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob, cleo), List.of());
        var replans = meters.get("rota.intake.replans").counter();
        double before = replans.count();
        CurrentUser me = me(t);
        Map<String, List<String>> byAgent = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            Conversation c = routing.ingestAll(requests(me, inbox, "one-" + i + "-", 1)).get(0).ingested().conversation();
            byAgent.computeIfAbsent(c.assigneeId().toString(), k -> new ArrayList<>()).add(c.id().toString());
        }
        assertThat(byAgent).containsOnlyKeys(ann, bob, cleo).allSatisfy((agent, ids) -> assertThat(ids).hasSize(2));
        assertThat(replans.count() - before).isZero();

        // elsewhere: Bob goes away, one of Cleo's conversations is closed
        t.signIn("Bob").put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        assertThat(t.admin.patch("/api/v1/conversations/" + byAgent.get(cleo).get(0), Map.of("status", "CLOSED"))
                .status()).isEqualTo(200);
        assertThat(routing.ingestAll(requests(me, inbox, "after-", 1)).get(0).ingested().conversation().assigneeId())
                .hasToString(cleo);
        assertThat(replans.count() - before).isEqualTo(1);
        assertThat(routing.ingestAll(requests(me, inbox, "then-", 1)).get(0).ingested().conversation().assigneeId())
                .hasToString(ann);
        assertThat(replans.count() - before).isEqualTo(1);
    }

    /**
     * Busy inboxes of one account check only their own candidates: batches of two inboxes with other people in
     * them, one after the other, never make each other plan again; a person in both makes the next batch read
     * what the other inbox gave them, and it counts in the choice.
     */
    @Test
    void inboxes_with_other_people_do_not_make_each_other_plan_again() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        String dan = t.user("Dan");
        String sales = t.inbox("Sales", List.of("CHAT"), List.of(ann, bob), List.of());
        String support = t.inbox("Support", List.of("CHAT"), List.of(cleo, dan), List.of());
        var replans = meters.get("rota.intake.replans").counter();
        CurrentUser me = me(t);
        routing.ingestAll(requests(me, sales, "s-warm-", 1));
        routing.ingestAll(requests(me, support, "p-warm-", 1));
        double before = replans.count();
        for (int i = 0; i < 4; i++) {
            assertThat(routing.ingestAll(requests(me, sales, "s-" + i + "-", 1)).get(0).ingested().conversation()
                    .assigneeId().toString()).isIn(ann, bob);
            assertThat(routing.ingestAll(requests(me, support, "p-" + i + "-", 1)).get(0).ingested().conversation()
                    .assigneeId().toString()).isIn(cleo, dan);
        }
        assertThat(replans.count() - before).isZero();

        // Bob also answers Support: what Support gives him is news to Sales, and counts there
        String both = t.inbox("Both", List.of("CHAT"), List.of(bob, cleo), List.of());
        routing.ingestAll(requests(me, both, "b-warm-", 1));
        routing.ingestAll(requests(me, sales, "s-again-", 1));
        before = replans.count();
        List<String> toBoth = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            toBoth.add(routing.ingestAll(requests(me, both, "b-" + i + "-", 1)).get(0).ingested().conversation()
                    .assigneeId().toString());
        }
        assertThat(toBoth).contains(bob);
        Conversation next = routing.ingestAll(requests(me, sales, "s-after-", 1)).get(0).ingested().conversation();
        assertThat(replans.count() - before).isPositive();
        long annOpen = open(t, ann);
        long bobOpen = open(t, bob);
        // BALANCED on what is stored: the one with fewer open conversations got it
        assertThat(next.assigneeId().toString()).isEqualTo(annOpen - 1 < bobOpen ? ann : bob);
    }

    private long open(Tenant t, String user) {
        return jdbc.sql("select count(*) from conversation where account_id = :account and assignee_id = :user "
                        + "and status = 'OPEN'").param("account", UUID.fromString(t.accountId))
                .param("user", UUID.fromString(user)).query(Long.class).single();
    }

    /**
     * A batch planned on a roster whose inbox was archived meanwhile (by another transaction) stores
     * nothing: its requests are checked again and refused like any request for an inbox that is gone.
     */
    @Test
    void a_batch_for_an_inbox_archived_meanwhile_is_refused_and_nothing_is_stored() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann), List.of());
        CurrentUser me = me(t);
        routing.ingestAll(requests(me, inbox, "before-", 1)); // the node now holds the inbox's roster
        assertThat(t.admin.delete("/api/v1/inboxes/" + inbox).status()).isLessThan(300);
        List<Routing.IngestOutcome> outcomes = routing.ingestAll(requests(me, inbox, "after-", 2));
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.ingested()).isNull();
            assertThat(o.error()).isInstanceOf(InvalidInputException.class);
            assertThat(((InvalidInputException) o.error()).errors().get(0).field()).isEqualTo("inboxId");
        });
        assertThat(jdbc.sql("select count(*) from conversation where inbox_id = :inbox and external_id like 'after-%'")
                .param("inbox", UUID.fromString(inbox)).query(Long.class).single()).isZero();
    }

    /** The statement finds a user's bit in a view's candidate filter where Java put it. */
    @Test
    void the_candidate_filter_bit_is_the_same_in_java_and_in_sql() {
        java.util.Random random = new java.util.Random(42);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        ids.add(new UUID(0, 0x1FFF));
        ids.add(new UUID(0, 0x2000));
        for (UUID id : ids) {
            byte[] filter = RosterCache.candidateFilter(List.of(id));
            int inSql = jdbc.sql("""
                    select ((get_byte(uuid_send(cast(:id as uuid)), 14) << 8) | get_byte(uuid_send(cast(:id as uuid)), 15)) & 8191""")
                    .param("id", id).query(Integer.class).single();
            assertThat(inSql).as(id.toString()).isEqualTo(RosterCache.filterBit(id));
            assertThat(jdbc.sql("select get_bit(cast(:filter as bytea), :bit)").param("filter", filter).param("bit", inSql)
                    .query(Integer.class).single()).as(id.toString()).isEqualTo(1);
        }
    }

    /**
     * A conversation another request is storing right now (same external id, not yet committed) is not
     * stored twice, and takes no place of its planned assignee.
     */
    @Test
    void a_conversation_another_request_stored_first_takes_no_place() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 1));
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann), List.of());
        UUID account = UUID.fromString(t.accountId);
        UUID other = UUID.randomUUID();
        CurrentUser me = me(t);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var release = new java.util.concurrent.CountDownLatch(1);
        try {
            var holder = holdOpen(pool, release, () -> jdbc.sql("""
                    insert into conversation (account_id, id, inbox_id, channel, external_id, status, created_at)
                    values (:account, :id, :inbox, 'CHAT', 'same', 'OPEN', now())""")
                    .param("account", account).param("id", other).param("inbox", UUID.fromString(inbox)).update());
            var batch = pool.submit(() -> routing.ingestAll(List.of(request(me, inbox, Channel.CHAT, "same", null))));
            awaitSomeoneWaitingForALock();
            release.countDown();
            holder.get();
            Routing.Ingested answer = batch.get().get(0).ingested();
            assertThat(answer.created()).isFalse();
            assertThat(answer.conversation().id()).isEqualTo(other);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select open_count from user_load where account_id = :account and user_id = :user")
                .param("account", account).param("user", UUID.fromString(ann)).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from assignment_event where account_id = :account")
                .param("account", account).query(Long.class).single()).isZero();
        assertThat(t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                "externalId", "next")).text("assigneeId")).isEqualTo(ann);
    }

    /** Over HTTP: posts that arrive while a transaction is busy with an inbox wait and are stored together. */
    @Test
    void posts_arriving_while_an_inbox_is_busy_are_stored_as_one_batch() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob), List.of());
        UUID account = UUID.fromString(t.accountId);
        var batches = meters.get("rota.intake.batch.size").summary();
        long batchesBefore = batches.count();
        double postsBefore = batches.totalAmount();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        var release = new java.util.concurrent.CountDownLatch(1);
        try {
            // another transaction holds both agents' counters: the first post waits for it
            var holder = holdOpen(pool, release, () -> jdbc.sql(
                    "select user_id from user_load where account_id = :account for update")
                    .param("account", account).query(UUID.class).list());
            var first = pool.submit(() -> t.admin.post("/api/v1/conversations",
                    Map.of("inboxId", inbox, "channel", "CHAT", "externalId", "first")));
            awaitSomeoneWaitingForALock();
            List<java.util.concurrent.Future<Api.Response>> rest = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String externalId = "next-" + i;
                rest.add(pool.submit(() -> t.admin.post("/api/v1/conversations",
                        Map.of("inboxId", inbox, "channel", "CHAT", "externalId", externalId))));
            }
            Thread.sleep(500); // let the ten reach the inbox's lane, behind the waiting first one
            release.countDown();
            holder.get();

            assertThat(first.get().status()).isEqualTo(201);
            Map<String, Integer> perAgent = new HashMap<>();
            for (var f : rest) {
                Api.Response r = f.get();
                assertThat(r.status()).isEqualTo(201);
                perAgent.merge(r.text("assigneeId"), 1, Integer::sum);
            }
            // spread as one backlog: 5 and 5 (±1 with the first one's place)
            assertThat(perAgent.keySet()).containsExactlyInAnyOrder(ann, bob);
            assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(4, 6));
            assertThat(batches.totalAmount() - postsBefore).isEqualTo(11);
            assertThat(batches.count() - batchesBefore).isLessThanOrEqualTo(3);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void bad_or_repeated_requests_in_a_batch_are_answered_alone() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann), List.of());
        Api.Response earlier = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "CHAT",
                "externalId", "known"));
        CurrentUser me = me(t);

        List<Routing.IngestOutcome> outcomes = routing.ingestAll(List.of(
                request(me, inbox, Channel.CHAT, "first", null),
                request(me, inbox, Channel.EMAIL, "wrong-channel", null),
                request(me, inbox, Channel.CHAT, "first", null),
                request(me, inbox, Channel.CHAT, "bad-owner", UUID.randomUUID()),
                request(me, inbox, Channel.CHAT, "known", null),
                request(me, UUID.randomUUID().toString(), Channel.CHAT, "no-inbox", null),
                request(me, inbox, Channel.CHAT, "second", null)));

        assertThat(outcomes.get(0).ingested().created()).isTrue();
        assertThat(((InvalidInputException) outcomes.get(1).error()).errors().get(0).field()).isEqualTo("channel");
        assertThat(outcomes.get(2).ingested().created()).isFalse();
        assertThat(outcomes.get(2).ingested().conversation().id()).isEqualTo(outcomes.get(0).ingested().conversation().id());
        assertThat(((InvalidInputException) outcomes.get(3).error()).errors().get(0).field()).isEqualTo("contact.ownerId");
        assertThat(outcomes.get(4).ingested().created()).isFalse();
        assertThat(outcomes.get(4).ingested().conversation().id().toString()).isEqualTo(earlier.id());
        assertThat(((InvalidInputException) outcomes.get(5).error()).errors().get(0).field()).isEqualTo("inboxId");
        assertThat(outcomes.get(6).ingested().created()).isTrue();
        // stored: the earlier one, "first" once and "second"; nothing of the refused ones
        assertThat(jdbc.sql("select external_id from conversation where inbox_id = :inbox order by external_id")
                .param("inbox", UUID.fromString(inbox)).query(String.class).list())
                .containsExactly("first", "known", "second");
    }

    @Test
    void a_value_postgresql_refuses_fails_only_its_own_request_of_the_batch() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(t.user("Ann"), t.user("Bob")), List.of());
        CurrentUser me = me(t);
        List<Routing.IngestRequest> requests = new ArrayList<>(requests(me, inbox, "ok-", 3));
        // the API refuses a NUL (Body); past it, PostgreSQL's text cannot hold one
        requests.add(1, new Routing.IngestRequest(me, new Routing.NewConversation(UUID.fromString(inbox), Channel.CHAT,
                "bad", "a\u0000b", null, null), null, Instant.now()));

        List<Routing.IngestOutcome> outcomes = routing.ingestAll(requests);

        assertThat(outcomes.get(1).error()).isNotNull();
        for (int i : List.of(0, 2, 3)) {
            assertThat(outcomes.get(i).error()).isNull();
            assertThat(outcomes.get(i).ingested().created()).isTrue();
            assertThat(outcomes.get(i).ingested().conversation().assigneeId()).isNotNull();
        }
        assertThat(jdbc.sql("select external_id from conversation where inbox_id = :inbox order by external_id")
                .param("inbox", UUID.fromString(inbox)).query(String.class).list())
                .containsExactly("ok-0", "ok-1", "ok-2");
        assertThat(jdbc.sql("select sum(open_count) from user_load where user_id in (select user_id from inbox_member_user"
                        + " where inbox_id = :inbox)").param("inbox", UUID.fromString(inbox)).query(Long.class).single())
                .isEqualTo(3);
    }
}
