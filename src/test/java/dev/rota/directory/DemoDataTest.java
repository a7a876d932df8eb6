package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DemoDataTest extends IntegrationTest {

    @Test
    void the_demo_account_has_teams_inboxes_and_twenty_users_in_three_time_zones() {
        Api.Response token = anonymous().post("/api/v1/auth/tokens",
                Map.of("email", "manager@demo.rota", "password", "demo-password"));
        assertThat(token.status()).isEqualTo(201);
        Api manager = anonymous().as(token.text("token"));
        Api.Response users = manager.get("/api/v1/users?size=100");
        assertThat(users.body().get("total").asInt()).isEqualTo(21);
        Set<String> zones = new HashSet<>();
        for (JsonNode u : users.body().get("items")) {
            zones.add(u.get("timeZone").asString());
        }
        assertThat(zones).containsExactlyInAnyOrder("Europe/Amsterdam", "America/New_York", "Asia/Tokyo");
        assertThat(manager.get("/api/v1/teams").body().get("total").asInt()).isEqualTo(4);
        assertThat(manager.get("/api/v1/inboxes").body().get("total").asInt()).isEqualTo(3);
        // everyone has working hours, so the screens have something to show
        for (JsonNode u : users.body().get("items")) {
            if (!u.get("email").asString().equals("manager@demo.rota")) {
                assertThat(manager.get("/api/v1/users/" + u.get("id").asString() + "/working-hours").body()
                        .get("ranges").size()).isGreaterThanOrEqualTo(5);
            }
        }
    }
}
