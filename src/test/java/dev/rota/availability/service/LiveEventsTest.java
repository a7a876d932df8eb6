package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LiveEventsTest extends IntegrationTest {

    @Test
    void a_connected_client_receives_its_accounts_status_changes_and_no_others() throws Exception {
        Tenant mine = newTenant();
        Tenant other = newTenant();
        String ann = mine.user("Ann");
        String stranger = other.user("Stranger");
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + mine.admin.token()).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // stream closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.startsWith("event:hello")));

        other.signIn("Stranger").put("/api/v1/users/" + stranger + "/status", Map.of("status", "AWAY"));
        mine.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .anyMatch(l -> l.startsWith("data:") && l.contains(ann) && l.contains("\"status\":\"AWAY\"")
                        && l.contains("\"reason\":\"MANUAL\"")));
        assertThat(lines).contains("event:status");
        assertThat(lines).noneMatch(l -> l.contains(stranger));
        response.body().close();
    }
}
