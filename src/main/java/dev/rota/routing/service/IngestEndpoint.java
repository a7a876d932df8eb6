package dev.rota.routing.service;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.SignIn;
import dev.rota.web.Body;
import dev.rota.web.InvalidInputException;
import dev.rota.web.OpenApiProblems;
import dev.rota.web.OperatorToken;
import dev.rota.web.Problems;
import dev.rota.web.RequestBodies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/conversations}: every incoming customer conversation enters here, so this one call
 * is served ahead of Spring Security's filter chain and Spring MVC (which cost it as much CPU as routing
 * and storing the conversation). It does what they would: authenticates the bearer token with
 * {@link SignIn}, sends the same security headers, reads and checks the body field by field, and answers
 * errors as the same problem details ({@link Problems}). Request metrics stay: it runs after the
 * observation filter. Every other method on the path (the list) goes on to Spring MVC.
 */
final class IngestEndpoint extends HttpFilter {

    static final String PATH = "/api/v1/conversations";

    private final SignIn signIn;
    private final Intake intake;
    private final JsonMapper json;
    private final OperatorToken operator;

    IngestEndpoint(SignIn signIn, OperatorToken operator, Intake intake, JsonMapper json) {
        this.signIn = signIn;
        this.operator = operator;
        this.intake = intake;
        this.json = json;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<IngestEndpoint> ingestEndpoint(SignIn signIn, OperatorToken operator, Intake intake,
                                                              JsonMapper json) {
            FilterRegistrationBean<IngestEndpoint> bean = new FilterRegistrationBean<>(
                    new IngestEndpoint(signIn, operator, intake, json));
            bean.addUrlPatterns(PATH);
            // right after the request observation (HIGHEST_PRECEDENCE + 1), before Spring Security (-100)
            bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return bean;
        }

        /** The endpoint in the OpenAPI description, which springdoc only builds from controllers. */
        @Bean
        OpenApiCustomizer ingestOperation() {
            return api -> {
                var schemas = ModelConverters.getInstance();
                var request = schemas.resolveAsResolvedSchema(new AnnotatedType(RequestJson.class));
                var answer = schemas.resolveAsResolvedSchema(
                        new AnnotatedType(RoutingController.ConversationJson.class));
                var components = api.getComponents() != null ? api.getComponents()
                        : new Components();
                api.setComponents(components);
                request.referencedSchemas.forEach(components::addSchemas);
                answer.referencedSchemas.forEach(components::addSchemas);
                Function<Schema<?>, Content> json = schema -> new Content().addMediaType(
                        MediaType.APPLICATION_JSON_VALUE, new io.swagger.v3.oas.models.media.MediaType().schema(schema));
                var conversation = new Schema<>()
                        .$ref("#/components/schemas/" + answer.schema.getName());

                var operation = new Operation()
                        .addTagsItem("Routing")
                        .operationId("ingestConversation")
                        .summary("A new conversation, assigned at once to someone available or left waiting")
                        .description("The same externalId (in the inbox) or Idempotency-Key again answers 200 with "
                                + "the conversation stored the first time.")
                        .addParametersItem(new HeaderParameter()
                                .name("Idempotency-Key").required(false)
                                .schema(new StringSchema().maxLength(200)))
                        .requestBody(new RequestBody().required(true)
                                .content(json.apply(new Schema<>()
                                        .$ref("#/components/schemas/" + request.schema.getName()))))
                        .responses(new ApiResponses()
                                .addApiResponse("201", new ApiResponse()
                                        .description("stored and routed").content(json.apply(conversation)))
                                .addApiResponse("200", new ApiResponse()
                                        .description("known already (externalId or Idempotency-Key)")
                                        .content(json.apply(conversation)))
                                .addApiResponse("400", OpenApiProblems.problem("bad input, naming the field; nothing stored"))
                                .addApiResponse("401", OpenApiProblems.problem("no valid bearer token"))
                                .addApiResponse("403", OpenApiProblems.problem("the operator token (a user's is needed)"))
                                .addApiResponse("415", OpenApiProblems.problem("the body is not application/json"))
                                .addApiResponse("422", OpenApiProblems.problem("the Idempotency-Key was used for "
                                        + "another conversation"))
                                .addApiResponse("503", OpenApiProblems.problem("the database cannot be reached for "
                                        + "now; retrying with the same externalId or Idempotency-Key is safe")));
                components.addSchemas(request.schema.getName(), request.schema);
                components.addSchemas(answer.schema.getName(), answer.schema);
                if (api.getPaths() == null) {
                    api.setPaths(new Paths());
                }
                api.getPaths().computeIfAbsent(PATH, p -> new PathItem()).post(operation);
            };
        }
    }

    /** The request body, as documented. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "NewConversation")
    record RequestJson(@io.swagger.v3.oas.annotations.media.Schema(requiredMode =
                               io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) UUID inboxId,
                       @io.swagger.v3.oas.annotations.media.Schema(requiredMode =
                               io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) Channel channel,
                       @io.swagger.v3.oas.annotations.media.Schema(maxLength = 200,
                               description = "the channel's own id: the same again in the inbox answers 200")
                       String externalId,
                       @io.swagger.v3.oas.annotations.media.Schema(maxLength = 1000) String subject,
                       RoutingController.ContactJson contact) {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH));
        securityHeaders(response);
        Optional<CurrentUser> me = signIn.authenticateHeader(request.getHeader("Authorization"));
        if (me.isEmpty()) {
            Problems.write(json, request, response, operator.matches(request.getHeader("Authorization"))
                    ? Problems.of(new dev.rota.web.ForbiddenException("the operator token is for /api/v1/operator/ "
                            + "only; conversations are posted with a user's token")).getBody()
                    : Problems.unauthenticated());
            return;
        }
        var encoded = RequestBodies.encodedBody(request);
        if (encoded.isPresent()) {
            Problems.write(json, request, response, encoded.get());
            return;
        }
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            Problems.write(json, request, response, Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "send the conversation as application/json"
                            + (type == null ? "" : " (not " + type + ")"), List.of()));
            return;
        }
        try {
            Routing.Ingested result = intake.ingest(me.get(), read(request), request.getHeader("Idempotency-Key"));
            response.setStatus(result.created() ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), RoutingController.ConversationJson.of(result.conversation()));
        } catch (RuntimeException e) {
            Problems.write(json, request, response, Problems.of(e));
        }
    }

    /** The headers Spring Security writes on every other API answer. */
    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** The request as a new conversation: its JSON body, read and checked. */
    private Routing.NewConversation read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > RequestBodies.MAX_BYTES) {
            throw RequestBodies.tooLarge();
        }
        JsonNode node;
        try {
            java.io.InputStream in = RequestBodies.bounded(request.getInputStream());
            java.nio.charset.Charset declared = MediaType.parseMediaType(request.getContentType()).getCharset();
            // the declared charset, as Spring MVC's endpoints read theirs; without one JSON's own detection (UTF-8)
            node = declared == null ? json.readTree(in) : json.readTree(new java.io.InputStreamReader(in, declared));
        } catch (JacksonException e) {
            if (e.getCause() instanceof InvalidInputException tooLong) {
                throw tooLong;
            }
            throw new InvalidInputException("body", RequestBodies.malformed(e));
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException("body", "a JSON body is required");
        }
        return parse(node, request.getHeader("Idempotency-Key"));
    }

    /** {@code application/json} or {@code application/*+json}, as the MVC endpoints accept; no wildcards. */
    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            type.getCharset(); // an unknown charset is not JSON we can read
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The body and the {@code Idempotency-Key} header checked, every problem at once, each naming its field. */
    static Routing.NewConversation parse(JsonNode json, String idempotencyKey) {
        Body body = Body.of(json, "inboxId", "channel", "externalId", "subject", "contact");
        UUID inbox = body.id("inboxId");
        if (!body.present("inboxId")) {
            body.error("inboxId", "is required");
        }
        Channel channel = body.enumValue("channel", Channel.class, true);
        String externalId = body.text("externalId", 200);
        String subject = body.text("subject", 1000);
        String email = null;
        UUID owner = null;
        Body contact = body.object("contact", "email", "ownerId");
        if (contact != null) {
            email = contact.email("email", false);
            owner = contact.id("ownerId");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            body.error("Idempotency-Key", "must be 1–200 characters");
        }
        body.validate();
        return new Routing.NewConversation(inbox, channel, externalId, subject, email, owner);
    }
}
