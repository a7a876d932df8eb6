package dev.rota.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bodies and values found mishandled by a black-box audit of the API (2026-12-01, round K): a YAML body got a 500 on
 * every MVC endpoint, a field sent twice was taken the last time, bodies had no size limit outside ingestion, control
 * characters and impossible emails and ports were stored, and a huge bad value was echoed back twice.
 */
class RequestBodiesTest extends IntegrationTest {

    private static void refused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("errors").findValuesAsString("field")).as(r.toString()).contains(field);
    }

    private HttpResponse<String> raw(String method, String path, String token, Map<String, String> headers,
                                     HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void yaml_is_neither_read_nor_written() throws Exception {
        Tenant t = newTenant();
        for (String path : List.of("/api/v1/auth/tokens", "/api/v1/signup", "/api/v1/teams")) {
            HttpResponse<String> r = raw("POST", path, t.admin.token(), Map.of("Content-Type", "application/yaml"),
                    HttpRequest.BodyPublishers.ofString("name: a"));
            assertThat(r.statusCode()).as(path).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("https://rota.dev/problems/unsupported-media-type")
                    .contains("\"title\":\"Unsupported media type\"");
        }
        Api.Response asProblem = t.admin.send("GET", "/api/v1/account", null,
                Map.of("Accept", "application/problem+json"));
        assertThat(asProblem.status()).isEqualTo(200);
        assertThat(asProblem.contentType()).startsWith("application/json"); // a success is no problem
        Api.Response yaml = t.admin.send("GET", "/api/v1/account", null, Map.of("Accept", "application/yaml"));
        assertThat(yaml.status()).isEqualTo(406);
        assertThat(yaml.raw()).contains("https://rota.dev/problems/not-acceptable").doesNotContain("yaml");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
    }

    @Test
    void a_parsers_complaint_is_told_without_its_internals() {
        Tenant t = newTenant();
        for (String body : List.of("{\"name\":NaN}", "[".repeat(2_000), "{\"name\":\"a\"} {\"name\":\"b\"}")) {
            Api.Response r = t.admin.post("/api/v1/teams", body);
            refused(r, 400, "body");
            assertThat(r.text("detail")).as(r.raw()).startsWith("body: malformed JSON")
                    .doesNotContain("enable").doesNotContain("tools.jackson").doesNotContain("Source")
                    .doesNotContain("StreamReadConstraints");
        }
    }

    @Test
    void a_compressed_body_is_refused_as_such() throws Exception {
        Tenant t = newTenant();
        HttpResponse<String> r = raw("POST", "/api/v1/teams", t.admin.token(),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("Content-Encoding");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
        HttpResponse<String> ingest = raw("POST", "/api/v1/conversations", t.admin.token(),
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertThat(ingest.statusCode()).isEqualTo(415);
        assertThat(ingest.body()).contains("Content-Encoding");
    }

    @Test
    void a_field_sent_twice_is_refused_and_nothing_is_stored() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"first\",\"name\":\"second\"}"), 400, "body");
        refused(t.admin.patch("/api/v1/users/" + ann, "{\"role\":\"USER\",\"role\":\"SUPER_ADMIN\"}"), 400, "body");
        String inbox = t.inbox("Help", List.of("EMAIL", "CHAT"), List.of(ann), List.of());
        refused(t.admin.post("/api/v1/conversations", "{\"inboxId\":\"" + inbox
                + "\",\"channel\":\"EMAIL\",\"channel\":\"CHAT\"}"), 400, "body");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
        assertThat(t.admin.get("/api/v1/users/" + ann).text("role")).isEqualTo("USER");
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isZero();
    }

    @Test
    void a_body_past_a_mebibyte_is_refused_with_or_without_a_length_and_without_a_token() throws Exception {
        byte[] big = ("{\"email\":\"" + "a".repeat(RequestBodies.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = raw("POST", "/api/v1/auth/tokens", null,
                Map.of("Content-Type", "application/json"), HttpRequest.BodyPublishers.ofByteArray(big));
        assertThat(declared.statusCode()).isEqualTo(400);
        assertThat(declared.body()).contains("\"field\":\"body\"").contains("at most " + RequestBodies.MAX_BYTES);
        // sent chunked, without a length: cut off while it is read
        Tenant t = newTenant();
        HttpResponse<String> chunked = raw("POST", "/api/v1/teams", t.admin.token(),
                Map.of("Content-Type", "application/json"),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("{\"name\":\"x\",\"memberIds\":[" + "\"a\",".repeat(400_000) + "\"a\"]}")
                                .getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(chunked.body()).contains("\"field\":\"body\"").contains("at most");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
        // a body within the limit is read as before
        assertThat(t.admin.post("/api/v1/teams", Map.of("name", "x".repeat(200))).status()).isEqualTo(201);
    }

    @Test
    void control_characters_are_refused_in_names_and_titles_and_a_tab_is_taken() {
        Tenant t = newTenant();
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"a\\u0001b\"}"), 400, "name");
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"line\\nbreak\"}"), 400, "name");
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"esc\\u001b[31m\"}"), 400, "name");
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"c1\\u0085\"}"), 400, "name");
        assertThat(t.admin.post("/api/v1/teams", "{\"name\":\"tab\\tbed\"}").status()).isEqualTo(201);
        refused(t.admin.put("/api/v1/account/calendar-settings", "{\"outOfOfficeTitles\":[\"a\\ud800b\"]}"), 400,
                "outOfOfficeTitles[0]");
        refused(t.admin.put("/api/v1/account/calendar-settings", "{\"outOfOfficeTitles\":[\"OOO\",\"x\\ny\"]}"), 400,
                "outOfOfficeTitles[1]");
        assertThat(t.admin.get("/api/v1/account/calendar-settings").body().get("outOfOfficeTitles").toString())
                .doesNotContain("?").contains("Out of office");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void emails_beyond_the_standards_limits_or_with_invisible_characters_are_refused() {
        Tenant t = newTenant();
        for (String email : List.of("x".repeat(65) + "@b.io", "a@" + "x".repeat(64) + ".io", ".a@b.io", "a.@b.io",
                "a..b@c.io", "a\u200b@b.io")) {
            refused(t.admin.post("/api/v1/users", Map.of("email", email, "name", "N")), 400, "email");
        }
        assertThat(t.admin.post("/api/v1/users", Map.of("email", "x".repeat(64) + "@" + "y".repeat(63) + ".io",
                "name", "Long but fine")).status()).isEqualTo(201);
        assertThat(t.admin.post("/api/v1/users", Map.of("email", "first.last+tag@b.io", "name", "Dotted")).status())
                .isEqualTo(201);
    }

    @Test
    void a_url_with_an_impossible_port_is_refused() {
        Tenant t = newTenant();
        for (String url : List.of("https://93.184.216.34:99999/p", "https://93.184.216.34:0/p")) {
            refused(t.admin.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("assignment"))), 400,
                    "url");
        }
        assertThat(t.admin.get("/api/v1/webhooks").body().toString()).doesNotContain("93.184.216.34");
    }

    @Test
    void a_huge_bad_value_is_quoted_in_part() {
        Tenant t = newTenant();
        Api.Response r = t.admin.post("/api/v1/inboxes", Map.of("name", "Help", "channels", List.of("A".repeat(100_000))));
        refused(r, 400, "channels[0]");
        assertThat(r.raw().length()).isLessThan(2_000);
        assertThat(r.raw()).contains("A".repeat(64) + "…");
    }

    @Test
    void the_operator_token_is_forbidden_on_ingestion_and_its_405_lists_post() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        Api.Response r = operator().post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        Api.Response put = t.admin.put("/api/v1/conversations", Map.of());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
        assertThat(put.raw()).contains("https://rota.dev/problems/method-not-allowed");
    }

    @Test
    void ingestion_reads_the_declared_charset() throws Exception {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        byte[] latin1 = ("{\"inboxId\":\"" + inbox + "\",\"channel\":\"EMAIL\",\"subject\":\"café\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = raw("POST", "/api/v1/conversations", t.admin.token(),
                Map.of("Content-Type", "application/json; charset=ISO-8859-1"),
                HttpRequest.BodyPublishers.ofByteArray(latin1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("\"subject\":\"café\"");
    }
}
