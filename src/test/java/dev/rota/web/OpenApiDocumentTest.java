package dev.rota.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What GET /v3/api-docs says about request bodies, answer codes and errors. */
class OpenApiDocumentTest extends IntegrationTest {

    private JsonNode docs;

    @BeforeEach
    void readDocs() {
        Api.Response r = anonymous().get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        docs = r.body();
    }

    @Test
    void request_bodies_name_the_fields_the_controllers_read() {
        JsonNode newUser = requestBody("post", "/api/v1/users");
        assertThat(properties(newUser)).contains("email", "name", "seat", "password", "maxOpenConversations");
        assertThat(newUser.get("required").toString()).contains("email", "name");
        assertThat(properties(requestBody("put", "/api/v1/inboxes/{id}/routing/{channel}")))
                .contains("mode", "userIds", "allMembers", "fallback");
        assertThat(properties(requestBody("patch", "/api/v1/conversations/{id}")))
                .containsExactlyInAnyOrder("status", "assigneeId");
        JsonNode hours = requestBody("put", "/api/v1/users/{id}/working-hours");
        assertThat(hours.get("required").toString()).contains("ranges");
        assertThat(properties(resolve(hours.get("properties").get("ranges").get("items"))))
                .containsExactlyInAnyOrder("day", "start", "end");
        assertThat(requestBody("post", "/api/v1/signup").get("properties").get("password").get("minLength").asInt())
                .isEqualTo(8);
    }

    @Test
    void no_body_is_documented_as_jacksons_json_node() {
        for (Map.Entry<String, JsonNode> schema : docs.get("components").get("schemas").properties()) {
            assertThat(properties(schema.getValue())).as(schema.getKey()).doesNotContain("nodeType");
        }
        // every body under /api/v1 resolves to an object with its fields
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getValue().has("requestBody")) {
                    assertThat(properties(requestBody(op.getKey(), path.getKey())))
                            .as(op.getKey() + " " + path.getKey()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void created_and_no_content_answers_are_documented_as_such() {
        for (String path : List.of("/api/v1/users", "/api/v1/teams", "/api/v1/inboxes", "/api/v1/signup",
                "/api/v1/auth/tokens", "/api/v1/users/{id}/out-of-office", "/api/v1/webhooks")) {
            assertThat(responses("post", path)).as(path).contains("201").doesNotContain("200");
        }
        for (String path : List.of("/api/v1/teams/{id}", "/api/v1/inboxes/{id}", "/api/v1/auth/tokens/current",
                "/api/v1/users/{id}/out-of-office/{periodId}", "/api/v1/users/{id}/calendar-sync",
                "/api/v1/webhooks/{id}")) {
            assertThat(responses("delete", path)).as(path).contains("204").doesNotContain("200");
        }
        assertThat(responses("delete", "/api/v1/users/{id}")).contains("200"); // deactivates, answers the user
    }

    @Test
    void errors_are_documented_as_problem_details() {
        JsonNode patch = operation("patch", "/api/v1/conversations/{id}").get("responses");
        for (String code : List.of("400", "401", "403", "404", "409", "412")) {
            JsonNode schema = patch.get(code).get("content").get("application/problem+json").get("schema");
            assertThat(schema.get("$ref").asString()).as(code).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(patch.get("200").get("content").get("application/json").get("schema").get("$ref").asString())
                .endsWith("ConversationJson");
        JsonNode problem = docs.get("components").get("schemas").get("Problem");
        assertThat(properties(problem)).contains("type", "title", "status", "detail", "errors");
        assertThat(properties(problem.get("properties").get("errors").get("items")))
                .containsExactlyInAnyOrder("field", "message");
        // sign-up takes no token; the conversation endpoint keeps the answers described with it
        assertThat(responses("post", "/api/v1/signup")).contains("400").doesNotContain("401");
        assertThat(operation("post", "/api/v1/auth/tokens").get("responses").get("401").get("description").asString())
                .contains("password");
        assertThat(responses("post", "/api/v1/conversations")).contains("400", "401").doesNotContain("409");
    }

    @Test
    void shapes_match_the_answers_and_the_bearer_scheme_is_declared() {
        JsonNode schemas = docs.get("components").get("schemas");
        JsonNode routing = schemas.get("ConversationJson").get("properties").get("routing");
        assertThat(properties(resolve(routing))).contains("mode", "outcome", "candidates", "runnersUpNotListed");
        JsonNode start = resolve(schemas.get("PeriodResponse").get("properties").get("start"));
        assertThat(start.get("type").asString()).isEqualTo("string");
        assertThat(start.get("format")).isNull(); // not date-time: it has no offset
        assertThat(docs.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.get("security").toString()).contains("bearer");
        assertThat(operation("post", "/api/v1/signup").get("security")).isEmpty();
        assertThat(responses("post", "/api/v1/signup")).contains("429", "415");
        assertThat(responses("post", "/api/v1/conversations")).contains("403", "415", "422", "503");
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                JsonNode parameters = op.getValue().get("parameters");
                if (parameters != null) {
                    assertThat(parameters.toString()).as(op.getKey() + " " + path.getKey())
                            .doesNotContain("\"Authorization\"");
                }
                assertThat(op.getValue().get("responses").toString()).as(op.getKey() + " " + path.getKey())
                        .doesNotContain("*/*");
            }
        }
        JsonNode ingest = operation("post", "/api/v1/conversations").get("responses").get("400");
        assertThat(ingest.get("content").get("application/problem+json").get("schema").get("$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
    }

    private JsonNode operation(String method, String path) {
        JsonNode item = docs.get("paths").get(path);
        assertThat(item).as(path).isNotNull();
        assertThat(item.get(method)).as(method + " " + path).isNotNull();
        return item.get(method);
    }

    private List<String> responses(String method, String path) {
        return new ArrayList<>(operation(method, path).get("responses").propertyNames());
    }

    private JsonNode requestBody(String method, String path) {
        return resolve(operation(method, path).get("requestBody").get("content").get("application/json").get("schema"));
    }

    private JsonNode resolve(JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String ref = schema.get("$ref").asString();
        JsonNode target = docs.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(target).as(ref).isNotNull();
        return target;
    }

    private static List<String> properties(JsonNode schema) {
        JsonNode properties = schema.get("properties");
        return properties == null ? List.of() : new ArrayList<>(properties.propertyNames());
    }
}
