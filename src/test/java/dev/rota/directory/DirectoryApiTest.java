package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryApiTest extends IntegrationTest {

    @Test
    void a_super_admin_creates_reads_updates_and_deactivates_a_user() {
        Tenant t = newTenant();
        Api.Response created = t.admin.post("/api/v1/users", Map.of("email", "ann@example.test", "name", "Ann",
                "seat", "SERVICE", "timeZone", "America/New_York", "permissions", List.of("AVAILABILITY_MANAGEMENT"),
                "maxOpenConversations", 5));
        assertThat(created.status()).isEqualTo(201);
        String id = created.id();
        Api.Response read = t.admin.get("/api/v1/users/" + id);
        assertThat(read.text("timeZone")).isEqualTo("America/New_York");
        assertThat(read.body().get("maxOpenConversations").asInt()).isEqualTo(5);
        assertThat(read.text("role")).isEqualTo("USER");

        Map<String, Object> noLimit = new HashMap<>();
        noLimit.put("maxOpenConversations", null);
        noLimit.put("name", "Ann Smith");
        Api.Response patched = t.admin.patch("/api/v1/users/" + id, noLimit);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("maxOpenConversations").isNull()).isTrue();
        assertThat(patched.text("name")).isEqualTo("Ann Smith");
        assertThat(patched.text("timeZone")).isEqualTo("America/New_York");

        assertThat(t.admin.delete("/api/v1/users/" + id).status()).isEqualTo(200);
        assertThat(t.admin.get("/api/v1/users/" + id).body().get("active").asBoolean()).isFalse();
    }

    @Test
    void users_are_listed_in_pages_and_searchable() {
        Tenant t = newTenant();
        for (int i = 0; i < 5; i++) {
            t.user("Member " + i);
        }
        Api.Response page = t.admin.get("/api/v1/users?size=2&page=1");
        assertThat(page.body().get("items").size()).isEqualTo(2);
        assertThat(page.body().get("total").asInt()).isEqualTo(6);
        assertThat(t.admin.get("/api/v1/users?q=member%203").body().get("total").asInt()).isEqualTo(1);
        assertThat(t.admin.get("/api/v1/users?size=0").status()).isEqualTo(400);
    }

    @Test
    void bad_user_input_is_a_problem_naming_the_field_and_nothing_is_saved() {
        Tenant t = newTenant();
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"email\": ", "body"),
                new Case(Map.of("name", "No Email"), "email"),
                new Case(Map.of("email", "x@example.test"), "name"),
                new Case(Map.of("email", "x@example.test", "name", "X", "seat", "PLATINUM"), "seat"),
                new Case(Map.of("email", "x@example.test", "name", "X", "role", "GOD"), "role"),
                new Case(Map.of("email", "x@example.test", "name", "X", "timeZone", "Mars/Base"), "timeZone"),
                new Case(Map.of("email", "x@example.test", "name", "X", "timeZone", "+02:00"), "timeZone"),
                new Case(Map.of("email", "x@example.test", "name", "X", "maxOpenConversations", -1), "maxOpenConversations"),
                new Case(Map.of("email", "x@example.test", "name", "X", "maxOpenConversations", "ten"), "maxOpenConversations"),
                new Case(Map.of("email", "x@example.test", "name", "X", "permissions", List.of("EVERYTHING")), "permissions[0]"),
                new Case(Map.of("email", "x@example.test", "name", "X", "nickname", "x"), "nickname"),
                new Case(List.of(1, 2), "body"));
        for (Case c : cases) {
            Api.Response r = t.admin.post("/api/v1/users", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.contentType()).as(c.toString()).startsWith("application/problem+json");
            assertThat(r.body().get("errors").findValuesAsString("field")).as(c.toString()).contains(c.field());
        }
        assertThat(t.admin.get("/api/v1/users").body().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void a_duplicate_email_is_a_conflict_whatever_its_case() {
        Tenant t = newTenant();
        t.admin.post("/api/v1/users", Map.of("email", "dup@example.test", "name", "One"));
        Api.Response r = t.admin.post("/api/v1/users", Map.of("email", "DUP@example.test", "name", "Two"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("field")).isEqualTo("email");
    }

    @Test
    void the_last_super_admin_cannot_be_demoted_or_deactivated() {
        Tenant t = newTenant();
        assertThat(t.admin.patch("/api/v1/users/" + t.adminId, Map.of("role", "USER")).status()).isEqualTo(409);
        assertThat(t.admin.delete("/api/v1/users/" + t.adminId).status()).isEqualTo(409);
        assertThat(t.admin.get("/api/v1/users/" + t.adminId).text("role")).isEqualTo("SUPER_ADMIN");
    }

    @Test
    void teams_hold_members_and_nest_without_cycles() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String support = t.team("Support", List.of(ann));
        Api.Response tier2 = t.admin.post("/api/v1/teams", Map.of("name", "Tier 2", "parentId", support, "memberIds", List.of(bob)));
        assertThat(tier2.status()).isEqualTo(201);
        assertThat(tier2.text("parentId")).isEqualTo(support);

        Api.Response cycle = t.admin.patch("/api/v1/teams/" + support, Map.of("parentId", tier2.id()));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.text("field")).isEqualTo("parentId");

        Api.Response renamed = t.admin.patch("/api/v1/teams/" + support, Map.of("name", "Support EU", "memberIds", List.of(ann, bob)));
        assertThat(renamed.text("name")).isEqualTo("Support EU");
        assertThat(renamed.body().get("memberIds").size()).isEqualTo(2);

        Api.Response unknownMember = t.admin.post("/api/v1/teams", Map.of("name", "X", "memberIds", List.of("00000000-0000-0000-0000-000000000001")));
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.text("field")).isEqualTo("memberIds");

        assertThat(t.admin.delete("/api/v1/teams/" + support).status()).isEqualTo(204);
        assertThat(t.admin.get("/api/v1/teams/" + support).status()).isEqualTo(404);
        assertThat(t.admin.get("/api/v1/teams/" + tier2.id()).body().get("parentId").isNull()).isTrue();
    }

    @Test
    void inboxes_have_channels_and_members() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String team = t.team("Support", List.of());
        Api.Response created = t.admin.post("/api/v1/inboxes", Map.of("name", "Help desk", "channels", List.of("EMAIL", "CHAT"),
                "memberUserIds", List.of(ann), "memberTeamIds", List.of(team)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("channels").size()).isEqualTo(2);
        String id = created.id();

        Api.Response patched = t.admin.patch("/api/v1/inboxes/" + id, Map.of("channels", List.of("WHATSAPP"), "memberUserIds", List.of()));
        assertThat(patched.body().get("channels").get(0).asString()).isEqualTo("WHATSAPP");
        assertThat(patched.body().get("memberUserIds").size()).isZero();
        assertThat(patched.body().get("memberTeamIds").size()).isEqualTo(1);

        Api.Response badChannel = t.admin.post("/api/v1/inboxes", Map.of("name", "X", "channels", List.of("PIGEON")));
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.text("field")).isEqualTo("channels[0]");
        Api.Response noChannels = t.admin.post("/api/v1/inboxes", Map.of("name", "X"));
        assertThat(noChannels.text("field")).isEqualTo("channels");

        assertThat(t.admin.get("/api/v1/inboxes").body().get("total").asInt()).isEqualTo(1);
        assertThat(t.admin.delete("/api/v1/inboxes/" + id).status()).isEqualTo(204);
        assertThat(t.admin.get("/api/v1/inboxes/" + id).status()).isEqualTo(404);
        assertThat(t.admin.get("/api/v1/inboxes").body().get("total").asInt()).isZero();
    }

    @Test
    void a_super_admin_changes_the_account_settings_and_only_the_operator_its_plan() {
        Tenant t = newTenant();
        Api.Response r = t.admin.patch("/api/v1/account", Map.of("plan", "FREE", "keepManualAwayAcrossShifts", true,
                "defaultMaxOpenConversations", 7, "timeZone", "Asia/Tokyo"));
        assertThat(r.status()).isEqualTo(200); // the plan it has: no change
        assertThat(r.body().get("defaultMaxOpenConversations").asInt()).isEqualTo(7);
        assertThat(t.admin.patch("/api/v1/account", Map.of("plan", "DIAMOND")).text("field")).isEqualTo("plan");

        // an upgrade is bought, not granted to oneself: refused as a whole, naming the plan
        Api.Response upgrade = t.admin.patch("/api/v1/account", Map.of("plan", "ENTERPRISE", "name", "Renamed"));
        assertThat(upgrade.status()).isEqualTo(403);
        assertThat(upgrade.text("field")).isEqualTo("plan");
        assertThat(upgrade.text("type")).endsWith("/plan-change");
        assertThat(t.admin.get("/api/v1/account").text("plan")).isEqualTo("FREE");
        assertThat(t.admin.get("/api/v1/account").text("name")).doesNotContain("Renamed");

        Api.Response set = t.setPlan("PROFESSIONAL");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.text("plan")).isEqualTo("PROFESSIONAL");
        assertThat(t.admin.get("/api/v1/account").text("plan")).isEqualTo("PROFESSIONAL");
        assertThat(operator().get("/api/v1/operator/accounts/" + t.accountId).text("plan")).isEqualTo("PROFESSIONAL");
        assertThat(operator().put("/api/v1/operator/accounts/" + t.accountId + "/plan", Map.of("plan", "GOLD"))
                .text("field")).isEqualTo("plan");
        assertThat(operator().put("/api/v1/operator/accounts/" + java.util.UUID.randomUUID() + "/plan",
                Map.of("plan", "FREE")).status()).isEqualTo(404);
    }

    @Test
    void the_operator_token_opens_the_operator_api_only_and_nothing_else_opens_it() {
        Tenant t = newTenant();
        String path = "/api/v1/operator/accounts/" + t.accountId + "/plan";
        // the account's own super admin, a wrong token, no token
        assertThat(t.admin.put(path, Map.of("plan", "ENTERPRISE")).status()).isEqualTo(403);
        assertThat(anonymous().as(OPERATOR_TOKEN + "x").put(path, Map.of("plan", "ENTERPRISE")).status()).isEqualTo(401);
        assertThat(anonymous().put(path, Map.of("plan", "ENTERPRISE")).status()).isEqualTo(401);
        assertThat(t.admin.get("/api/v1/account").text("plan")).isEqualTo("FREE");
        // the operator is nobody's user: an account's data stays closed to it
        for (String other : List.of("/api/v1/account", "/api/v1/users", "/api/v1/conversations", "/api/v1/webhooks")) {
            Api.Response r = operator().get(other);
            assertThat(r.status()).as(other).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void the_openapi_description_and_health_are_served() {
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/v1/users")).isTrue();
        Api.Response health = anonymous().get("/actuator/health");
        assertThat(health.text("status")).isEqualTo("UP");
    }
}
