package dev.rota.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/conversations} is served ahead of Spring Security and Spring MVC ({@link IngestEndpoint}):
 * it must answer exactly as every other API call does — authentication, headers, problem details, metrics,
 * the OpenAPI description.
 */
class IngestEndpointTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    private HttpResponse<String> post(String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/conversations"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void without_a_valid_token_it_is_401_as_everywhere_and_nothing_is_stored() throws Exception {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        String body = JSON.writeValueAsString(Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "x"));
        for (String token : new String[] {null, "not-a-token"}) {
            HttpResponse<String> r = post(token, "application/json", body);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("application/problem+json"));
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(JSON.readTree(r.body()).get("type").asString()).endsWith("/unauthenticated");
        }
        // the same answer as another API call without a token
        Api.Response users = anonymous().get("/api/v1/users");
        assertThat(users.status()).isEqualTo(401);
        assertThat(users.body().get("type").asString()).endsWith("/unauthenticated");
        assertThat(t.admin.get("/api/v1/conversations").body().get("total").asInt()).isZero();
    }

    @Test
    void a_body_that_is_not_a_json_object_is_a_problem_naming_the_body() throws Exception {
        Tenant t = newTenant();
        String token = t.admin.token();
        HttpResponse<String> text = post(token, "text/plain", "hello");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/problem+json"));
        assertThat(post(token, null, "{}").statusCode()).isEqualTo(415);
        for (String body : new String[] {"", "[1, 2]", "\"text\"", "{\"inboxId\": "}) {
            HttpResponse<String> r = post(token, "application/json", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("field").asString()).as(body).isEqualTo("body");
            assertThat(problem.get("errors").findValuesAsString("field")).as(body).containsExactly("body");
        }
        assertThat(JSON.readTree(post(token, "application/json", "").body()).get("detail").asString())
                .contains("a JSON body is required");
        // a +json type and a charset are JSON too; unknown fields are named like any other bad field
        HttpResponse<String> unknown = post(token, "application/vnd.rota+json; charset=UTF-8", "{\"colour\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("errors").findValuesAsString("field"))
                .contains("colour", "inboxId", "channel");
        assertThat(t.admin.get("/api/v1/conversations").body().get("total").asInt()).isZero();
    }

    @Test
    void a_body_past_a_megabyte_is_refused_with_or_without_a_length() throws Exception {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        String huge = JSON.writeValueAsString(Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "big",
                "subject", "x".repeat(dev.rota.web.RequestBodies.MAX_BYTES)));
        HttpResponse<String> sized = post(t.admin.token(), "application/json", huge);
        assertThat(sized.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(sized.body()).get("field").asString()).isEqualTo("body");
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/conversations")).header("Authorization", "Bearer " + t.admin.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(chunked.body()).get("detail").asString()).contains("at most");
        assertThat(t.admin.get("/api/v1/conversations").body().get("total").asInt()).isZero();
    }

    @Test
    void an_answer_carries_the_security_headers_and_counts_in_the_request_metrics() throws Exception {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        double before = requests("201");
        HttpResponse<String> r = post(t.admin.token(), "application/json",
                JSON.writeValueAsString(Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "h-1")));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Api.Response other = t.admin.get("/api/v1/conversations");
        for (String header : List.of("X-Content-Type-Options", "X-Frame-Options", "Cache-Control", "Pragma", "Expires",
                "X-XSS-Protection")) {
            assertThat(r.headers().firstValue(header)).as(header).isEqualTo(other.headers().firstValue(header));
            assertThat(r.headers().firstValue(header)).as(header).isPresent();
        }
        assertThat(requests("201")).isEqualTo(before + 1);
    }

    private double requests(String status) {
        var timer = meters.find("http.server.requests").tag("uri", IngestEndpoint.PATH).tag("method", "POST")
                .tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void the_openapi_description_has_the_call_with_its_body_and_answers() {
        JsonNode docs = anonymous().get("/v3/api-docs").body();
        JsonNode post = docs.get("paths").get("/api/v1/conversations").get("post");
        assertThat(post).isNotNull();
        assertThat(docs.get("paths").get("/api/v1/conversations").get("get")).isNotNull();
        assertThat(post.get("responses").has("201")).isTrue();
        assertThat(post.get("responses").has("400")).isTrue();
        String ref = post.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asString();
        JsonNode schema = docs.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(schema.get("properties").has("inboxId")).isTrue();
        assertThat(schema.get("properties").has("contact")).isTrue();
        assertThat(schema.get("required").toString()).contains("inboxId", "channel");
    }
}
