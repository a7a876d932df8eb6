package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoutingApiTest extends IntegrationTest {

    private static Map<String, Object> conversation(String inbox, String channel, String externalId) {
        Map<String, Object> body = new HashMap<>();
        body.put("inboxId", inbox);
        body.put("channel", channel);
        body.put("externalId", externalId);
        body.put("subject", "Help with " + externalId);
        body.put("contact", Map.of("email", "customer@example.test"));
        return body;
    }

    private static String reasonsOf(JsonNode routing, String userId) {
        for (JsonNode c : routing.get("candidates")) {
            if (c.get("userId").asString().equals(userId)) {
                return c.get("outcome").asString() + " " + c.get("reasons").findValuesAsString("reason")
                        + " " + c.get("reasons").findValuesAsString("detail");
            }
        }
        return "absent";
    }

    @Test
    void a_new_conversation_goes_to_the_one_member_who_is_really_available_and_the_trace_says_why() {
        Tenant t = newTenant();
        t.setPlan("PROFESSIONAL");
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String free = t.user("Frida Free", Map.of("seat", "NONE"));
        String ola = t.user("Ola");
        t.signIn("Bob").put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        Instant now = clock.instant();
        String today = now.toString().substring(0, 10);
        t.admin.post("/api/v1/users/" + ola + "/out-of-office", Map.of("startDate", today,
                "endDate", now.plus(Duration.ofDays(2)).toString().substring(0, 10)));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob, free, ola), List.of());

        Api.Response r = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "mail-1"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("assigneeId")).isEqualTo(ann);
        JsonNode routing = r.body().get("routing");
        assertThat(routing.get("outcome").asString()).isEqualTo("ASSIGNED");
        assertThat(reasonsOf(routing, ann)).startsWith("CHOSEN");
        assertThat(reasonsOf(routing, bob)).startsWith("SKIPPED [AWAY]").contains("MANUAL");
        assertThat(reasonsOf(routing, free)).startsWith("SKIPPED [NO_SEAT]");
        assertThat(reasonsOf(routing, ola)).startsWith("SKIPPED [AWAY]").contains("OUT_OF_OFFICE");
        assertThat(routing.get("summary").asString()).contains("Assigned to " + ann);

        Api.Response fetched = t.admin.get("/api/v1/conversations/" + r.id());
        assertThat(fetched.body().get("routing").get("candidates").size()).isEqualTo(4);
    }

    @Test
    void the_same_external_id_or_idempotency_key_yields_the_same_conversation() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL", "CHAT"), List.of(ann), List.of());
        Api.Response first = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "mail-42"));
        Api.Response again = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "mail-42"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());

        Map<String, Object> noExternal = conversation(inbox, "CHAT", null);
        noExternal.remove("externalId");
        Api.Response keyed = t.admin.send("POST", "/api/v1/conversations", noExternal, Map.of("Idempotency-Key", "k-1"));
        Api.Response keyedAgain = t.admin.send("POST", "/api/v1/conversations", noExternal, Map.of("Idempotency-Key", "k-1"));
        assertThat(keyed.status()).isEqualTo(201);
        assertThat(keyedAgain.status()).isEqualTo(200);
        assertThat(keyedAgain.id()).isEqualTo(keyed.id());
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isEqualTo(2);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").body().get("ineligibleReasons").size()).isZero();
    }

    @Test
    void nobody_available_means_waiting_until_someone_sets_themself_available() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann), List.of());
        Api.Response r = t.admin.post("/api/v1/conversations", conversation(inbox, "CHAT", "chat-1"));
        assertThat(r.text("assigneeId")).isNull();
        assertThat(r.body().get("routing").get("outcome").asString()).isEqualTo("WAITING");
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt())
                .isEqualTo(1);

        annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + r.id()).text("assigneeId")).isEqualTo(ann));
    }

    @Test
    void a_user_at_the_limit_is_skipped_and_gets_the_next_when_one_is_closed() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 1));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Api.Response first = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "a"));
        Api.Response second = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "b"));
        assertThat(first.text("assigneeId")).isEqualTo(ann);
        assertThat(second.text("assigneeId")).isNull();
        assertThat(reasonsOf(second.body().get("routing"), ann)).contains("AT_LIMIT").contains("open=1, limit=1");

        assertThat(t.admin.patch("/api/v1/conversations/" + first.id(), Map.of("status", "CLOSED")).text("status"))
                .isEqualTo("CLOSED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + second.id()).text("assigneeId")).isEqualTo(ann));
    }

    @Test
    void raising_a_limit_or_adding_a_member_drains_the_queue() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 0));
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Api.Response one = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "one"));
        Api.Response two = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "two"));
        assertThat(one.text("assigneeId")).isNull();

        t.admin.patch("/api/v1/users/" + ann, Map.of("maxOpenConversations", 1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + one.id()).text("assigneeId")).isEqualTo(ann));
        assertThat(t.admin.get("/api/v1/conversations/" + two.id()).text("assigneeId")).isNull();

        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann, bob)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + two.id()).text("assigneeId")).isEqualTo(bob));
    }

    @Test
    void a_manual_assignment_is_kept_and_must_name_an_inbox_member() {
        Tenant t = newTenant();
        Tenant other = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String outsider = t.user("Outsider");
        String stranger = other.user("Stranger");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        Api.Response c = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "x"));
        String auto = c.text("assigneeId");
        String manual = auto.equals(ann) ? bob : ann;

        Api.Response patched = t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("assigneeId", manual));
        assertThat(patched.text("assigneeId")).isEqualTo(manual);
        assertThat(patched.body().get("assignedManually").asBoolean()).isTrue();
        JsonNode history = t.admin.get("/api/v1/conversations/" + c.id() + "/history").body();
        assertThat(history.findValuesAsString("kind")).containsExactly("ASSIGNED", "UNASSIGNED", "ASSIGNED");
        assertThat(history.get(2).get("manual").asBoolean()).isTrue();
        assertThat(history.get(2).get("actorId").asString()).isEqualTo(t.adminId);
        assertThat(t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("assigneeId", outsider)).text("field"))
                .isEqualTo("assigneeId");
        assertThat(t.admin.patch("/api/v1/conversations/" + c.id(), Map.of("assigneeId", stranger)).text("field"))
                .isEqualTo("assigneeId");

        // the manual assignee goes away; routing never takes it from them
        t.signIn(manual.equals(ann) ? "Ann" : "Bob").put("/api/v1/users/" + manual + "/status", Map.of("status", "AWAY"));
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing", Map.of("reassignAfterAwayMinutes", 1));
        clock.advance(Duration.ofMinutes(5));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + c.id()).text("assigneeId")).isEqualTo(manual));
    }

    @Test
    void only_members_of_the_inbox_and_super_admins_change_its_conversations() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        t.user("Outsider", Map.of("seat", "NONE"));
        String team = t.team("Night", List.of(bob));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of(team));
        String c = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "p")).id();

        Api.Response refused = t.signIn("Outsider").patch("/api/v1/conversations/" + c, Map.of("status", "CLOSED"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(t.signIn("Outsider").patch("/api/v1/conversations/" + c, Map.of("assigneeId", ann)).status())
                .isEqualTo(403);
        assertThat(t.admin.get("/api/v1/conversations/" + c).text("status")).isEqualTo("OPEN");

        // a member through a team, a direct member, and the super admin
        assertThat(t.signIn("Bob").patch("/api/v1/conversations/" + c, Map.of("assigneeId", bob)).text("assigneeId"))
                .isEqualTo(bob);
        assertThat(t.signIn("Ann").patch("/api/v1/conversations/" + c, Map.of("status", "CLOSED")).text("status"))
                .isEqualTo("CLOSED");
        assertThat(t.admin.patch("/api/v1/conversations/" + c, Map.of("status", "OPEN")).status()).isEqualTo(200);
    }

    @Test
    void conversations_of_someone_away_too_long_go_back_through_routing() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Api.Response c = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "y"));
        assertThat(c.text("assigneeId")).isEqualTo(ann);
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann, bob)));
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing", Map.of("reassignAfterAwayMinutes", 30));
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + c.id()).text("assigneeId")).isEqualTo(bob));
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").body().get("ineligibleReasons").toString())
                .contains("AWAY");
    }

    @Test
    void another_reason_of_away_does_not_start_the_grace_period_again() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Api.Response c = t.admin.post("/api/v1/conversations", conversation(inbox, "EMAIL", "grace"));
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann, bob)));
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing", Map.of("reassignAfterAwayMinutes", 30));
        t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY")); // her manager, first
        clock.advance(Duration.ofMinutes(20));
        // then she sets a temporary away herself: still away, the half hour counts from the first
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY", "durationMinutes", 120));
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + c.id()).text("assigneeId")).isEqualTo(bob));
    }

    @Test
    void round_robin_takes_turns_in_the_order_of_longest_since_last_assigned() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(ann, bob, cleo), List.of());
        Api.Response rule = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/CHAT", Map.of("mode", "SPECIFIC",
                "userIds", List.of(ann, bob, cleo), "strategy", "ROUND_ROBIN"));
        assertThat(rule.status()).isEqualTo(200);
        assertThat(rule.text("strategy")).isEqualTo("ROUND_ROBIN");
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(1));
            assignees.add(t.admin.post("/api/v1/conversations", conversation(inbox, "CHAT", "rr-" + i)).text("assigneeId"));
        }
        assertThat(assignees.subList(3, 6)).containsExactlyElementsOf(assignees.subList(0, 3));
        assertThat(assignees.subList(0, 3)).containsExactlyInAnyOrder(ann, bob, cleo);
    }

    /** Issue #4, bad input: a rule's user ids must be members of the inbox (directly or through a team). */
    @Test
    void a_rule_naming_someone_outside_the_inbox_is_refused_and_nothing_is_stored() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String viaTeam = t.user("Tess");
        String outsider = t.user("Outsider");
        String team = t.team("Tier 1", List.of(viaTeam));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of(team));
        Api.Response refused = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "SPECIFIC",
                "userIds", List.of(ann, outsider), "strategy", "BALANCED"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("userIds");
        assertThat(refused.text("detail")).contains(outsider).contains("not members");
        Api.Response fallback = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode",
                "CONTACT_OWNER", "fallback", Map.of("userIds", List.of(outsider), "strategy", "BALANCED")));
        assertThat(fallback.status()).isEqualTo(400);
        assertThat(fallback.text("field")).isEqualTo("fallback.userIds");
        assertThat(t.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("allMembers").asBoolean())
                .isTrue();
        // a member directly and one through a team are taken
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "SPECIFIC",
                "userIds", List.of(ann, viaTeam), "strategy", "BALANCED")).status()).isEqualTo(200);
        // 20,000 unknown ids: the error names the first ten and counts the rest
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            unknown.add(java.util.UUID.randomUUID().toString());
        }
        Api.Response many = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "SPECIFIC",
                "userIds", unknown, "strategy", "BALANCED"));
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.raw().length()).isLessThan(3_000);
        assertThat(many.text("detail")).contains("(19990 more)");
    }

    @Test
    void rule_none_leaves_conversations_unassigned_and_contact_owner_falls_back() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String owner = t.user("Owner");
        String inbox = t.inbox("Help", List.of("EMAIL", "FORM"), List.of(ann, owner), List.of());
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/FORM", Map.of("mode", "NONE"));
        Api.Response form = t.admin.post("/api/v1/conversations", conversation(inbox, "FORM", "f1"));
        assertThat(form.text("assigneeId")).isNull();
        assertThat(form.body().get("routing").get("mode").asString()).isEqualTo("NONE");

        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER",
                "fallback", Map.of("userIds", List.of(ann), "strategy", "BALANCED")));
        Map<String, Object> owned = conversation(inbox, "EMAIL", "e1");
        owned.put("contact", Map.of("email", "vip@example.test", "ownerId", owner));
        assertThat(t.admin.post("/api/v1/conversations", owned).text("assigneeId")).isEqualTo(owner);

        t.signIn("Owner").put("/api/v1/users/" + owner + "/status", Map.of("status", "AWAY"));
        owned.put("externalId", "e2");
        Api.Response fallback = t.admin.post("/api/v1/conversations", owned);
        assertThat(fallback.text("assigneeId")).isEqualTo(ann);
        assertThat(reasonsOf(fallback.body().get("routing"), owner)).startsWith("SKIPPED [AWAY]");
        assertThat(fallback.body().get("routing").get("fallback").asString()).isEqualTo("SPECIFIC");

        // the owner, else anyone in the inbox
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER",
                "fallback", Map.of("allMembers", true, "strategy", "BALANCED"))).status()).isEqualTo(200);
        Api.Response read = t.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL");
        assertThat(read.body().get("fallback").get("allMembers").asBoolean()).isTrue();
        assertThat(read.body().get("fallback").get("userIds")).isEmpty();
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", read.body()).status()).isEqualTo(200);
        owned.put("externalId", "e2b");
        Api.Response anyone = t.admin.post("/api/v1/conversations", owned);
        assertThat(anyone.text("assigneeId")).isEqualTo(ann);
        assertThat(anyone.body().get("routing").get("fallback").asString()).isEqualTo("ALL_MEMBERS");
        Api.Response both = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER",
                "fallback", Map.of("allMembers", true, "userIds", List.of(ann), "strategy", "BALANCED")));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().toString()).contains("fallback.allMembers");

        // the owner only: it waits, and its trace says there was no one else to ask
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER"));
        owned.put("externalId", "e3");
        Api.Response ownerOnly = t.admin.post("/api/v1/conversations", owned);
        assertThat(ownerOnly.text("assigneeId")).isNull();
        assertThat(ownerOnly.body().get("routing").get("fallback").asString()).isEqualTo("NONE");

        // the FORM conversation is never drained
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(t.admin.get("/api/v1/conversations/" + form.id()).text("assigneeId")).isNull());
    }

    @Test
    void bad_input_is_a_problem_naming_the_field_and_nothing_is_stored() {
        Tenant t = newTenant();
        Tenant other = newTenant();
        String ann = t.user("Ann");
        String stranger = other.user("Stranger");
        String theirInbox = other.inbox("Theirs", List.of("EMAIL"), List.of(stranger), List.of());
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        Map<String, Object> foreignOwner = conversation(inbox, "EMAIL", "o");
        foreignOwner.put("contact", Map.of("ownerId", stranger));
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(conversation(inbox, "CHAT", "c"), "channel"),
                new Case(conversation(inbox, "PIGEON", "c"), "channel"),
                new Case(conversation(UUID.randomUUID().toString(), "EMAIL", "c"), "inboxId"),
                new Case(conversation(theirInbox, "EMAIL", "c"), "inboxId"),
                new Case(conversation("not-an-id", "EMAIL", "c"), "inboxId"),
                new Case(foreignOwner, "contact.ownerId"),
                new Case("{\"inboxId\": ", "body"),
                new Case(Map.of("channel", "EMAIL"), "inboxId"));
        for (Case c : cases) {
            Api.Response r = t.admin.post("/api/v1/conversations", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("errors").findValuesAsString("field")).as(c.toString()).contains(c.field());
        }
        assertThat(t.admin.get("/api/v1/conversations").body().get("total").asInt()).isZero();
        assertThat(other.admin.get("/api/v1/conversations").body().get("total").asInt()).isZero();

        Api.Response badRule = t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "userIds", List.of(stranger), "strategy", "BALANCED"));
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.text("field")).isEqualTo("userIds");
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/CHAT",
                Map.of("mode", "NONE")).text("field")).isEqualTo("channel");
        assertThat(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "strategy", "BALANCED")).text("field")).isEqualTo("userIds");
        assertThat(t.signIn("Ann").put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "NONE")).status()).isEqualTo(403);
        assertThat(t.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("allMembers").asBoolean()).isTrue();
        assertThat(t.admin.get("/api/v1/conversations/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
