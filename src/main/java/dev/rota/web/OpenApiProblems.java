package dev.rota.web;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the error answers of the API, all problem details ({@link Problems}): they come from the advice and
 * the services, not from the handler methods, so springdoc cannot see them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiProblems {

    private static final String PROBLEM = "Problem";

    private static final List<Map.Entry<String, String>> ERRORS = List.of(
            Map.entry("400", "bad input, naming the field(s) in errors"),
            Map.entry("401", "no valid bearer token"),
            Map.entry("403", "not allowed"),
            Map.entry("404", "no such resource, or one of another account"),
            Map.entry("409", "conflicts with stored state"));

    /** Called without a bearer token. */
    private static final Set<String> ANONYMOUS = Set.of("POST /api/v1/auth/tokens", "POST /api/v1/signup");

    /**
     * Described whole by hand (IngestEndpoint, which answers none of 403, 404 and 409); skipped by name so the
     * result does not depend on which customizer runs first.
     */
    private static final Set<String> BY_HAND = Set.of("POST /api/v1/conversations");

    @Bean
    OpenApiCustomizer problemResponses() {
        return OpenApiProblems::addProblems;
    }

    private static void addProblems(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                String name = method + " " + path;
                if (BY_HAND.contains(name)) {
                    return;
                }
                if (operation.getResponses() == null) {
                    operation.setResponses(new ApiResponses());
                }
                ApiResponses responses = operation.getResponses();
                ERRORS.forEach(error -> {
                    String code = error.getKey();
                    if (!responses.containsKey(code) && !(code.equals("401") && ANONYMOUS.contains(name))) {
                        responses.addApiResponse(code, problem(error.getValue()));
                    }
                });
            });
        });
    }

    private static ApiResponse problem(String description) {
        var media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(APPLICATION_PROBLEM_JSON_VALUE, media));
    }

    private static Schema<?> problemSchema() {
        var error = new ObjectSchema()
                .addProperty("field", new StringSchema().example("email"))
                .addProperty("message", new StringSchema().example("is required"));
        return new ObjectSchema()
                .description("An RFC 9457 problem detail; bad input names each offending field in errors")
                .addProperty("type", new StringSchema().format("uri")
                        .example("https://rota.dev/problems/invalid-input"))
                .addProperty("title", new StringSchema().example("Invalid input"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri").description("the request's path"))
                .addProperty("field", new StringSchema().description("the first offending field"))
                .addProperty("errors", new ArraySchema().items(error));
    }
}
