package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An answer for a past instant uses the status setting in force then, not only the last one, and a timeline changes
 * at each setting made inside its window — as the status history records them (found by an audit, 2026-12-01).
 */
class PastStatusTest extends IntegrationTest {

    @Test
    void a_past_instant_is_answered_with_the_setting_in_force_then() {
        Instant start = Instant.parse("2027-01-05T09:00:00Z"); // a Tuesday, 10:00 in Amsterdam
        clock.set(start);
        Tenant t = newTenant();
        String ann = t.user("Ann");
        t.admin.put("/api/v1/users/" + ann + "/working-hours", AvailabilityApiTest.nineToFive("Europe/Amsterdam"));
        Instant mine = start.plusSeconds(600);
        Instant admins = start.plusSeconds(1200);
        clock.set(mine);
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        clock.set(admins);
        t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        clock.set(start.plusSeconds(1800));

        assertThat(statusAt(t, ann, start.plusSeconds(300))).isEqualTo("AVAILABLE WORKING_HOURS");
        assertThat(statusAt(t, ann, mine.plusSeconds(5))).isEqualTo("AWAY MANUAL");
        assertThat(statusAt(t, ann, admins.plusSeconds(5))).isEqualTo("AWAY SET_BY_ADMIN");
        // the explanation names the admin, not their id
        String explained = t.admin.get("/api/v1/users/" + ann + "/availability").text("explanation");
        assertThat(explained).startsWith("Away — set by an admin (").doesNotContain(t.adminId);

        JsonNode intervals = t.admin.get("/api/v1/users/" + ann + "/availability/timeline?from=" + start + "&to="
                + start.plusSeconds(3600)).body().get("intervals");
        List<String> seen = new ArrayList<>();
        for (JsonNode i : intervals) {
            seen.add(i.get("from").asString() + " " + i.get("status").asString() + " " + i.get("reason").asString());
        }
        assertThat(seen).containsExactly(start + " AVAILABLE WORKING_HOURS", mine + " AWAY MANUAL",
                admins + " AWAY SET_BY_ADMIN");
        assertThat(intervals.get(2).get("to").asString()).isEqualTo(start.plusSeconds(3600).toString());
    }

    private static String statusAt(Tenant t, String user, Instant at) {
        JsonNode answer = t.admin.get("/api/v1/users/" + user + "/availability?at=" + at).body();
        return answer.get("status").asString() + " " + answer.get("reason").asString();
    }
}
