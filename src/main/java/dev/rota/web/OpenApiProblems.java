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
public class OpenApiProblems {

    private static final String PROBLEM = "Problem";

    private static final List<Map.Entry<String, String>> ERRORS = List.of(
            Map.entry("400", "bad input, naming the field(s) in errors"),
            Map.entry("401", "no valid bearer token"),
            Map.entry("403", "not allowed"),
            Map.entry("404", "no such resource, or one of another account"),
            Map.entry("409", "conflicts with stored state"),
            Map.entry("503", "the database cannot be reached for now; safe to retry after Retry-After"));

    private static final String BEARER = "bearer";

    /** Called without a bearer token. */
    private static final Set<String> ANONYMOUS = Set.of("POST /api/v1/auth/tokens", "POST /api/v1/signup");

    /**
     * Described whole by hand (IngestEndpoint, which answers neither 404 nor 409); skipped by name so the
     * result does not depend on which customizer runs first.
     */
    private static final Set<String> BY_HAND = Set.of("POST /api/v1/conversations");

    static {
        // a LocalDateTime is a wall-clock time in the user's zone, written without an offset: not an RFC 3339
        // date-time, which strict clients would parse as one
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithSchema(java.time.LocalDateTime.class,
                new StringSchema().pattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?$")
                        .example("2027-07-01T09:00:00")
                        .description("a local date-time in the user's own time zone (no offset)"));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return OpenApiProblems::addProblems;
    }

    private static void addProblems(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        // every operation takes a user's bearer token (GET /api/v1/auth/tokens gives one) unless it says otherwise
        api.getComponents().addSecuritySchemes(BEARER, new io.swagger.v3.oas.models.security.SecurityScheme()
                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .description("a user's API token from POST /api/v1/auth/tokens (the operator's on /api/v1/operator/)"));
        api.setSecurity(List.of(new io.swagger.v3.oas.models.security.SecurityRequirement().addList(BEARER)));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> {
                String name = method + " " + path;
                if (ANONYMOUS.contains(name)) {
                    operation.setSecurity(List.of());
                }
                if (operation.getParameters() != null) {
                    // a controller reading the token itself is still authenticated by the scheme, not by a parameter
                    operation.getParameters().removeIf(p -> "header".equals(p.getIn())
                            && "Authorization".equalsIgnoreCase(p.getName()));
                }
                if (BY_HAND.contains(name)) {
                    return;
                }
                if (operation.getResponses() == null) {
                    operation.setResponses(new ApiResponses());
                }
                ApiResponses responses = operation.getResponses();
                if (operation.getRequestBody() != null && !responses.containsKey("415")) {
                    responses.addApiResponse("415", problem("the body is not application/json"));
                }
                if (ANONYMOUS.contains(name) && !responses.containsKey("429")) {
                    responses.addApiResponse("429", problem("too many attempts from here or for this email; "
                            + "see Retry-After"));
                }
                ERRORS.forEach(error -> {
                    String code = error.getKey();
                    if (!responses.containsKey(code) && !(code.equals("401") && ANONYMOUS.contains(name))) {
                        responses.addApiResponse(code, problem(error.getValue()));
                    }
                });
            });
        });
    }

    /** A problem-detail answer described so. */
    public static ApiResponse problem(String description) {
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
