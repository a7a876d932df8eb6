package dev.rota.calendar.service;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.directory.CurrentUser;
import dev.rota.web.Body;
import dev.rota.web.Params;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** REST API of calendar sync: a user's linked calendar, and the account's out-of-office titles. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Calendar sync")
class CalendarSyncController {

    private final CalendarSync sync;
    private final CalendarSettings settings;

    CalendarSyncController(CalendarSync sync, CalendarSettings settings) {
        this.sync = sync;
        this.settings = settings;
    }

    @GetMapping("/users/{id}/calendar-sync")
    CalendarSync.LinkView get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return sync.get(me, Params.pathId(id, "user"));
    }

    /** Documents a request body, which is read field by field with Body: springdoc cannot see it. */
    @Schema(name = "CalendarLink")
    record CalendarLinkDoc(@Schema(requiredMode = REQUIRED,
                                   description = "ICS_FEED: a read-only feed URL; CALDAV: a calendar collection")
                           LinkType type,
                           @Schema(requiredMode = REQUIRED, maxLength = CalendarSync.MAX_URL_LENGTH) String url,
                           @Schema(maxLength = 200) String username,
                           @Schema(minLength = 1, maxLength = 1000,
                                   description = "absent or null: the stored one of the same calendar is kept")
                           String password) {
    }

    @PutMapping("/users/{id}/calendar-sync")
    CalendarSync.LinkView link(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = CalendarLinkDoc.class)))
            @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "type", "url", "username", "password");
        LinkType type = body.enumValue("type", LinkType.class, true);
        String url = body.requiredText("url", CalendarSync.MAX_URL_LENGTH);
        String username = body.text("username", 200);
        String password = body.secret("password", 1000);
        body.validate();
        return sync.link(me, userId, new CalendarSync.LinkRequest(type, url, username, password));
    }

    @DeleteMapping("/users/{id}/calendar-sync")
    @ApiResponse(responseCode = "204", description = "unlinked, its periods removed")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        sync.unlink(me, Params.pathId(id, "user"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/users/{id}/calendar-sync/run")
    CalendarSync.LinkView run(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return sync.runNow(me, Params.pathId(id, "user"));
    }

    /** Also the request body of PUT. */
    @Schema(name = "CalendarSettings")
    record CalendarSettingsJson(@ArraySchema(maxItems = CalendarSettings.MAX_TITLES,
                                        arraySchema = @Schema(requiredMode = REQUIRED,
                                                description = "titles that mark a calendar event out of office"),
                                        schema = @Schema(minLength = 1, maxLength = CalendarSettings.MAX_TITLE_LENGTH))
                                List<String> outOfOfficeTitles) {
    }

    @GetMapping("/account/calendar-settings")
    CalendarSettingsJson calendarSettings(@AuthenticationPrincipal CurrentUser me) {
        return new CalendarSettingsJson(settings.outOfOfficeTitles(me));
    }

    @PutMapping("/account/calendar-settings")
    CalendarSettingsJson replaceCalendarSettings(@AuthenticationPrincipal CurrentUser me,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = CalendarSettingsJson.class)))
            @RequestBody JsonNode json) {
        Body body = Body.of(json, "outOfOfficeTitles");
        JsonNode list = body.raw("outOfOfficeTitles");
        List<String> titles = new ArrayList<>();
        if (list == null || !list.isArray()) {
            body.error("outOfOfficeTitles", "is required: an array of titles");
        } else {
            for (int i = 0; i < list.size(); i++) {
                String problem = list.get(i).isString() ? Body.notALine(list.get(i).stringValue()) : null;
                if (!list.get(i).isString()) {
                    body.error("outOfOfficeTitles[" + i + "]", "must be a string");
                } else if (problem != null) {
                    body.error("outOfOfficeTitles[" + i + "]", problem);
                } else {
                    titles.add(list.get(i).stringValue());
                }
            }
        }
        body.validate();
        return new CalendarSettingsJson(settings.replaceOutOfOfficeTitles(me, titles));
    }
}
