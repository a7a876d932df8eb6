package dev.rota.routing.service;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.platform.Retries;
import dev.rota.routing.RoutingMode;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.Strategy;
import dev.rota.web.Body;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST API of routing: rules per inbox channel, conversations and manual assignment. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Routing")
class RoutingController {


    private final Routing routing;
    private final RoutingSettings settings;

    RoutingController(Routing routing, RoutingSettings settings) {
        this.routing = routing;
        this.settings = settings;
    }

    // ---- rules

    // the rule's answer is also the body PUT takes, so one schema documents both

    @Schema(description = "Who gets the conversation when the contact's owner cannot: at least one user or team, "
            + "or allMembers.")
    record FallbackJson(@ArraySchema(schema = @Schema(format = "uuid")) Set<String> userIds,
                        @ArraySchema(schema = @Schema(format = "uuid")) Set<String> teamIds,
                        @Schema(requiredMode = REQUIRED) Strategy strategy,
                        @Schema(description = "all the inbox's members (no users or teams then); in a PUT default false")
                        boolean allMembers) {
    }

    @Schema(name = "RoutingRule")
    record RuleJson(@Schema(description = "the path's; in a PUT optional, any other is refused") Channel channel,
                    @Schema(requiredMode = REQUIRED) RoutingMode mode,
                    @ArraySchema(schema = @Schema(format = "uuid"), arraySchema = @Schema(description = "SPECIFIC: "
                            + "the users routed to; with teamIds at least one, unless allMembers")) Set<String> userIds,
                    @ArraySchema(schema = @Schema(format = "uuid"), arraySchema = @Schema(description = "SPECIFIC: "
                            + "teams whose active members are routed to")) Set<String> teamIds,
                    @Schema(description = "required with SPECIFIC") Strategy strategy,
                    @Schema(description = "CONTACT_OWNER only") FallbackJson fallback,
                    @Schema(description = "SPECIFIC with no users or teams: all the inbox's members; in a PUT "
                            + "default false") boolean allMembers) {
    }

    @GetMapping("/inboxes/{id}/routing/{channel}")
    RuleJson rule(@AuthenticationPrincipal CurrentUser me, @PathVariable String id, @PathVariable String channel) {
        Channel ch = channel(channel);
        Optional<RoutingRule> stored = settings.storedRule(me, Params.pathId(id, "inbox"), ch);
        if (stored.isEmpty()) {
            return new RuleJson(ch, RoutingMode.SPECIFIC, Set.of(), Set.of(), Strategy.BALANCED, null, true);
        }
        RoutingRule r = stored.get();
        if (r.isAllMembers()) {
            return new RuleJson(ch, RoutingMode.SPECIFIC, Set.of(), Set.of(), r.strategy(), null, true);
        }
        FallbackJson fallback = r.fallback() == null ? null : r.fallback().isAllMembers()
                ? new FallbackJson(Set.of(), Set.of(), r.fallback().strategy(), true)
                : new FallbackJson(r.fallback().userIds(), r.fallback().teamIds(), r.fallback().strategy(), false);
        return new RuleJson(ch, r.mode(), r.userIds(), r.teamIds(), r.mode() == RoutingMode.SPECIFIC ? r.strategy() : null,
                fallback, false);
    }

    @PutMapping("/inboxes/{id}/routing/{channel}")
    RuleJson saveRule(@AuthenticationPrincipal CurrentUser me, @PathVariable String id, @PathVariable String channel,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RuleJson.class)))
            @RequestBody JsonNode json) {
        UUID inbox = Params.pathId(id, "inbox");
        Channel ch = channel(channel);
        // also takes what GET answers: its channel (the path's) and allMembers
        Body body = Body.of(json, "mode", "userIds", "teamIds", "strategy", "fallback", "channel", "allMembers");
        Channel named = body.enumValue("channel", Channel.class, false);
        if (named != null && named != ch) {
            body.error("channel", "is " + ch + " in the path");
        }
        boolean allMembers = Boolean.TRUE.equals(body.bool("allMembers"));
        RoutingMode mode = body.enumValue("mode", RoutingMode.class, true);
        Set<String> users = strings(body.ids("userIds"));
        Set<String> teams = strings(body.ids("teamIds"));
        Strategy strategy = body.enumValue("strategy", Strategy.class, mode == RoutingMode.SPECIFIC);
        RoutingRule fallback = null;
        Body f = body.object("fallback", "userIds", "teamIds", "strategy", "allMembers");
        if (body.present("fallback")) {
            Strategy fs = null;
            Set<String> fu = Set.of();
            Set<String> ft = Set.of();
            boolean fallbackAll = false;
            if (f != null) {
                fu = strings(f.ids("userIds"));
                ft = strings(f.ids("teamIds"));
                fs = f.enumValue("strategy", Strategy.class, true);
                fallbackAll = Boolean.TRUE.equals(f.bool("allMembers"));
            }
            if (fallbackAll && (!fu.isEmpty() || !ft.isEmpty())) {
                body.error("fallback.allMembers", "all members, or the users and teams named: not both");
            } else if (fs != null) {
                fallback = fallbackAll ? RoutingRule.allMembers(fs) : specific(body, "fallback.", fu, ft, fs);
            }
            if (mode != RoutingMode.CONTACT_OWNER) {
                body.error("fallback", "only CONTACT_OWNER takes a fallback");
            }
        }
        RoutingRule rule = null;
        if (mode != null) {
            switch (mode) {
                case NONE -> {
                    if (!users.isEmpty() || !teams.isEmpty()) {
                        body.error("userIds", "NONE takes no users or teams");
                    }
                    rule = RoutingRule.none();
                }
                case SPECIFIC -> {
                    if (allMembers && (!users.isEmpty() || !teams.isEmpty())) {
                        body.error("allMembers", "all members, or the users and teams named: not both");
                    } else if (strategy != null) {
                        rule = allMembers ? RoutingRule.allMembers(strategy) : specific(body, "", users, teams, strategy);
                    }
                }
                case CONTACT_OWNER -> {
                    if (!users.isEmpty() || !teams.isEmpty()) {
                        body.error("userIds", "CONTACT_OWNER takes its users and teams in fallback");
                    }
                    rule = RoutingRule.contactOwner(fallback);
                }
            }
        }
        if (allMembers && mode != null && mode != RoutingMode.SPECIFIC) {
            body.error("allMembers", mode == RoutingMode.CONTACT_OWNER ? "give it in fallback: {\"allMembers\": true}"
                    : "only SPECIFIC routes to all members");
        }
        body.validate();
        settings.saveRule(me, inbox, ch, rule);
        return rule(me, id, channel);
    }

    private static RoutingRule specific(Body body, String prefix, Set<String> users, Set<String> teams, Strategy s) {
        if (users.isEmpty() && teams.isEmpty()) {
            body.error(prefix + "userIds", "name at least one user or team"
                    + (prefix.isEmpty() ? ", or give allMembers: true" : ""));
            return null;
        }
        return RoutingRule.specific(users, teams, s);
    }

    private static Set<String> strings(List<UUID> ids) {
        Set<String> result = new LinkedHashSet<>();
        ids.forEach(id -> result.add(id.toString()));
        return result;
    }

    /** Also the body PUT takes. */
    @Schema(name = "ReassignSettings")
    record ReassignJson(@Schema(minimum = "1", maximum = "10080", description = "the open conversations of an "
                                + "assignee Away this long are routed again; null: never")
                        Integer reassignAfterAwayMinutes,
                        @Schema(description = "also conversations assigned by hand; in a PUT default false")
                        boolean reassignManual) {
    }

    @GetMapping("/inboxes/{id}/routing")
    ReassignJson reassign(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        RuleRepository.ReassignSettings s = settings.reassignSettings(me, Params.pathId(id, "inbox"));
        return new ReassignJson(s.afterAwayMinutes(), s.includeManual());
    }

    @PutMapping("/inboxes/{id}/routing")
    ReassignJson saveReassign(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ReassignJson.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "reassignAfterAwayMinutes", "reassignManual");
        Integer minutes = body.nullableInt("reassignAfterAwayMinutes", 1, 7 * 24 * 60);
        Boolean manual = body.bool("reassignManual");
        body.validate();
        settings.saveReassignSettings(me, Params.pathId(id, "inbox"), minutes, manual != null && manual);
        return reassign(me, id);
    }

    // ---- conversations

    record ContactJson(@Schema(maxLength = 254, format = "email") String email, UUID ownerId) {
    }

    record ConversationJson(UUID id, UUID inboxId, Channel channel, String externalId, String subject,
                            ContactJson contact, Conversation.ConversationStatus status, UUID assigneeId,
                            boolean assignedManually, Instant assignedAt, Instant createdAt, Instant closedAt,
                            @com.fasterxml.jackson.annotation.JsonRawValue
                            @io.swagger.v3.oas.annotations.media.Schema(implementation = RoutingTraceDoc.class,
                                    description = "the last routing decision: each candidate with outcome and reasons")
                            String routing) {
        static ConversationJson of(Conversation c) {
            return new ConversationJson(c.id(), c.inboxId(), c.channel(), c.externalId(), c.subject(),
                    new ContactJson(c.contactEmail(), c.contactOwnerId()), c.status(), c.assigneeId(),
                    c.assignedManually(), c.assignedAt(), c.createdAt(), c.closedAt(),
                    c.routingTrace()); // stored as JSON: written as it is
        }
    }

    /** Documents the stored trace ({@code Routing.traceJson}), which the answer writes as stored. */
    @Schema(name = "RoutingTrace")
    record RoutingTraceDoc(RoutingMode mode, boolean allMembers,
                           @Schema(description = "CONTACT_OWNER only: the rule used when the owner cannot take it",
                                   allowableValues = {"NONE", "ALL_MEMBERS", "SPECIFIC"}) String fallback,
                           Strategy strategy,
                           @Schema(allowableValues = {"ASSIGNED", "WAITING", "NONE"}) String outcome,
                           @Schema(description = "the router's note in English") String summary,
                           @Schema(description = "the chosen one, everyone skipped with reasons, the first runners-up")
                           List<CandidateDoc> candidates,
                           @Schema(description = "eligible runners-up not listed, to keep a big team's trace small")
                           int runnersUpNotListed) {
    }

    @Schema(name = "RoutingCandidate")
    record CandidateDoc(UUID userId, dev.rota.routing.TraceEntry.Outcome outcome, List<ReasonDoc> reasons) {
    }

    @Schema(name = "RoutingReason")
    record ReasonDoc(dev.rota.routing.SkipReason reason,
                     @Schema(description = "e.g. the availability reason, open=2, limit=2, or the strategy's "
                             + "ordering key") String detail) {
    }

    /**
     * Never called: {@link IngestEndpoint} serves this ahead of Spring MVC. Mapped so that a 405 or an OPTIONS of the
     * path names POST among its methods.
     */
    @io.swagger.v3.oas.annotations.Hidden
    @org.springframework.web.bind.annotation.PostMapping("/conversations")
    void servedByIngestEndpoint() {
        throw new IllegalStateException("POST " + IngestEndpoint.PATH + " is served by IngestEndpoint");
    }

    @GetMapping("/conversations")
    PageResponse<ConversationJson> list(@AuthenticationPrincipal CurrentUser me,
                                        @RequestParam(required = false) String inboxId,
                                        @RequestParam(required = false) String assigneeId,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(required = false) Boolean waiting,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        Conversation.ConversationStatus s = Params.optionalEnum("status", status, Conversation.ConversationStatus.class);
        PageResponse<Conversation> result = routing.list(me, Params.optionalId("inboxId", inboxId),
                Params.optionalId("assigneeId", assigneeId), s, waiting, PageRequest.of(page, size));
        return result.map(ConversationJson::of);
    }

    @GetMapping("/conversations/{id}")
    ResponseEntity<ConversationJson> get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        Conversation c = routing.get(me, Params.pathId(id, "conversation"));
        return ResponseEntity.ok().eTag(c.etag()).body(ConversationJson.of(c));
    }

    @GetMapping("/conversations/{id}/history")
    List<java.util.Map<String, Object>> history(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return routing.history(me, Params.pathId(id, "conversation"));
    }

    /** Documents a request body, which is read field by field with Body: springdoc cannot see it. */
    @Schema(name = "ConversationChanges", description = "Super admins and members of the conversation's inbox only.")
    record ConversationChangesDoc(@Schema(description = "CLOSED closes, OPEN reopens; absent or null: unchanged")
                                  Conversation.ConversationStatus status,
                                  @Schema(description = "assigns by hand, to a member of the inbox; null unassigns; "
                                          + "absent: unchanged") UUID assigneeId) {
    }

    @PatchMapping("/conversations/{id}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
            description = "changed (the ETag header names its new state)", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ConversationJson.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "412",
            description = "If-Match names another state than the stored one; nothing was changed",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<ConversationJson> update(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ConversationChangesDoc.class)))
            @RequestBody JsonNode json,
            @io.swagger.v3.oas.annotations.Parameter(description = "the ETag of a GET (or of the last PATCH): the "
                    + "change is made only if the conversation is still in that state, else 412 and nothing changes")
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        UUID conversation = Params.pathId(id, "conversation");
        Body body = Body.of(json, "status", "assigneeId");
        Conversation.ConversationStatus status = body.enumValue("status", Conversation.ConversationStatus.class, false);
        UUID assignee = body.id("assigneeId");
        body.validate();
        Routing.ConversationChanges changes = new Routing.ConversationChanges(status, body.has("assigneeId"), assignee);
        Conversation changed = Retries.onConflict(3, () -> routing.update(me, conversation, changes, ifMatch));
        return ResponseEntity.ok().eTag(changed.etag()).body(ConversationJson.of(changed));
    }

    private static Channel channel(String text) {
        try {
            return Channel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("channel", text);
        }
    }
}
