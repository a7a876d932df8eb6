package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The overnight backlog is spread over everyone whose shift starts, never dumped on the first one. */
class ShiftStartTest extends IntegrationTest {

    /** Tuesday 2026-03-03 07:59Z = 08:59 Amsterdam; hours start at 09:00. */
    static final Instant BEFORE_SHIFT = Instant.parse("2026-03-03T07:59:00Z");

    @Test
    void thirty_waiting_conversations_go_ten_to_each_of_three_agents_starting_together() {
        for (String strategy : List.of("BALANCED", "ROUND_ROBIN")) {
            clock.set(BEFORE_SHIFT);
            Tenant t = newTenant();
            List<String> agents = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
            for (String agent : agents) {
                t.admin.put("/api/v1/users/" + agent + "/working-hours", Map.of("timeZone", "Europe/Amsterdam",
                        "ranges", List.of(Map.of("day", "TUESDAY", "start", "09:00", "end", "17:00"))));
            }
            String inbox = t.inbox("Help", List.of("EMAIL"), agents, List.of());
            t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "SPECIFIC", "userIds", agents,
                    "strategy", strategy));
            for (int i = 0; i < 30; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                        "externalId", "night-" + i)).text("assigneeId")).isNull();
            }

            clock.set(Instant.parse("2026-03-03T08:00:01Z"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(t.admin
                    .get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt()).isZero());
            Map<String, Integer> perAgent = new HashMap<>();
            for (JsonNode c : t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
                perAgent.merge(c.get("assigneeId").asString(), 1, Integer::sum);
            }
            assertThat(perAgent.keySet()).as(strategy).containsExactlyInAnyOrderElementsOf(agents);
            assertThat(perAgent.values()).as(strategy).allSatisfy(n -> assertThat(n).isBetween(9, 11));
        }
    }

    @Test
    void agents_who_click_available_together_share_the_backlog_not_the_first_to_commit() throws Exception {
        Tenant t = newTenant();
        List<String> names = List.of("Ann", "Bob", "Cleo");
        List<String> agents = names.stream().map(t::user).toList();
        String inbox = t.inbox("Help", List.of("EMAIL"), agents, List.of());
        for (String agent : agents) {
            t.admin.put("/api/v1/users/" + agent + "/status", Map.of("status", "AWAY"));
        }
        for (int i = 0; i < 45; i++) {
            assertThat(t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                    "externalId", "meeting-" + i)).text("assigneeId")).isNull();
        }

        // the meeting ends: each comes back by their own request, at once (each commit alone would drain for one)
        List<java.util.concurrent.Callable<Integer>> back = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var api = t.signIn(names.get(i));
            String agent = agents.get(i);
            back.add(() -> api.put("/api/v1/users/" + agent + "/status", Map.of("status", "AVAILABLE")).status());
        }
        assertThat(atOnce(back)).containsOnly(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(t.admin
                .get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt()).isZero());
        Map<String, Integer> perAgent = new HashMap<>();
        for (JsonNode c : t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
            perAgent.merge(c.get("assigneeId").asString(), 1, Integer::sum);
        }
        assertThat(perAgent.keySet()).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(14, 16));
    }

    private Map<String, Integer> spread(Tenant t, String inbox) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(t.admin
                .get("/api/v1/conversations?inboxId=" + inbox + "&waiting=true").body().get("total").asInt()).isZero());
        Map<String, Integer> perAgent = new HashMap<>();
        for (JsonNode c : t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
            perAgent.merge(c.get("assigneeId").asString(), 1, Integer::sum);
        }
        return perAgent;
    }

    /**
     * QA (round J): a change elsewhere in the account (an unrelated team's members) drained the inbox at once while
     * its people were coming back one after another, and the first took the whole backlog.
     */
    @Test
    void a_change_elsewhere_does_not_drain_the_backlog_onto_whoever_came_back_first() throws Exception {
        Tenant t = newTenant();
        List<String> names = List.of("Ann", "Bob", "Cleo");
        List<String> agents = names.stream().map(t::user).toList();
        String inbox = t.inbox("Help", List.of("EMAIL"), agents, List.of());
        String elsewhere = t.team("Elsewhere", List.of());
        String someone = t.user("Someone");
        for (String agent : agents) {
            t.admin.put("/api/v1/users/" + agent + "/status", Map.of("status", "AWAY"));
        }
        for (int i = 0; i < 12; i++) {
            t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "b-" + i));
        }
        List<Api> them = names.stream().map(t::signIn).toList();
        t.admin.patch("/api/v1/teams/" + elsewhere, Map.of("memberIds", List.of(someone)));
        // right after it, all three come back at once (each by their own request: a loaded machine must not spread
        // them past the settle)
        List<java.util.concurrent.Callable<Integer>> back = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api api = them.get(i);
            String agent = agents.get(i);
            back.add(() -> api.put("/api/v1/users/" + agent + "/status", Map.of("status", "AVAILABLE")).status());
        }
        assertThat(atOnce(back)).containsOnly(200);
        Map<String, Integer> perAgent = spread(t, inbox);
        assertThat(perAgent.keySet()).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(3, 5));
    }

    /** QA (round J): seats given (or people reactivated) one after another gave the first the whole backlog. */
    @Test
    void seats_given_and_people_reactivated_one_after_another_share_the_backlog() {
        for (String change : List.of("seat", "active")) {
            Tenant t = newTenant();
            List<String> agents = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
            String inbox = t.inbox("Help", List.of("EMAIL"), agents, List.of());
            for (String agent : agents) {
                t.admin.patch("/api/v1/users/" + agent, change.equals("seat") ? Map.of("seat", "NONE")
                        : Map.of("active", false));
            }
            for (int i = 0; i < 12; i++) {
                t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                        "externalId", change + "-" + i));
            }
            for (String agent : agents) {
                t.admin.patch("/api/v1/users/" + agent, change.equals("seat") ? Map.of("seat", "SERVICE")
                        : Map.of("active", true));
            }
            Map<String, Integer> perAgent = spread(t, inbox);
            assertThat(perAgent.keySet()).as(change).containsExactlyInAnyOrderElementsOf(agents);
            assertThat(perAgent.values()).as(change).allSatisfy(n -> assertThat(n).isBetween(3, 5));
        }
    }

    /** QA (round M): limits raised at once (a manager giving several people room) gave the first the whole backlog. */
    @Test
    void limits_raised_together_share_the_backlog() throws Exception {
        Tenant t = newTenant();
        List<String> agents = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
        String inbox = t.inbox("Help", List.of("EMAIL"), agents, List.of());
        for (String agent : agents) {
            t.admin.patch("/api/v1/users/" + agent, Map.of("maxOpenConversations", 1));
        }
        for (int i = 0; i < 15; i++) { // three of them taken at once, one each: then everyone is at their limit
            t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "l-" + i));
        }
        Map<String, Object> none = new HashMap<>();
        none.put("maxOpenConversations", null);
        assertThat(atOnce(agents.stream().<java.util.concurrent.Callable<Integer>>map(agent ->
                () -> t.admin.patch("/api/v1/users/" + agent, none).status()).toList())).containsOnly(200);
        Map<String, Integer> perAgent = spread(t, inbox);
        assertThat(perAgent.keySet()).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(perAgent.values()).allSatisfy(n -> assertThat(n).isBetween(4, 6));
    }

    /** QA (round J): a drain's later conversations left eligible people out of their trace without counting them. */
    @Test
    void every_step_of_a_drain_lists_or_counts_each_eligible_candidate() {
        Tenant t = newTenant();
        String away = t.user("Away");
        t.admin.put("/api/v1/users/" + away + "/status", Map.of("status", "AWAY"));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(away), List.of());
        for (int i = 0; i < 6; i++) {
            t.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "d-" + i));
        }
        List<String> joining = List.of(t.user("Ann"), t.user("Bob"), t.user("Cleo"));
        List<String> members = new java.util.ArrayList<>(joining);
        members.add(away);
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", members));
        spread(t, inbox);
        for (JsonNode c : t.admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
            JsonNode trace = c.get("routing");
            Set<String> listed = new java.util.HashSet<>();
            int eligibleListed = 0;
            for (JsonNode candidate : trace.get("candidates")) {
                listed.add(candidate.get("userId").asString());
                boolean skippedForGood = candidate.get("outcome").asString().equals("SKIPPED") && !candidate
                        .get("reasons").findValuesAsString("reason").contains("NOT_CHOSEN");
                eligibleListed += skippedForGood ? 0 : 1;
            }
            assertThat(listed).as(trace.toString()).contains(away, c.get("assigneeId").asString());
            assertThat(eligibleListed + trace.get("runnersUpNotListed").asInt()).as(trace.toString()).isEqualTo(3);
        }
    }

    /** Runs the calls at the same moment, each on its own thread (a loaded machine must not spread them); their answers. */
    private static List<Integer> atOnce(List<java.util.concurrent.Callable<Integer>> calls) throws Exception {
        var start = new java.util.concurrent.CyclicBarrier(calls.size());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (var call : calls) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
