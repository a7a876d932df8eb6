package dev.rota.ui;

import dev.rota.web.Params;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The addresses forms post to, opened with GET: a refused form renders its page at the form's address, so the
 * language switch, a reload after it or a bookmark lands here. Each goes to its page, at the form.
 */
@Controller
class FormAddresses {

    @GetMapping({"/settings/inboxes/{id}/routing/{channel}"})
    String rule(@PathVariable String id, @PathVariable String channel) {
        UUID inbox = Params.pathId(id, "inbox");
        return "redirect:/settings/inboxes/" + inbox + "#rule-" + channel.replaceAll("[^A-Z_]", "");
    }

    @GetMapping("/settings/inboxes/{id}/reassign")
    String reassign(@PathVariable String id) {
        return "redirect:/settings/inboxes/" + Params.pathId(id, "inbox") + "#reassign";
    }

    @GetMapping({"/conversations/{id}/assignee", "/conversations/{id}/close",
            "/conversations/{id}/reopen"})
    String conversation(@PathVariable String id) {
        return "redirect:/conversations/" + Params.pathId(id, "conversation");
    }

    @GetMapping({"/settings/availability/filters", "/settings/availability/filters/clear",
            "/settings/availability/users/{userId}/status"})
    String availability() {
        return "redirect:/settings/availability";
    }

    @GetMapping({"/users/{id}/preferences/out-of-office", "/users/{id}/preferences/out-of-office/{periodId}/delete",
            "/users/{id}/preferences/calendar-sync", "/users/{id}/preferences/calendar-sync/run",
            "/users/{id}/preferences/calendar-sync/unlink"})
    String workingHours(@PathVariable String id) {
        return "redirect:/users/" + Params.pathId(id, "user") + "/preferences/working-hours";
    }
}
