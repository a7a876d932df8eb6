package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People's changes of conversations (a third audit, 2026-12-01): unassigning a closed conversation gave its place back
 * a second time, so a user's count fell below what they held and routing then gave them more than their limit; a
 * manual assignment to the current assignee did not make it theirs by hand; a manual unassignment left the old
 * trace; and of the queue: a round-robin drain stamped turns in user-id order, and a free place went to the inbox
 * that came first rather than the customer who waited longest.
 */
class ManualChangesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> conversation(String inbox, String externalId) {
        return Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", externalId);
    }

    private int counted(Tenant t, String user) {
        return jdbc.sql("select open_count from user_load where account_id = cast(:a as uuid) and user_id = cast(:u as uuid)")
                .param("a", t.accountId).param("u", user).query(Integer.class).single();
    }

    private int held(Tenant t, String user) {
        return jdbc.sql("""
                select count(*) from conversation where account_id = cast(:a as uuid) and assignee_id = cast(:u as uuid)
                   and status = 'OPEN'""").param("a", t.accountId).param("u", user).query(Integer.class).single();
    }

    @Test
    void a_change_sent_with_if_match_is_made_once_however_often_it_is_retried() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "etag-1")).id();
        Api.Response read = t.admin.get("/api/v1/conversations/" + id);
        String tag = read.headers().firstValue("ETag").orElseThrow();
        String holder = read.text("assigneeId");
        String other = holder.equals(ann) ? bob : ann;
        assertThat(tag).matches("\"[0-9a-f]{24}\"");
        assertThat(t.admin.send("GET", "/api/v1/conversations/" + id, null, Map.of("If-None-Match", tag)).status())
                .isEqualTo(304);

        // "hand it back" with the tag read: made once; its retry finds it changed and changes nothing
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        Api.Response first = t.admin.send("PATCH", "/api/v1/conversations/" + id, unassign, Map.of("If-Match", tag));
        assertThat(first.status()).isEqualTo(200);
        String after = first.headers().firstValue("ETag").orElseThrow();
        assertThat(after).isNotEqualTo(tag).isEqualTo(t.admin.get("/api/v1/conversations/" + id)
                .headers().firstValue("ETag").orElseThrow());
        String routedTo = first.text("assigneeId");
        List<Map<String, Object>> historyBefore = history(t, id);

        Api.Response retried = t.admin.send("PATCH", "/api/v1/conversations/" + id, unassign, Map.of("If-Match", tag));
        assertThat(retried.status()).isEqualTo(412);
        assertThat(retried.contentType()).startsWith("application/problem+json");
        assertThat(retried.text("field")).isEqualTo("If-Match");
        assertThat(t.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(routedTo);
        assertThat(history(t, id)).isEqualTo(historyBefore);

        // a weak tag, another resource's, or garbage never matches; "*" and a list holding the current one do
        for (String wrong : List.of("W/" + after, "\"0\"", "nonsense")) {
            Api.Response refused = t.admin.send("PATCH", "/api/v1/conversations/" + id, Map.of("assigneeId", other),
                    Map.of("If-Match", wrong));
            assertThat(refused.status()).as(wrong).isEqualTo(412);
        }
        assertThat(t.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(routedTo);
        Api.Response listed = t.admin.send("PATCH", "/api/v1/conversations/" + id, Map.of("assigneeId", other),
                Map.of("If-Match", "\"0\", " + after));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text("assigneeId")).isEqualTo(other);
        assertThat(t.admin.send("PATCH", "/api/v1/conversations/" + id, Map.of("status", "CLOSED"),
                Map.of("If-Match", "*")).text("status")).isEqualTo("CLOSED");
        assertThat(counted(t, ann) + counted(t, bob)).isZero();
    }

    private static List<Map<String, Object>> history(Tenant t, String id) {
        List<Map<String, Object>> entries = new ArrayList<>();
        t.admin.get("/api/v1/conversations/" + id + "/history").body()
                .forEach(e -> entries.add(Map.of("kind", e.get("kind").asString(), "user",
                        String.valueOf(e.get("userId")))));
        return entries;
    }

    @Test
    void a_closed_conversation_keeps_who_handled_it_and_its_place_is_given_back_once() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "c1")).id();
        String holder = t.admin.get("/api/v1/conversations/" + id).text("assigneeId");
        String other = holder.equals(ann) ? bob : ann;
        t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "CLOSED"));
        assertThat(counted(t, holder)).isZero();

        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        Api.Response refused = t.admin.patch("/api/v1/conversations/" + id, unassign);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("assigneeId");
        assertThat(t.admin.patch("/api/v1/conversations/" + id, Map.of("assigneeId", other)).status()).isEqualTo(400);
        assertThat(counted(t, holder)).isZero();
        assertThat(t.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(holder);

        // reopened and handed on in one call
        Api.Response moved = t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "OPEN", "assigneeId", other));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("assigneeId")).isEqualTo(other);
        assertThat(moved.body().get("assignedManually").asBoolean()).isTrue();
        assertThat(counted(t, other)).isEqualTo(1);
        assertThat(counted(t, holder)).isZero();
    }

    @Test
    void closing_reopening_unassigning_and_assigning_at_once_keep_every_count_exact() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        for (String u : List.of(ann, bob)) {
            t.admin.put("/api/v1/users/" + u + "/status", Map.of("status", "AWAY"));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(t.admin.post("/api/v1/conversations", conversation(inbox, "storm-" + i)).id());
        }
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        List<Map<String, Object>> steps = List.of(Map.of("status", "CLOSED"), Map.of("status", "OPEN"), unassign,
                Map.of("assigneeId", ann));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String id : ids) {
                    runs.add(pool.submit(() -> steps.forEach(step -> t.admin.patch("/api/v1/conversations/" + id, step))));
                }
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String u : List.of(ann, bob)) {
            assertThat(counted(t, u)).as("count of " + u).isEqualTo(held(t, u));
        }
        // and the history never shows anyone above a limit: with a limit of what Ann holds, she gets no more
        int annHolds = held(t, ann);
        t.admin.patch("/api/v1/users/" + ann, Map.of("maxOpenConversations", annHolds));
        t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        String next = t.admin.post("/api/v1/conversations", conversation(inbox, "after")).id();
        assertThat(t.admin.get("/api/v1/conversations/" + next).text("assigneeId")).isNotEqualTo(ann);
        assertThat(held(t, ann)).isLessThanOrEqualTo(annHolds);
    }

    @Test
    void assigning_by_hand_to_whoever_has_it_makes_it_theirs_by_hand_and_checks_membership() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "pin")).id();
        assertThat(t.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(ann);

        Api.Response pinned = t.admin.patch("/api/v1/conversations/" + id, Map.of("assigneeId", ann));
        assertThat(pinned.status()).isEqualTo(200);
        assertThat(pinned.body().get("assignedManually").asBoolean()).isTrue();
        assertThat(counted(t, ann)).isEqualTo(1);

        // someone no longer in the inbox cannot be "kept" by hand either
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(bob)));
        Api.Response refused = t.admin.patch("/api/v1/conversations/" + id, Map.of("assigneeId", ann));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("assigneeId");
    }

    @Test
    void a_manual_unassignment_routes_again_and_the_trace_says_what_happened() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "u1")).id();
        t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        Api.Response waiting = t.admin.patch("/api/v1/conversations/" + id, unassign);
        assertThat(waiting.text("assigneeId")).isNull();
        assertThat(waiting.body().get("routing").get("outcome").asString()).isEqualTo("WAITING");
        assertThat(waiting.body().get("routing").toString()).contains("AWAY");
        assertThat(counted(t, ann)).isZero();

        // the list tells waiting from not waiting both ways
        String other = t.admin.post("/api/v1/conversations", conversation(inbox, "u2")).id();
        t.admin.patch("/api/v1/conversations/" + other, Map.of("assigneeId", ann));
        String base = "/api/v1/conversations?inboxId=" + inbox + "&waiting=";
        assertThat(t.admin.get(base + "true").body().get("items").toString()).contains(id).doesNotContain(other);
        assertThat(t.admin.get(base + "false").body().get("items").toString()).contains(other).doesNotContain(id);
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isEqualTo(2);
        // handed back and closed in one call: closed unassigned, not routed to someone on the way
        t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        String back = t.admin.post("/api/v1/conversations", conversation(inbox, "u3")).id();
        Map<String, Object> backAndClose = new HashMap<>(unassign);
        backAndClose.put("status", "CLOSED");
        Api.Response closed = t.admin.patch("/api/v1/conversations/" + back, backAndClose);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(closed.text("assigneeId")).isNull();
        assertThat(t.admin.get("/api/v1/conversations/" + back + "/history").body().toString())
                .doesNotContain("CLOSED\"").contains("UNASSIGNED");

        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Autowired
    QueueWorker worker;

    @Test
    void after_a_round_robin_drain_the_turns_follow_the_queue_and_the_next_goes_to_whose_turn_it_is() {
        Tenant t = newTenant();
        List<String> people = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
        String inbox = t.inbox("Help", List.of("EMAIL"), people, List.of());
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "NONE"));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(t.admin.post("/api/v1/conversations", conversation(inbox, "rr-" + i)).id());
        }
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "allMembers", true, "strategy", "ROUND_ROBIN"));
        worker.drainPending();
        List<String> to = new ArrayList<>();
        java.time.Instant previous = java.time.Instant.MIN;
        for (String id : waiting) {
            Api.Response c = t.admin.get("/api/v1/conversations/" + id);
            to.add(c.text("assigneeId"));
            java.time.Instant at = java.time.Instant.parse(c.text("assignedAt"));
            assertThat(at).as("assigned in the queue's order").isAfterOrEqualTo(previous);
            previous = at;
        }
        assertThat(new java.util.HashSet<>(to.subList(0, 3))).hasSize(3);
        assertThat(to.get(3)).isEqualTo(to.get(0));
        // the one who took the last is not next: the second of the drain has waited longest
        String next = t.admin.post("/api/v1/conversations", conversation(inbox, "rr-next")).id();
        assertThat(t.admin.get("/api/v1/conversations/" + next).text("assigneeId")).isEqualTo(to.get(1));
    }

    @Test
    void one_free_place_goes_to_the_customer_who_waited_longest_whichever_inbox() {
        for (boolean firstInFirst : List.of(true, false)) {
            Tenant t = newTenant();
            String ann = t.user("Ann", Map.of("maxOpenConversations", 1));
            String first = t.inbox("First", List.of("EMAIL"), List.of(ann), List.of());
            String second = t.inbox("Second", List.of("EMAIL"), List.of(ann), List.of());
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
            String older = t.admin.post("/api/v1/conversations", conversation(firstInFirst ? first : second, "a")).id();
            clock.advance(java.time.Duration.ofSeconds(1));
            String newer = t.admin.post("/api/v1/conversations", conversation(firstInFirst ? second : first, "b")).id();
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
            worker.drainPending();
            assertThat(t.admin.get("/api/v1/conversations/" + older).text("assigneeId")).isEqualTo(ann);
            assertThat(t.admin.get("/api/v1/conversations/" + newer).text("assigneeId")).isNull();
        }
    }
}
