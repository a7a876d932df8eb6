package dev.rota.webhooks;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.directory.CurrentUser;
import dev.rota.web.Body;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST API of an account's webhooks (super admins). */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Each event is POSTed as JSON {id, type, accountId, endpointId, createdAt, "
        + "data} with the headers Rota-Event, Rota-Delivery (the same on every attempt: receivers drop repeats by "
        + "it), Rota-Attempt and Rota-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the "
        + "secret>. A 2xx answer delivers; anything else is tried again after 10 s, 30 s, 2 min, 10 min, 30 min, "
        + "1 h, 2 h, 4 h and 8 h, then the delivery fails.")
class WebhooksController {

    private final Webhooks webhooks;

    WebhooksController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record WebhookResponse(UUID id, String url, String description, List<String> events, boolean active,
                           @Schema(description = "after a failed attempt, nothing is sent to it before this (10 s, "
                                   + "doubling with each failure in a row, at most 5 min); a delivery that gets "
                                   + "through, a new url, a reactivation or a retry ends it")
                           Instant pausedUntil,
                           Instant createdAt, Instant updatedAt,
                           @Schema(description = "only when it was just made: on creation and rotation")
                           String secret) {
        static WebhookResponse of(Webhook w, String secret) {
            return new WebhookResponse(w.id(), w.url().toString(), w.description(), w.events(), w.active(),
                    w.pausedUntil(), w.createdAt(), w.updatedAt(), secret);
        }
    }

    record DeliveryResponse(long id, String event, long eventId, Delivery.State state, int attempts,
                            Instant createdAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                            Instant nextAttemptAt, Instant deliveredAt,
                            @Schema(description = "the event, as sent") Map<String, Object> data) {
        static DeliveryResponse of(Delivery d) {
            return new DeliveryResponse(d.id(), d.event(), d.eventId(), d.state(), d.attempts(), d.createdAt(),
                    d.lastAttemptAt(), d.lastStatus(), d.lastError(),
                    d.state() == Delivery.State.PENDING ? d.nextAttemptAt() : null, d.deliveredAt(),
                    JSON.readValue(d.payload(), EVENT));
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> EVENT =
            new tools.jackson.core.type.TypeReference<>() {
            };

    @Schema(name = "NewWebhook")
    record NewWebhookDoc(@Schema(requiredMode = REQUIRED, maxLength = 2000, example = "https://example.com/rota")
                         String url,
                         @Schema(maxLength = 200) String description,
                         @Schema(description = "absent: all", allowableValues = {"status", "assignment"})
                         List<String> events,
                         @Schema(defaultValue = "true") Boolean active) {
    }

    @Schema(name = "WebhookChanges", description = "A field absent or null is left as it is, except description. "
            + "Deliveries of an inactive webhook wait, and go out when it is active again.")
    record WebhookChangesDoc(@Schema(maxLength = 2000) String url,
                             @Schema(maxLength = 200, description = "null: none") String description,
                             @Schema(allowableValues = {"status", "assignment"}) List<String> events,
                             Boolean active) {
    }

    private static final String[] FIELDS = {"url", "description", "events", "active"};

    @PostMapping
    @ApiResponse(responseCode = "201", description = "created; the answer has the secret, shown only now")
    ResponseEntity<WebhookResponse> create(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = NewWebhookDoc.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, FIELDS);
        if (!body.has("url") || body.raw("url").isNull()) {
            body.error("url", "is required");
        }
        Webhooks.Request request = request(body);
        body.validate();
        Webhooks.WithSecret created = webhooks.create(me, request);
        return ResponseEntity.status(HttpStatus.CREATED).body(WebhookResponse.of(created.webhook(), created.secret()));
    }

    @GetMapping
    PageResponse<WebhookResponse> list(@AuthenticationPrincipal CurrentUser me,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        PageResponse<Webhook> result = webhooks.list(me, PageRequest.of(page, size));
        return result.map(w -> WebhookResponse.of(w, null));
    }

    @GetMapping("/{id}")
    WebhookResponse get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return WebhookResponse.of(webhooks.get(me, Params.pathId(id, "webhook")), null);
    }

    @PatchMapping("/{id}")
    WebhookResponse update(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = WebhookChangesDoc.class)))
            @RequestBody JsonNode json) {
        UUID webhookId = Params.pathId(id, "webhook");
        Body body = Body.of(json, FIELDS);
        Webhooks.Request request = request(body);
        body.validate();
        return WebhookResponse.of(webhooks.update(me, webhookId, request), null);
    }

    @PostMapping("/{id}/secret")
    @Operation(summary = "Makes a new signing secret; the old one stops signing at once")
    WebhookResponse rotateSecret(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        Webhooks.WithSecret rotated = webhooks.rotateSecret(me, Params.pathId(id, "webhook"));
        return WebhookResponse.of(rotated.webhook(), rotated.secret());
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "204", description = "deleted, with its deliveries")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        webhooks.delete(me, Params.pathId(id, "webhook"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The webhook's deliveries, newest first")
    PageResponse<DeliveryResponse> deliveries(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                                              @RequestParam(required = false) String state,
                                              @RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size) {
        PageResponse<Delivery> result = webhooks.deliveries(me, Params.pathId(id, "webhook"),
                Params.optionalEnum("state", state, Delivery.State.class), PageRequest.of(page, size));
        return result.map(DeliveryResponse::of);
    }

    record Retried(int retried) {
    }

    @PostMapping("/{id}/deliveries/retry")
    @Operation(summary = "Sends every failed delivery again soon, each with a fresh count of attempts")
    @ApiResponse(responseCode = "202", description = "how many are due now")
    ResponseEntity<Retried> retryFailed(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Retried(webhooks.retryFailed(me, Params.pathId(id, "webhook"))));
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Sends a delivery again soon, with a fresh count of attempts")
    @ApiResponse(responseCode = "202", description = "due now")
    ResponseEntity<DeliveryResponse> retry(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                                           @PathVariable String deliveryId) {
        long delivery;
        try {
            delivery = Long.parseLong(deliveryId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("delivery", deliveryId);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(DeliveryResponse.of(webhooks.retry(me, Params.pathId(id, "webhook"), delivery)));
    }

    private static Webhooks.Request request(Body body) {
        String url = body.text("url", 2000);
        return new Webhooks.Request(url, body.has("description"), body.text("description", 200),
                body.strings("events", 64), body.bool("active"));
    }
}
