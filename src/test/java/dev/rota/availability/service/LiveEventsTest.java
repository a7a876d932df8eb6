package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.EventStream;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LiveEventsTest extends IntegrationTest {

    @Test
    void a_connected_client_receives_its_accounts_status_changes_and_no_others() throws Exception {
        Tenant mine = newTenant();
        Tenant other = newTenant();
        String ann = mine.user("Ann");
        String stranger = other.user("Stranger");
        EventStream events = EventStream.open(port, mine.admin.token());
        List<String> lines = events.lines();

        other.signIn("Stranger").put("/api/v1/users/" + stranger + "/status", Map.of("status", "AWAY"));
        mine.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .anyMatch(l -> l.startsWith("data:") && l.contains(ann) && l.contains("\"status\":\"AWAY\"")
                        && l.contains("\"reason\":\"MANUAL\"")));
        assertThat(lines).contains("event:status");
        assertThat(lines).noneMatch(l -> l.contains(stranger));
        events.close();
    }

    @Test
    void a_stream_ends_when_its_user_is_deactivated_or_its_token_revoked(CapturedOutput output) throws Exception {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        EventStream bobs = EventStream.open(port, t.signIn("Bob").token());
        var cleoApi = t.signIn("Cleo");
        EventStream cleos = EventStream.open(port, cleoApi.token());

        t.admin.patch("/api/v1/users/" + bob, Map.of("active", false));
        assertThat(cleoApi.delete("/api/v1/auth/tokens/current").status()).isLessThan(300);
        // events keep coming; neither stream may carry them for long (a stream's right is checked every 2 s)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            t.admin.put("/api/v1/users/" + ann + "/status",
                    Map.of("status", t.admin.get("/api/v1/users/" + ann + "/availability").text("status")
                            .equals("AWAY") ? "AVAILABLE" : "AWAY"));
            return bobs.ended() && cleos.ended();
        });
        EventStream admins = EventStream.open(port, t.admin.token());
        assertThat(admins.ended()).isFalse();
        admins.close();
        // a client that went away: found out at the next event
        for (int i = 0; i < 3; i++) {
            t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", i % 2 == 0 ? "AWAY" : "AVAILABLE"));
            Thread.sleep(500);
        }
        // streams that end, however, are not errors: nothing in the log
        assertThat(output.getOut() + output.getErr()).doesNotContain("Access Denied").doesNotContain("already committed")
                .doesNotContain(" ERROR ");
    }
}
