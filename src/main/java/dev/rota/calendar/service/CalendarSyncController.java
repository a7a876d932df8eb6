package dev.rota.calendar.service;

import dev.rota.directory.CurrentUser;
import dev.rota.web.Body;
import dev.rota.web.Params;
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

    @PutMapping("/users/{id}/calendar-sync")
    CalendarSync.LinkView link(@AuthenticationPrincipal CurrentUser me, @PathVariable String id,
                               @RequestBody JsonNode json) {
        UUID userId = Params.pathId(id, "user");
        Body body = Body.of(json, "type", "url", "username", "password");
        LinkType type = body.enumValue("type", LinkType.class, true);
        String url = body.requiredText("url", CalendarSync.MAX_URL_LENGTH);
        String username = body.text("username", 200);
        String password = null;
        JsonNode raw = body.raw("password");
        if (raw != null && !raw.isNull()) {
            if (!raw.isString() || raw.stringValue().isEmpty() || raw.stringValue().length() > 1000) {
                body.error("password", "must be a string of 1 to 1000 characters");
            } else {
                password = raw.stringValue();
            }
        }
        body.validate();
        return sync.link(me, userId, new CalendarSync.LinkRequest(type, url, username, password));
    }

    @DeleteMapping("/users/{id}/calendar-sync")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        sync.unlink(me, Params.pathId(id, "user"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/users/{id}/calendar-sync/run")
    CalendarSync.LinkView run(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
        return sync.runNow(me, Params.pathId(id, "user"));
    }

    record CalendarSettingsJson(List<String> outOfOfficeTitles) {
    }

    @GetMapping("/account/calendar-settings")
    CalendarSettingsJson calendarSettings(@AuthenticationPrincipal CurrentUser me) {
        return new CalendarSettingsJson(settings.outOfOfficeTitles(me));
    }

    @PutMapping("/account/calendar-settings")
    CalendarSettingsJson replaceCalendarSettings(@AuthenticationPrincipal CurrentUser me, @RequestBody JsonNode json) {
        Body body = Body.of(json, "outOfOfficeTitles");
        JsonNode list = body.raw("outOfOfficeTitles");
        List<String> titles = new ArrayList<>();
        if (list == null || !list.isArray()) {
            body.error("outOfOfficeTitles", "is required: an array of titles");
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isString()) {
                    body.error("outOfOfficeTitles[" + i + "]", "must be a string");
                } else {
                    titles.add(list.get(i).stringValue());
                }
            }
        }
        body.validate();
        return new CalendarSettingsJson(settings.replaceOutOfOfficeTitles(me, titles));
    }
}
