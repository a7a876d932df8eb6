package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who is a member changes (a third audit, 2026-12-01): someone removed from an inbox — directly, by leaving a member
 * team, or by the team's deletion — kept its open conversations, could not act on them and carried them against their
 * limit; a new team member waited for the sweep; a team a rule named could be deleted, leaving a rule that routed to
 * nobody and could not be saved back. {@link QueueWorker#drainPending} is what the change's own triggers do (the
 * periodic sweep is not run here).
 */
class MembershipChangesTest extends IntegrationTest {

    @Autowired
    QueueWorker worker;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> conversation(String inbox, String externalId) {
        return Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", externalId);
    }

    private static String assignee(Tenant t, String id) {
        return t.admin.get("/api/v1/conversations/" + id).text("assigneeId");
    }

    @Test
    void someone_removed_from_the_inbox_gives_back_what_they_held() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        String routed = t.admin.post("/api/v1/conversations", conversation(inbox, "r")).id();
        String manual = t.admin.post("/api/v1/conversations", conversation(inbox, "m")).id();
        t.admin.patch("/api/v1/conversations/" + manual, Map.of("assigneeId", ann));
        assertThat(assignee(t, routed)).isEqualTo(ann);

        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(bob)));
        worker.drainPending();
        assertThat(assignee(t, routed)).isEqualTo(bob);
        assertThat(assignee(t, manual)).isEqualTo(bob);
        Api.Response history = t.admin.get("/api/v1/conversations/" + routed + "/history");
        assertThat(history.body().toString()).contains("UNASSIGNED").contains("NOT_MEMBER");
        assertThat(t.admin.get("/api/v1/conversations?assigneeId=" + ann + "&status=OPEN").body().get("total").asInt())
                .isZero();
    }

    @Test
    void leaving_a_member_team_or_its_deletion_gives_back_what_they_held_and_joining_one_drains_the_queue() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        String tier1 = t.team("Tier 1", List.of(ann));
        String tier2 = t.team("Tier 2", List.of(cleo));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(bob), List.of(tier1, tier2));
        t.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        t.admin.put("/api/v1/users/" + cleo + "/status", Map.of("status", "AWAY"));
        String held = t.admin.post("/api/v1/conversations", conversation(inbox, "h")).id();
        assertThat(assignee(t, held)).isEqualTo(ann);

        // Ann leaves Tier 1: nobody else is available, so it waits rather than stay with her
        t.admin.patch("/api/v1/teams/" + tier1, Map.of("memberIds", List.of()));
        worker.drainPending();
        assertThat(assignee(t, held)).isNull();

        // Bob joins Tier 1 and is available: the queue drains at once, not at the next sweep
        t.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", "AVAILABLE"));
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of()));
        worker.drainPending();
        assertThat(assignee(t, held)).isNull();
        t.admin.patch("/api/v1/teams/" + tier1, Map.of("memberIds", List.of(bob)));
        worker.drainPending();
        assertThat(assignee(t, held)).isEqualTo(bob);

        // Tier 1 is deleted: Bob is no member any more; Cleo (Tier 2) is back and takes it
        t.admin.put("/api/v1/users/" + cleo + "/status", Map.of("status", "AVAILABLE"));
        worker.drainPending();
        assertThat(t.admin.delete("/api/v1/teams/" + tier1).status()).isEqualTo(204);
        worker.drainPending();
        assertThat(assignee(t, held)).isEqualTo(cleo);
    }

    @Test
    void a_team_named_by_a_rule_is_not_deleted_until_the_rule_lets_go_of_it() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String team = t.team("Nights", List.of(ann));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "teamIds", List.of(team), "strategy", "BALANCED"));

        Api.Response refused = t.admin.delete("/api/v1/teams/" + team);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().toString()).contains("Help (EMAIL)");
        assertThat(t.admin.get("/api/v1/teams/" + team).status()).isEqualTo(200);
        assertThat(t.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("teamIds").toString())
                .contains(team);

        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "userIds", List.of(ann), "strategy", "BALANCED"));
        assertThat(t.admin.delete("/api/v1/teams/" + team).status()).isEqualTo(204);
    }

    @Test
    void a_rule_saved_while_its_team_is_deleted_never_names_a_team_that_is_gone() throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 15; trial++) {
                String team = t.team("Race " + trial, List.of(ann));
                var deleted = pool.submit(() -> t.admin.delete("/api/v1/teams/" + team).status());
                var saved = pool.submit(() -> t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                        Map.of("mode", "SPECIFIC", "teamIds", List.of(team), "strategy", "BALANCED")).status());
                int d = deleted.get();
                int r = saved.get();
                assertThat(List.of(d, r)).as("no 500s").allSatisfy(code -> assertThat(code).isLessThan(500));
                String rule = t.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().toString();
                if (d == 204) {
                    assertThat(r).as("saved after the delete: refused").isEqualTo(400);
                    assertThat(rule).doesNotContain(team);
                } else {
                    assertThat(d).as("deleted after the save: refused").isEqualTo(409);
                    assertThat(r).isEqualTo(200);
                }
                t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "NONE"));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void a_rule_of_an_archived_inbox_does_not_keep_a_team_from_being_deleted() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String team = t.team("Nights", List.of(ann));
        String inbox = t.inbox("Old", List.of("EMAIL"), List.of(ann), List.of());
        t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                Map.of("mode", "SPECIFIC", "teamIds", List.of(team), "strategy", "BALANCED"));
        assertThat(t.admin.delete("/api/v1/inboxes/" + inbox).status()).isEqualTo(204);
        assertThat(t.admin.delete("/api/v1/teams/" + team).status()).isEqualTo(204);
    }

    @Test
    void an_assignment_that_raced_a_removal_is_taken_back_on_the_second_look() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        t.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "race")).id();
        t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "CLOSED"));
        t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(bob)));
        worker.drainPending();
        // what a transaction that read the members before the removal and committed after its take-back leaves
        jdbc.sql("update conversation set status = 'OPEN', closed_at = null where id = cast(:id as uuid)")
                .param("id", id).update();
        jdbc.sql("update user_load set open_count = open_count + 1 where user_id = cast(:u as uuid)").param("u", ann).update();
        t.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", "AVAILABLE"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            worker.drainPending();
            assertThat(assignee(t, id)).isEqualTo(bob);
        });
        assertThat(t.admin.get("/api/v1/conversations/" + id + "/history").body().toString()).contains("NOT_MEMBER");
    }

    @Test
    void the_history_of_a_close_names_the_limit_in_force() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("maxOpenConversations", 5));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of());
        String id = t.admin.post("/api/v1/conversations", conversation(inbox, "lim")).id();
        t.admin.patch("/api/v1/conversations/" + id, Map.of("status", "CLOSED"));
        var history = t.admin.get("/api/v1/conversations/" + id + "/history").body();
        var closed = history.get(history.size() - 1);
        assertThat(closed.get("kind").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("limit").asInt()).isEqualTo(5);
        assertThat(closed.get("openAfter").asInt()).isZero();
    }
}
