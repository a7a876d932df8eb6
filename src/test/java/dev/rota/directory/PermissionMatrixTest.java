package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Super admins manage the directory; other users read it and edit only their own name, zone and password. */
class PermissionMatrixTest extends IntegrationTest {

    @Test
    void a_regular_user_reads_the_directory_but_changes_nothing_in_it() {
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("permissions", List.of("AVAILABILITY_MANAGEMENT")));
        String bob = t.user("Bob");
        String team = t.team("Support", List.of(bob));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(bob), List.of());
        Api annApi = t.signIn("Ann");

        assertThat(annApi.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/users/" + bob).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/teams").status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/teams/" + team).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/inboxes").status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/inboxes/" + inbox).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/account").status()).isEqualTo(200);

        List<Api.Response> writes = List.of(
                annApi.post("/api/v1/users", Map.of("email", "new@example.test", "name", "New")),
                annApi.patch("/api/v1/users/" + bob, Map.of("name", "Changed")),
                annApi.delete("/api/v1/users/" + bob),
                annApi.patch("/api/v1/users/" + ann, Map.of("role", "SUPER_ADMIN")),
                annApi.patch("/api/v1/users/" + ann, Map.of("seat", "SERVICE")),
                annApi.patch("/api/v1/users/" + ann, Map.of("maxOpenConversations", 100)),
                annApi.post("/api/v1/teams", Map.of("name", "Mine")),
                annApi.patch("/api/v1/teams/" + team, Map.of("name", "Changed")),
                annApi.delete("/api/v1/teams/" + team),
                annApi.post("/api/v1/inboxes", Map.of("name", "Mine", "channels", List.of("EMAIL"))),
                annApi.patch("/api/v1/inboxes/" + inbox, Map.of("name", "Changed")),
                annApi.delete("/api/v1/inboxes/" + inbox),
                annApi.patch("/api/v1/account", Map.of("plan", "ENTERPRISE")));
        for (Api.Response r : writes) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(t.admin.get("/api/v1/users/" + bob).text("name")).isEqualTo("Bob");
        assertThat(t.admin.get("/api/v1/users/" + ann).text("role")).isEqualTo("USER");
        assertThat(t.admin.get("/api/v1/account").text("plan")).isEqualTo("FREE");
        assertThat(t.admin.get("/api/v1/users").body().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void a_user_edits_their_own_name_time_zone_and_password() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        Api.Response r = annApi.patch("/api/v1/users/" + ann, Map.of("name", "Ann B.", "timeZone", "Asia/Kolkata",
                "password", "a-new-password", "currentPassword", t.password("Ann")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("timeZone")).isEqualTo("Asia/Kolkata");
        String email = t.admin.get("/api/v1/users/" + ann).text("email");
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", email, "password", "a-new-password")).status())
                .isEqualTo(201);
    }

    @Test
    void a_super_admin_promotes_another_user_who_then_manages_the_directory() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        assertThat(t.admin.patch("/api/v1/users/" + ann, Map.of("role", "SUPER_ADMIN")).status()).isEqualTo(200);
        Api annApi = t.signIn("Ann");
        assertThat(annApi.post("/api/v1/teams", Map.of("name", "Ann's team")).status()).isEqualTo(201);
        // now there are two super admins, so the first may step down
        assertThat(t.admin.patch("/api/v1/users/" + t.adminId, Map.of("role", "USER")).status()).isEqualTo(200);
    }
}
