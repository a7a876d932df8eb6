package dev.rota.availability.service;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.availability.ClockTime;
import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Eligibility;
import dev.rota.availability.Interval;
import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.Reason;
import dev.rota.availability.Status;
import dev.rota.availability.TimelineInterval;
import dev.rota.availability.WorkingHours;
import dev.rota.availability.WorkingRange;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Seat;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.web.Body;
import dev.rota.web.InvalidInputException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/** REST API of availability: working hours, out of office, status, timeline, history, live events. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Availability")
class AvailabilityController {

    private static final Workload NO_WORKLOAD = (account, ids) -> Map.of();

    private final Availability availability;
    private final ManagementTable table;
    private final Users users;
    private final LiveEvents live;
    private final dev.rota.directory.SignIn signIn;
    private final ObjectProvider<Workload> workload;
    private final java.time.Clock clock;

    AvailabilityController(Availability availability, ManagementTable table, Users users, LiveEvents live,
                           ObjectProvider<Workload> workload, java.time.Clock clock,
                           dev.rota.directory.SignIn signIn) {
        this.signIn = signIn;
        this.availability = availability;
        this.table = table;
        this.users = users;
        this.live = live;
        this.workload = workload;
        this.clock = clock;
    }

    private Workload workload() {
        return workload.getIfAvailable(() -> NO_WORKLOAD);
    }

    // ---- working hours

    record RangeJson(@Schema(requiredMode = REQUIRED) DayOfWeek day,
                     @Schema(requiredMode = REQUIRED, description = "HH:mm", example = "09:00") String start,
                     @Schema(requiredMode = REQUIRED, description = "HH:mm, 24:00 allowed as an end; an end not "
                             + "after its start runs overnight", example = "17:30") String end) {
    }

    /** Documents a request body, which is read field by field with Body: springdoc cannot see it. */
    @Schema(name = "WorkingHoursChange", description = "Replaces the user's working hours.")
    record WorkingHoursChangeDoc(@Schema(maxLength = 64, example = "Europe/Amsterdam",
                                         description = "an IANA time zone; absent or null: the user's, unchanged")
                                 String timeZone,
                                 @ArraySchema(schema = @Schema(implementation = RangeJson.class), maxItems = 100,
                                         arraySchema = @Schema(requiredMode = REQUIRED)) List<RangeJson> ranges) {
    }

    record WorkingHoursResponse(String timeZone, List<RangeJson> ranges, String summary, LocalDate today,
                                List<RangeJson> todayHours) {
    }

    private WorkingHoursResponse workingHoursResponse(WorkingHours hours) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), hours.zone());
        return new WorkingHoursResponse(hours.zone().getId(), json(hours.ranges()),
                hours.hasSchedule() ? hours.describe() : null, today, json(hours.hoursOn(today)));
    }

    private static List<RangeJson> json(List<WorkingRange> ranges) {
        return ranges.stream().map(r -> new RangeJson(r.day(), r.start().toString(), r.end().toString())).toList();
    }

    @GetMapping("/users/{id}/working-hours")
    WorkingHoursResponse workingHours(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return workingHoursResponse(availability.workingHours(me, Params.pathId(id, "user")));
    }

    @PutMapping("/users/{id}/working-hours")
    WorkingHoursResponse replaceWorkingHours(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = WorkingHoursChangeDoc.class)))
            @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "timeZone", "ranges");
        ZoneId zone = body.zone("timeZone", false);
        List<WorkingRange> ranges = new ArrayList<>();
        JsonNode list = body.raw("ranges");
        if (list == null || !list.isArray()) {
            body.error("ranges", "is required: an array of {day, start, end}");
        } else if (list.size() > 100) {
            body.error("ranges", "at most 100 ranges");
        } else {
            for (int i = 0; i < list.size(); i++) {
                WorkingRange r = range(body, "ranges[" + i + "]", list.get(i));
                if (r != null) {
                    ranges.add(r);
                }
            }
        }
        body.validate();
        return workingHoursResponse(availability.replaceWorkingHours(me, userId, zone, ranges));
    }

    private static WorkingRange range(Body body, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            body.error(path, "must be an object {day, start, end}");
            return null;
        }
        for (String name : node.propertyNames()) {
            if (!List.of("day", "start", "end").contains(name)) {
                body.error(path + "." + name, "unknown field; expected day, start, end");
            }
        }
        DayOfWeek day = null;
        JsonNode d = node.get("day");
        if (d == null || !d.isString()) {
            body.error(path + ".day", "is required: MONDAY … SUNDAY");
        } else {
            try {
                day = DayOfWeek.valueOf(d.stringValue());
            } catch (IllegalArgumentException e) {
                body.error(path + ".day", "unknown day " + Body.quote(d.stringValue()) + "; expected MONDAY … SUNDAY");
            }
        }
        ClockTime start = time(body, path + ".start", node.get("start"));
        ClockTime end = time(body, path + ".end", node.get("end"));
        if (day == null || start == null || end == null) {
            return null;
        }
        if (start.isEndOfDay()) {
            body.error(path + ".start", "24:00 can only end a range");
            return null;
        }
        if (start.equals(end)) {
            body.error(path + ".end", "start and end must differ");
            return null;
        }
        try {
            return new WorkingRange(day, start, end);
        } catch (IllegalArgumentException e) {
            body.error(path, e.getMessage());
            return null;
        }
    }

    private static ClockTime time(Body body, String path, JsonNode node) {
        if (node == null || !node.isString()) {
            body.error(path, "is required: a time HH:mm (00:00–24:00)");
            return null;
        }
        try {
            return ClockTime.parse(node.stringValue());
        } catch (IllegalArgumentException e) {
            body.error(path, e.getMessage());
            return null;
        }
    }

    // ---- out of office

    record PeriodResponse(UUID id, LocalDateTime start, LocalDateTime end, LocalDate startDate, LocalDate endDate,
                          boolean wholeDays, Instant startsAt, Instant endsAt, PeriodSource source, UUID createdBy,
                          Instant createdAt) {
    }

    private PeriodResponse periodResponse(ScheduleRepository.StoredPeriod stored, ZoneId zone) {
        OutOfOfficePeriod p = stored.period();
        Interval interval = p.resolve(zone).orElse(null);
        return new PeriodResponse(UUID.fromString(p.id()), p.start(), p.endExclusive(),
                p.wholeDays() ? p.start().toLocalDate() : null,
                p.wholeDays() ? p.endExclusive().toLocalDate().minusDays(1) : null, p.wholeDays(),
                interval == null ? null : interval.startInclusive(), interval == null ? null : interval.endExclusive(),
                p.source(), stored.createdBy(), stored.createdAt());
    }

    @GetMapping("/users/{id}/out-of-office")
    List<PeriodResponse> periods(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        UUID userId = Params.pathId(id, "user");
        ZoneId zone = availability.requireUser(me, userId).timeZone();
        return availability.periods(me, userId).stream().map(p -> periodResponse(p, zone)).toList();
    }

    @Schema(name = "NewOutOfOffice", description = "Either start and end, or startDate and endDate; at most a year. "
            + "Needs plan PROFESSIONAL or ENTERPRISE.")
    record NewOutOfOfficeDoc(@Schema(maxLength = 40, example = "2026-12-24T09:00",
                                     description = "a local date-time in the user's time zone") String start,
                             @Schema(maxLength = 40, example = "2026-12-24T13:00", description = "after start")
                             String end,
                             @Schema(maxLength = 40, example = "2026-12-24", description = "whole days from this date")
                             LocalDate startDate,
                             @Schema(maxLength = 40, example = "2026-12-31", description = "inclusive")
                             LocalDate endDate) {
    }

    @PostMapping("/users/{id}/out-of-office")
    @ApiResponse(responseCode = "201", description = "created")
    ResponseEntity<PeriodResponse> addPeriod(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = NewOutOfOfficeDoc.class)))
            @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "start", "end", "startDate", "endDate");
        boolean times = body.has("start") || body.has("end");
        boolean days = body.has("startDate") || body.has("endDate");
        OutOfOfficePeriod period = null;
        if (times == days) {
            String message = "give either start and end (local date-times) or startDate and endDate (whole days, "
                    + "end inclusive)";
            body.error("startDate", message);
            if (!times) {
                body.error("start", message);
            }
        } else if (times) {
            LocalDateTime start = localDateTime(body, "start");
            LocalDateTime end = localDateTime(body, "end");
            if (start != null && end != null) {
                if (!end.isAfter(start)) {
                    body.error("end", "must be after start");
                } else if (end.isAfter(start.plusDays(366))) {
                    body.error("end", "a period may be at most a year (366 days)");
                } else {
                    period = OutOfOfficePeriod.ofTimes("new", start, end, PeriodSource.USER);
                }
            }
        } else {
            LocalDate start = localDate(body, "startDate");
            LocalDate end = localDate(body, "endDate");
            if (start != null && end != null) {
                if (end.isBefore(start)) {
                    body.error("endDate", "must be on or after startDate");
                } else if (end.isAfter(start.plusDays(365))) {
                    body.error("endDate", "a period may be at most a year (366 days)");
                } else {
                    period = OutOfOfficePeriod.ofDays("new", start, end, PeriodSource.USER);
                }
            }
        }
        body.validate();
        OutOfOfficePeriod p = period;
        ScheduleRepository.StoredPeriod stored = availability.addPeriod(me, userId, () -> p);
        ZoneId zone = availability.requireUser(me, userId).timeZone();
        return ResponseEntity.status(HttpStatus.CREATED).body(periodResponse(stored, zone));
    }

    @DeleteMapping("/users/{id}/out-of-office/{periodId}")
    @ApiResponse(responseCode = "204", description = "deleted")
    ResponseEntity<Void> deletePeriod(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                                      @PathVariable String periodId) {
        availability.deletePeriod(me, Params.pathId(id, "user"), Params.pathId(periodId, "out-of-office period"));
        return ResponseEntity.noContent().build();
    }

    private static LocalDateTime localDateTime(Body body, String field) {
        String text = body.requiredText(field, 40);
        if (text == null) {
            return null;
        }
        try {
            LocalDateTime at = LocalDateTime.parse(text);
            return inRange(body, field, at.toLocalDate(), text) ? at : null;
        } catch (DateTimeException e) {
            body.error(field, Body.quote(text) + " is not a local date-time like 2026-12-24T09:00");
            return null;
        }
    }

    private static boolean inRange(Body body, String field, LocalDate date, String text) {
        boolean ok = Params.inRange(date);
        if (!ok) {
            body.error(field, "must be in the years 1900 to 9997, was " + text);
        }
        return ok;
    }

    private static LocalDate localDate(Body body, String field) {
        String text = body.requiredText(field, 40);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return inRange(body, field, date, text) ? date : null;
        } catch (DateTimeException e) {
            body.error(field, Body.quote(text) + " is not a date like 2026-12-24");
            return null;
        }
    }

    // ---- status

    record Next(Instant at, Status status, Reason reason) {
    }

    record SetBy(UUID userId, String name, Instant at) {
    }

    record AvailabilityResponse(UUID userId, Status status, Reason reason, Instant since, Instant until, Next next,
                                boolean eligibleForAssignment, List<Eligibility.Ineligibility> ineligibleReasons,
                                SetBy setBy, String explanation, String timeZone) {
    }

    private AvailabilityResponse response(CurrentUser me, User user, EffectiveStatus s,
                                          List<Eligibility.Ineligibility> ineligibility) {
        SetBy setBy = null;
        Map<UUID, Optional<String>> names = new HashMap<>();
        String explanation = explained(me, s, names);
        if (s.setBy() != null) {
            UUID actor = Ids.parseOrNull(s.setBy());
            setBy = new SetBy(actor, actor == null ? null : name(me, actor, names).orElse(null), s.setAt());
        }
        Next next = s.next() == null ? null : new Next(s.next().at(), s.next().status(), s.next().reason());
        return new AvailabilityResponse(user.id(), s.status(), s.reason(), s.since(), s.until(), next,
                ineligibility.isEmpty(), ineligibility, setBy, explanation, user.timeZone().getId());
    }

    /** The rules know who set a status by id only; a person reads a name ("set by an admin (Ann Admin) on …"). */
    private String explained(CurrentUser me, EffectiveStatus s, Map<UUID, Optional<String>> names) {
        UUID actor = s.setBy() == null ? null : Ids.parseOrNull(s.setBy());
        Optional<String> name = actor == null ? Optional.empty() : name(me, actor, names);
        return name.map(n -> s.explanation().replace("(" + s.setBy() + ")", "(" + n + ")")).orElse(s.explanation());
    }

    private Optional<String> name(CurrentUser me, UUID userId, Map<UUID, Optional<String>> names) {
        return names.computeIfAbsent(userId, id -> users.find(me.accountId(), id).map(User::name));
    }

    @GetMapping("/users/{id}/availability")
    AvailabilityResponse availability(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                                      @RequestParam(required = false) String at) {
        Instant instant = at == null ? clock.instant() : Params.instant("at", at);
        Availability.Answer answer = availability.availability(me, Params.pathId(id, "user"), instant, workload());
        return response(me, answer.user(), answer.status(), answer.ineligibility());
    }

    record TimelineResponse(String timeZone, List<TimelineInterval> intervals) {
    }

    @GetMapping("/users/{id}/availability/timeline")
    TimelineResponse timeline(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        UUID userId = Params.pathId(id, "user");
        Instant start = from == null ? clock.instant() : Params.instant("from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : Params.instant("to", to);
        ZoneId zone = availability.requireUser(me, userId).timeZone();
        return new TimelineResponse(zone.getId(), availability.timeline(me, userId, start, end));
    }

    @Schema(name = "StatusChange", description = "AWAY may be limited by durationMinutes or until, not both.")
    record StatusChangeDoc(@Schema(requiredMode = REQUIRED) Status status,
                           @Schema(minimum = "1", maximum = "43200", description = "AWAY for this long")
                           Integer durationMinutes,
                           @Schema(maxLength = 40, example = "2026-12-24T09:00:00Z", description = "AWAY until then")
                           Instant until) {
    }

    @PutMapping("/users/{id}/status")
    AvailabilityResponse setStatus(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = StatusChangeDoc.class)))
            @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "status", "durationMinutes", "until");
        Status status = body.enumValue("status", Status.class, true);
        Integer minutes = body.nullableInt("durationMinutes", 1, 30 * 24 * 60);
        String untilText = body.text("until", 40);
        Instant until = null;
        if (minutes != null && untilText != null) {
            body.error("until", "give durationMinutes or until, not both");
        } else if (minutes != null) {
            until = clock.instant().plus(Duration.ofMinutes(minutes));
        } else if (untilText != null) {
            try {
                until = Params.instant("until", untilText);
            } catch (InvalidInputException e) {
                e.errors().forEach(err -> body.error(err.field(), err.message()));
            }
        }
        if (until != null && status == Status.AVAILABLE) {
            body.error(minutes != null ? "durationMinutes" : "until", "a duration applies to AWAY only");
        }
        if (until != null && !me.is(userId)) {
            // the service refuses it too; here the answer can name the field that was sent
            body.error(minutes != null ? "durationMinutes" : "until", "only users themselves set a temporary away");
        }
        body.validate();
        availability.setStatus(me, userId, minutes != null ? Availability.StatusRequest.awayFor(Duration.ofMinutes(minutes))
                : new Availability.StatusRequest(status, until));
        Availability.Answer answer = availability.availability(me, userId, clock.instant(), workload());
        return response(me, answer.user(), answer.status(), answer.ineligibility());
    }

    // ---- management table, history, live events

    record NamedJson(UUID id, String name) {
    }

    record TableRow(UUID userId, String name, String email, Seat seat, Status status, Reason reason, Instant until,
                    String explanation, String timeZone, LocalDate today, List<RangeJson> todayHours,
                    String schedule, List<ManagementTable.Named> inboxes, List<ManagementTable.Named> teams,
                    int openConversations) {
    }

    @GetMapping("/availability")
    PageResponse<TableRow> table(@AuthenticationPrincipal CurrentUser me,
                                 @RequestParam(required = false) String inboxId,
                                 @RequestParam(required = false) String teamId,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String q,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        Status wanted = Params.optionalEnum("status", status, Status.class);
        UUID inbox = Params.optionalId("inboxId", inboxId);
        UUID team = Params.optionalId("teamId", teamId);
        PageResponse<ManagementTable.Row> rows = table.page(me, inbox, team, wanted, q, PageRequest.of(page, size),
                workload());
        Map<UUID, Optional<String>> names = new HashMap<>();
        rows.items().forEach(r -> names.put(r.user().id(), Optional.of(r.user().name())));
        return rows.map(r -> new TableRow(r.user().id(), r.user().name(),
                r.user().email(), r.user().seat(), r.status().status(), r.status().reason(), r.status().until(),
                explained(me, r.status(), names), r.user().timeZone().getId(), r.today(), json(r.todayHours()),
                r.scheduleSummary(), r.inboxes(), r.teams(), r.openConversations()));
    }

    record HistoryEntry(long id, Instant at, Status oldStatus, Reason oldReason, Status status, Reason reason,
                        UUID actorId, String cause) {
    }

    @GetMapping("/users/{id}/status-history")
    List<HistoryEntry> history(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : Params.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : Params.instant("from", from);
        return availability.history(me, Params.pathId(id, "user"), start, end).stream()
                .map(e -> new HistoryEntry(e.id(), e.event().at(), e.event().oldStatus(), e.event().oldReason(),
                        e.event().newStatus(), e.event().newReason(), e.event().actorId(), e.event().cause()))
                .toList();
    }

    @GetMapping(path = "/events", produces = "text/event-stream")
    SseEmitter events(@AuthenticationPrincipal CurrentUser me,
                      @org.springframework.web.bind.annotation.RequestHeader("Authorization") String authorization) {
        // the stream lasts as long as its token: revoked, or its user deactivated, it ends
        return live.subscribe(me.accountId(), "user:" + me.userId(),
                () -> signIn.authenticateHeader(authorization).isPresent());
    }
}
