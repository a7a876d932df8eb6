package dev.rota.ui;

import dev.rota.availability.EffectiveStatus;
import dev.rota.availability.Status;
import dev.rota.availability.service.Availability;
import dev.rota.availability.service.LiveEvents;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Seat;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The inbox page: the viewer's own status menu, their open conversations and the queue of their inboxes. */
@Controller
class InboxController {

    static final List<Integer> PRESET_MINUTES = List.of(15, 30, 60, 120, 240);
    private static final int MAX_CUSTOM_MINUTES = 30 * 24 * 60;

    private final Availability availability;
    private final Users users;
    private final LiveEvents live;
    private final Clock clock;
    private final ConversationViews conversations;

    private final UiFormat format;

    InboxController(UiFormat format, Availability availability, Users users, LiveEvents live, Clock clock,
                    ConversationViews conversations) {
        this.format = format;
        this.conversations = conversations;
        this.availability = availability;
        this.users = users;
        this.live = live;
        this.clock = clock;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/inbox";
    }

    @GetMapping("/inbox")
    String inbox(@ModelAttribute(name = "me", binding = false) CurrentUser me, Model model) {
        statusModel(me, model);
        conversations.lists(me, model);
        return "inbox";
    }

    /** The status block alone, for htmx refreshes after a live event. */
    @GetMapping("/inbox/status")
    String statusBlock(@ModelAttribute(name = "me", binding = false) CurrentUser me,
                       @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        if (htmx == null) {
            return "redirect:/inbox"; // the address opened in the browser (a reload after a plain post): the page
        }
        statusModel(me, model);
        return "inbox :: status";
    }

    @PostMapping("/inbox/status")
    String setStatus(@ModelAttribute(name = "me", binding = false) CurrentUser me,
                     @RequestParam String status,
                     @RequestParam(required = false) String minutes,
                     @RequestParam(required = false) String customMinutes,
                     @RequestHeader(name = "HX-Request", required = false) String htmx,
                     RedirectAttributes redirect, Model model) {
        Status wanted = "AVAILABLE".equals(status) ? Status.AVAILABLE : Status.AWAY;
        Duration duration = null;
        // the menu sends AVAILABLE or AWAY; anything else is a tampered form, not a wish to be away
        String error = "AVAILABLE".equals(status) || "AWAY".equals(status) ? null : "error.badRequest";
        if (error == null && wanted == Status.AWAY && ("custom".equals(minutes) || (customMinutes != null && !customMinutes.isBlank()
                && minutes == null))) {
            Integer custom = parseMinutes(customMinutes);
            if (custom == null) {
                error = "error.customMinutes";
            } else {
                duration = Duration.ofMinutes(custom);
            }
        } else if (error == null && wanted == Status.AWAY && minutes != null && !minutes.isBlank()) {
            Integer preset = parseMinutes(minutes);
            if (preset == null || !PRESET_MINUTES.contains(preset)) {
                error = "error.customMinutes";
            } else {
                duration = Duration.ofMinutes(preset);
            }
        }
        StatusNotice notice = null;
        if (error == null) {
            try {
                availability.setStatus(me, me.userId(), duration != null ? Availability.StatusRequest.awayFor(duration)
                        : new Availability.StatusRequest(wanted, null));
                if (wanted == Status.AVAILABLE) {
                    notice = StatusNotice.afterAvailable(availability.statusOf(me.accountId(), me.userId(),
                            clock.instant()), true, me.name(), me.timeZone(), format);
                }
            } catch (ForbiddenException e) {
                error = "seat-required".equals(e.type()) ? "error.seatRequired" : "error.forbidden";
            } catch (InvalidInputException e) {
                error = "error.customMinutes";
            }
        }
        // refused: the menu opens again with what was typed, next to the message
        String typed = error != null && customMinutes != null ? customMinutes : null;
        if (htmx != null) {
            model.addAttribute("statusError", error);
            model.addAttribute("statusNotice", notice);
            model.addAttribute("customTyped", typed);
            statusModel(me, model);
            return "inbox :: status";
        }
        redirect.addFlashAttribute("statusError", error);
        redirect.addFlashAttribute("statusNotice", notice);
        redirect.addFlashAttribute("customTyped", typed);
        return "redirect:/inbox";
    }

    /** The page's live events, as long as its session lasts and its user is active (ended with the session). */
    @GetMapping(path = "/ui/events", produces = "text/event-stream")
    SseEmitter events(@ModelAttribute(name = "me", binding = false) CurrentUser me, jakarta.servlet.http.HttpSession session) {
        UUID accountId = me.accountId();
        UUID userId = me.userId();
        // the password this session signed in with (UiAdvice checked it for this request): a new one ends the stream
        UiSecurityConfiguration.SignedIn signedIn = UiSecurityConfiguration.SignedIn.current();
        return live.subscribe(accountId, sessionOwner(session.getId()), () -> {
            session.getCreationTime(); // throws once the session was invalidated
            return users.findStamped(accountId, userId).filter(signedIn::stillHolds).isPresent();
        });
    }

    static String sessionOwner(String sessionId) {
        return "session:" + sessionId;
    }

    /** A session that ends (sign-out, timeout) takes its live streams with it. */
    @org.springframework.context.event.EventListener
    void on(org.springframework.security.web.session.HttpSessionDestroyedEvent destroyed) {
        live.end(sessionOwner(destroyed.getId()));
    }

    private void statusModel(CurrentUser me, Model model) {
        EffectiveStatus s = availability.statusOf(me.accountId(), me.userId(), clock.instant());
        model.addAttribute("status", StatusView.of(s, me.userId(),
                id -> users.find(me.accountId(), id).map(User::name).orElse(null)));
        model.addAttribute("mayTemporarilyAway", me.seat() == Seat.SERVICE);
        model.addAttribute("presets", PRESET_MINUTES);
    }

    private static Integer parseMinutes(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.trim());
            return n >= 1 && n <= MAX_CUSTOM_MINUTES ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
