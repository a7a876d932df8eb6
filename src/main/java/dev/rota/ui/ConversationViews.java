package dev.rota.ui;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inboxes;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.routing.service.Conversation;
import dev.rota.routing.service.Routing;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conversations as the pages show them: rows of the inbox lists, and the routing trace ("Why?"). */
@Component
public class ConversationViews {

    static final int LIST_LIMIT = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LIMIT_DETAIL = Pattern.compile("open=(\\d+), limit=(\\d+)");
    /** A runner-up's ordering key as the router writes it: BALANCED adds the open count. */
    private static final Pattern KEY_DETAIL = Pattern.compile("(?:open=(\\d+), )?lastAssigned=(\\S+)");

    private final Routing routing;
    private final Inboxes inboxes;
    private final Users users;
    private final Clock clock;
    private final MessageSource messages;
    private final UiFormat format;

    ConversationViews(Routing routing, Inboxes inboxes, Users users, Clock clock, MessageSource messages,
                      UiFormat format) {
        this.messages = messages;
        this.format = format;
        this.routing = routing;
        this.inboxes = inboxes;
        this.users = users;
        this.clock = clock;
    }

    /** One row of "My open conversations" or the queue; {@code ageMinutes} since it arrived. */
    public record Row(UUID id, String subject, UUID inboxId, String inboxName, Channel channel, Instant createdAt,
               long ageMinutes, boolean mine) {
    }

    /** Adds {@code mine}, {@code queue} (rows) and their totals to the model. */
    void lists(CurrentUser me, Model model) {
        PageResponse<Conversation> mine = routing.list(me, null, me.userId(), Conversation.ConversationStatus.OPEN,
                null, new PageRequest(0, LIST_LIMIT));
        List<Conversation> queue = routing.queueOf(me, LIST_LIMIT);
        Set<UUID> inboxIds = new java.util.HashSet<>();
        mine.items().forEach(c -> inboxIds.add(c.inboxId()));
        queue.forEach(c -> inboxIds.add(c.inboxId()));
        Map<UUID, Inboxes.Label> names = inboxes.labels(me.accountId(), inboxIds);
        Instant now = clock.instant();
        model.addAttribute("mine", mine.items().stream().map(c -> row(c, names, now, true)).toList());
        model.addAttribute("mineTotal", mine.total());
        model.addAttribute("queue", queue.stream().map(c -> row(c, names, now, false)).toList());
    }

    private static Row row(Conversation c, Map<UUID, Inboxes.Label> inboxNames, Instant now, boolean mine) {
        long age = Math.max(0, Duration.between(c.createdAt(), now).toMinutes());
        return new Row(c.id(), c.subject() == null || c.subject().isBlank() ? null : c.subject(), c.inboxId(),
                inboxNames.containsKey(c.inboxId()) ? inboxNames.get(c.inboxId()).name() : "?", c.channel(), c.createdAt(), age, mine);
    }

    /** A member of an inbox, for the assignee select. */
    public record Member(UUID id, String name) {
    }

    // ---- the history

    /** One entry of a conversation's history: when (in the viewer's zone) and what, in the viewer's language. */
    public record HistoryRow(String at, String text) {
    }

    /** Every assignment, unassignment and close of the conversation, oldest first, people named. */
    List<HistoryRow> history(CurrentUser me, Conversation c) {
        List<Map<String, Object>> events = routing.history(me, c.id());
        Set<UUID> ids = new LinkedHashSet<>();
        for (Map<String, Object> e : events) {
            if (e.get("userId") instanceof UUID u) {
                ids.add(u);
            }
            if (e.get("actorId") instanceof UUID a) {
                ids.add(a);
            }
        }
        Map<String, String> names = names(me, ids);
        List<HistoryRow> rows = new ArrayList<>();
        for (Map<String, Object> e : events) {
            String user = e.get("userId") == null ? "?" : names.getOrDefault(e.get("userId").toString(), "?");
            String actor = e.get("actorId") == null ? msg("history.rota")
                    : names.getOrDefault(e.get("actorId").toString(), "?");
            String kind = String.valueOf(e.get("kind"));
            String text = messages.getMessage("history." + kind + "." + e.get("reason"), new Object[] {user, actor},
                    null, LocaleContextHolder.getLocale());
            rows.add(new HistoryRow(format.at((Instant) e.get("at"), me.timeZone()),
                    text != null ? text : msg("history." + kind, user, actor)));
        }
        return rows;
    }

    // ---- the routing trace

    /**
     * A skip reason in the viewer's language, and its detail (may be empty): translated too, or
     * {@code detailRaw} when it is left as the router wrote it (in English).
     */
    public record Reason(String text, String detail, boolean detailRaw) {
    }

    /** @param owner the contact's owner, whom a CONTACT_OWNER rule looked at first */
    public record TraceCandidate(String userId, String name, boolean chosen, boolean owner, List<Reason> reasons) {
    }

    /**
     * @param why        why the chosen one was chosen, in the viewer's language; null when nobody was
     * @param notListed  eligible runners-up the stored trace only counted
     * @param summary    the router's own note (English, technical), names put in for ids
     */
    public record Trace(String mode, String strategy, String outcome, String ownerNote, String why, int notListed,
                        String summary, List<TraceCandidate> candidates) {
    }

    /** The stored trace with names for the candidates; null when the conversation has none (or it is unreadable). */
    Trace trace(CurrentUser me, Conversation c) {
        if (c.routingTrace() == null || c.routingTrace().isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(c.routingTrace());
        } catch (RuntimeException e) {
            return null;
        }
        List<JsonNode> entries = new ArrayList<>();
        json.path("candidates").forEach(entries::add);
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode e : entries) {
            UUID id = dev.rota.platform.Ids.parseOrNull(e.path("userId").asString(""));
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, String> names = names(me, ids);
        String rawSummary = json.path("summary").asString("");
        // a CONTACT_OWNER rule whose owner could not take it says so first, then the fallback decided
        Matcher skippedOwner = SKIPPED_OWNER.matcher(rawSummary);
        String ownerId = skippedOwner.lookingAt() ? skippedOwner.group(1) : null;
        String ownerNote = ownerId != null
                ? msg(rawSummary.contains("; fallback: ") ? "trace.owner.skipped" : "trace.owner.skippedNoFallback",
                        names.getOrDefault(ownerId, ownerId))
                : rawSummary.startsWith("contact has no owner") || rawSummary.startsWith("Unassigned: contact has no owner")
                        ? msg(rawSummary.contains("; fallback: ") ? "trace.owner.none" : "trace.owner.noneNoFallback")
                        : null;
        List<TraceCandidate> candidates = new ArrayList<>();
        for (JsonNode e : entries) {
            String userId = e.path("userId").asString("");
            List<Reason> reasons = new ArrayList<>();
            e.path("reasons").forEach(r -> reasons.add(reason(r.path("reason").asString(""),
                    r.path("detail").asString(""), me.timeZone())));
            candidates.add(new TraceCandidate(userId, names.getOrDefault(userId, userId),
                    "CHOSEN".equals(e.path("outcome").asString("")), userId.equals(ownerId), reasons));
        }
        // the router's note names people by id: show their names instead
        String summary = json.path("summary").asString("");
        for (Map.Entry<String, String> n : names.entrySet()) {
            summary = summary.replace(n.getKey(), n.getValue());
        }
        // the default rule is SPECIFIC over all members: say so, not "specific users and teams"
        String mode = json.path("allMembers").asBoolean(false) ? "ALL_MEMBERS" : json.path("mode").asString("");
        if ("CONTACT_OWNER".equals(mode)) {
            // who takes it when the owner cannot: nobody, everyone in the inbox, or the users and teams chosen
            String fallback = json.path("fallback").asString("SPECIFIC");
            mode = "NONE".equals(fallback) ? "CONTACT_OWNER_ONLY"
                    : "ALL_MEMBERS".equals(fallback) ? "CONTACT_OWNER_ALL" : mode;
        }
        String strategy = json.path("strategy").asString("");
        int notListed = json.path("runnersUpNotListed").asInt(0);
        boolean runnersUp = notListed > 0 || entries.stream().anyMatch(e -> {
            for (JsonNode r : e.path("reasons")) {
                if ("NOT_CHOSEN".equals(r.path("reason").asString(""))) {
                    return true;
                }
            }
            return false;
        });
        return new Trace(mode, strategy, json.path("outcome").asString("NONE"), ownerNote,
                why(mode, strategy, rawSummary, runnersUp, candidates),
                notListed, summary, candidates);
    }

    /** "Ann had the fewest open conversations …", from the rule and who was chosen; null when nobody was. */
    private String why(String mode, String strategy, String summary, boolean runnersUp,
                       List<TraceCandidate> candidates) {
        TraceCandidate chosen = candidates.stream().filter(TraceCandidate::chosen).findFirst().orElse(null);
        if (chosen == null) {
            return null;
        }
        // the router writes this note only when the contact's owner was chosen, not the fallback rule's pick
        if (mode.startsWith("CONTACT_OWNER") && summary.startsWith("Assigned to contact owner")) {
            return msg("trace.why.owner", chosen.name());
        }
        if (!"BALANCED".equals(strategy) && !"ROUND_ROBIN".equals(strategy)) {
            return null;
        }
        if (!runnersUp) {
            return msg("trace.why.only", chosen.name());
        }
        // level with the next in line: the strategy's order did not decide, its fixed tie-break did
        Matcher keys = CHOSEN_AND_NEXT.matcher(summary);
        return keys.find() && keys.group(1).equals(keys.group(2)) ? msg("trace.why.tie", chosen.name())
                : msg("trace.why." + strategy, chosen.name());
    }

    /** The router's note on an owner it could not give the conversation to. */
    private static final Pattern SKIPPED_OWNER = Pattern.compile("(?:Unassigned: )?contact owner ([0-9a-f-]{36}) skipped");

    /** The router's note on its choice: "… by BALANCED (key); next id (key) …". */
    private static final Pattern CHOSEN_AND_NEXT = Pattern.compile(
            "by (?:BALANCED|ROUND_ROBIN) \\(([^)]*)\\); next [0-9a-f-]{36} \\(([^)]*)\\)");

    Map<String, String> names(CurrentUser me, Collection<UUID> ids) {
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            for (User u : users.findAll(me.accountId(), ids)) {
                names.put(u.id().toString(), u.name());
            }
        }
        return names;
    }

    private static final Set<String> SKIPS = Set.of("AWAY", "INACTIVE", "NO_SEAT", "NOT_MEMBER", "AT_LIMIT", "BUSY",
            "NOT_CHOSEN");
    private static final Set<String> AVAILABILITY_REASONS = Set.of("OUT_OF_OFFICE", "TEMPORARILY_AWAY",
            "OUTSIDE_WORKING_HOURS", "SET_BY_ADMIN", "MANUAL", "WORKING_HOURS", "DEFAULT");

    Reason reason(String reason, String detail, java.time.ZoneId zone) {
        if (!SKIPS.contains(reason)) {
            return new Reason(reason, detail, true);
        }
        if ("AWAY".equals(reason) && AVAILABILITY_REASONS.contains(detail)) {
            return new Reason(msg("skip.AWAY.because", msg("reason." + detail)), "", false);
        }
        if ("AT_LIMIT".equals(reason)) {
            Matcher m = LIMIT_DETAIL.matcher(detail);
            if (m.matches()) {
                return new Reason(msg("skip.AT_LIMIT.counts", Integer.valueOf(m.group(1)),
                        Integer.valueOf(m.group(2))), "", false);
            }
        }
        if ("NOT_CHOSEN".equals(reason)) {
            Matcher m = KEY_DETAIL.matcher(detail);
            if (m.matches()) {
                String last = lastAssigned(m.group(2), zone);
                return new Reason(msg("skip.NOT_CHOSEN"), m.group(1) == null ? last
                        : msg("trace.key.open", Integer.valueOf(m.group(1)), last), false);
            }
        }
        return new Reason(msg("skip." + reason), "BUSY".equals(reason) ? "" : detail, true);
    }

    /** The router's lastAssigned: an instant, "never", or "drain#n" (earlier in the same drain). */
    private String lastAssigned(String key, java.time.ZoneId zone) {
        if ("never".equals(key)) {
            return msg("trace.key.never");
        }
        if (key.startsWith("drain#")) {
            return msg("trace.key.drain");
        }
        try {
            return msg("trace.key.last", format.at(Instant.parse(key), zone));
        } catch (java.time.format.DateTimeParseException e) {
            return key;
        }
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
