package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.EventStream;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a black-box audit of routing found (2026-12-01): a reopened conversation went back to someone who could no
 * longer take it and was not announced live, history said limit 0 for "no limit", a raised account default and a new
 * rule waited for the sweep, and a rule could not be set back to all members.
 */
class ReopenAndTriggersTest extends IntegrationTest {

    @Autowired
    QueueWorker worker;

    /** The inbox's EMAIL channel routes to these users only, BALANCED. */
    private static void routeTo(Tenant t, String inbox, String... users) {
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "userIds", List.of(users), "strategy", "BALANCED")).status()).isEqualTo(200);
    }

    private static Map<String, Object> conversation(String inbox, String externalId) {
        return Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", externalId);
    }

    @Test
    void a_reopened_conversation_goes_back_only_to_someone_who_still_may_take_it() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        routeTo(t, inbox, ann);

        // still a member with room: back to her
        String kept = t.admin.post("/api/v1/conversations", conversation(inbox, "kept")).id();
        t.admin.patch("/api/v1/conversations/" + kept, Map.of("status", "CLOSED"));
        assertThat(t.admin.patch("/api/v1/conversations/" + kept, Map.of("status", "OPEN")).text("assigneeId"))
                .isEqualTo(ann);

        // without a paid seat: routed again (and Ann, the rule's only user, cannot take it: it waits)
        String seat = t.admin.post("/api/v1/conversations", conversation(inbox, "seat")).id();
        t.admin.patch("/api/v1/conversations/" + seat, Map.of("status", "CLOSED"));
        t.admin.patch("/api/v1/users/" + ann, Map.of("seat", "NONE"));
        Api.Response reopened = t.admin.patch("/api/v1/conversations/" + seat, Map.of("status", "OPEN"));
        assertThat(reopened.text("assigneeId")).isNull();
        assertThat(reopened.body().get("routing").toString()).contains("NO_SEAT");
        t.admin.patch("/api/v1/users/" + ann, Map.of("seat", "SERVICE"));

        // no longer a member of the inbox: routed again, not back to her
        String member = t.admin.post("/api/v1/conversations", conversation(inbox, "member")).id();
        t.admin.patch("/api/v1/conversations/" + member, Map.of("status", "CLOSED"));
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(bob)));
        reopened = t.admin.patch("/api/v1/conversations/" + member, Map.of("status", "OPEN"));
        assertThat(reopened.text("assigneeId")).isNotEqualTo(ann);
        assertThat(reopened.body().get("routing").toString()).contains("NOT_MEMBER");
    }

    @Test
    void history_says_no_limit_as_null_not_zero() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        Api.Response c = t.admin.post("/api/v1/conversations", conversation(inbox, "x"));
        String other = c.text("assigneeId").equals(ann) ? bob : ann;
        t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("assigneeId", other));
        t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("status", "CLOSED"));
        t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("status", "OPEN"));
        JsonNode history = t.admin.get("/api/v1/conversations/" + c.id() + "/history").body();
        assertThat(history.findValuesAsString("reason")).contains("ROUTING", "MANUAL", "REOPENED");
        assertThat(history.findValuesAsString("kind")).contains("ASSIGNED", "UNASSIGNED", "CLOSED");
        for (JsonNode entry : history) { // handed on and closed too: nobody here has a limit
            assertThat(entry.get("limit").isNull()).as(entry.toString()).isTrue();
        }
    }

    @Test
    void a_raised_account_default_and_a_new_rule_drain_the_queue_at_once() {
        Tenant t = newTenant();
        t.admin.patch("/api/v1/account", Map.of("defaultMaxOpenConversations", 1));
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        t.admin.post("/api/v1/conversations", conversation(inbox, "first"));
        String waiting = t.admin.post("/api/v1/conversations", conversation(inbox, "second")).id();
        assertThat(t.admin.get("/api/v1/conversations/" + waiting).text("assigneeId")).isNull();

        t.admin.patch("/api/v1/account", Map.of("defaultMaxOpenConversations", 2));
        worker.drainPending(); // what the change asked for (else the sweep, seconds later, would be what assigns it)
        assertThat(t.admin.get("/api/v1/conversations/" + waiting).text("assigneeId")).isEqualTo(ann);

        String bob = t.user("Bob");
        String chat = t.inbox("Chat", List.of("EMAIL"), List.of(bob), List.of());
        t.admin.put("/api/v1/inboxes/" + chat + "/routing/EMAIL", Map.of("mode", "NONE"));
        String unrouted = t.admin.post("/api/v1/conversations", conversation(chat, "none")).id();
        routeTo(t, chat, bob);
        worker.drainPending();
        assertThat(t.admin.get("/api/v1/conversations/" + unrouted).text("assigneeId")).isEqualTo(bob);
    }

    @Test
    void a_rule_read_with_get_can_be_put_back_and_all_members_restored() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        String path = "/api/v1/inboxes/" + inbox + "/routing/EMAIL";
        JsonNode initial = t.admin.get(path).body();
        assertThat(initial.get("allMembers").asBoolean()).isTrue();

        t.admin.put(path, Map.of("mode", "SPECIFIC", "userIds", List.of(ann), "strategy", "BALANCED"));
        assertThat(t.admin.get(path).body().get("allMembers").asBoolean()).isFalse();

        // the default as GET gave it, sent back (with another strategy)
        Map<String, Object> all = new HashMap<>(Map.of("channel", "EMAIL", "mode", "SPECIFIC", "userIds", List.of(),
                "teamIds", List.of(), "strategy", "ROUND_ROBIN", "allMembers", true));
        all.put("fallback", null);
        Api.Response put = t.admin.put(path, all);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().get("allMembers").asBoolean()).isTrue();
        assertThat(put.text("strategy")).isEqualTo("ROUND_ROBIN");
        assertThat(t.admin.get(path).body()).isEqualTo(put.body());

        // both members take turns again
        String first = t.admin.post("/api/v1/conversations", conversation(inbox, "a")).text("assigneeId");
        String second = t.admin.post("/api/v1/conversations", conversation(inbox, "b")).text("assigneeId");
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(ann, bob);

        assertThat(t.admin.put(path, Map.of("mode", "SPECIFIC", "strategy", "BALANCED", "allMembers", true,
                "userIds", List.of(ann))).text("field")).isEqualTo("allMembers");
        assertThat(t.admin.put(path, Map.of("mode", "SPECIFIC", "strategy", "BALANCED", "channel", "CHAT"))
                .text("field")).isEqualTo("channel");
    }

    @Test
    void the_assignment_a_reopen_makes_is_announced_live() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "x")).id();
        t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "CLOSED"));

        try (EventStream events = EventStream.open(port, t.admin.token())) {
            t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "OPEN"));
            // with what the history says of it: why, by hand or not, when, by whom
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.lines()).anyMatch(l ->
                    l.startsWith("data:") && l.contains(id) && l.contains("\"kind\":\"ASSIGNED\"") && l.contains(ann)
                            && l.contains("\"reason\":\"REOPENED\"") && l.contains("\"manual\":false")
                            && l.contains("\"at\":\"20") && l.contains("\"actorId\":\"" + t.adminId + "\"")));
            t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "CLOSED"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.lines()).anyMatch(l ->
                    l.startsWith("data:") && l.contains(id) && l.contains("\"kind\":\"CLOSED\"")
                            && l.contains("\"reason\":\"CLOSED\"")));
        }
    }

    @Test
    void a_single_post_reads_as_a_decision_and_an_owner_taken_from_the_queue_says_queue() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Api.Response one = t.admin.post("/api/v1/conversations", conversation(inbox, "one"));
        assertThat(one.body().get("routing").get("summary").asString()).startsWith("Assigned to " + ann);

        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER"));
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        String owned = t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                "externalId", "owned", "contact", Map.of("email", "c@x.io", "ownerId", ann))).id();
        assertThat(t.admin.get("/api/v1/conversations/" + owned).text("assigneeId")).isNull();
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + owned).text("assigneeId")).isEqualTo(ann));
        assertThat(t.admin.get("/api/v1/conversations/" + owned + "/history").body().get(0).get("reason").asString())
                .isEqualTo("QUEUE");
    }

    @Test
    void what_a_deactivated_user_held_goes_back_through_routing() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        routeTo(t, inbox, ann);
        String routed = t.admin.post("/api/v1/conversations", conversation(inbox, "routed")).id();
        String manual = t.admin.post("/api/v1/conversations", conversation(inbox, "manual")).id();
        t.admin.patch("/api/v1/conversations/" + manual, Map.of("assigneeId", bob));
        routeTo(t, inbox, ann, bob);

        t.admin.patch("/api/v1/users/" + bob, Map.of("active", false));
        worker.drainPending();
        assertThat(t.admin.get("/api/v1/conversations/" + manual).text("assigneeId")).isEqualTo(ann);
        assertThat(t.admin.get("/api/v1/conversations/" + manual + "/history").body().findValuesAsString("reason"))
                .containsSubsequence("MANUAL", "INACTIVE", "ROUTING");

        t.admin.patch("/api/v1/users/" + ann, Map.of("active", false));
        worker.drainPending();
        for (String id : List.of(routed, manual)) {
            Api.Response c = t.admin.get("/api/v1/conversations/" + id);
            assertThat(c.text("assigneeId")).as(id).isNull(); // nobody active left: both wait
            assertThat(c.text("status")).isEqualTo("OPEN");
        }
    }
}
