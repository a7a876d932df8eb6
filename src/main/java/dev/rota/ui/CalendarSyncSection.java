package dev.rota.ui;

import dev.rota.calendar.service.CalendarSync;
import dev.rota.calendar.service.CalendarSync.LinkView;
import dev.rota.calendar.service.LinkType;
import dev.rota.directory.CurrentUser;
import dev.rota.web.FieldError;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The "Sync out of office with your calendar" section of the working-hours page: the link as the service shows it
 * (never a password, a feed's URL only up to its host), and the link form with its field errors as message keys.
 */
@Component
class CalendarSyncSection {

    static final int MAX_URL = 2000;
    static final int MAX_USERNAME = 200;
    static final int MAX_PASSWORD = 1000;

    /** The link as listed; {@code lastSync} already written in the viewer's zone. */
    record View(LinkType type, String url, String username, boolean hasPassword, String lastSync, String outcome,
                String message, int warnings) {
    }

    /** What the page showed of the link, for its form to say it is still so ("none": no calendar linked). */
    String version(CurrentUser me, UUID userId) {
        try {
            return version(sync.get(me, userId));
        } catch (NotFoundException e) {
            return version(null);
        }
    }

    private static String version(LinkView link) {
        return link == null ? "none" : link.type() + " " + link.linkedAt();
    }

    /** What the form posted, after the form's own checks; the password is never kept for re-display. */
    record Form(String type, String url, String username, String password, Map<String, String> errors) {

        static Form parse(String type, String url, String username, String password) {
            Map<String, String> errors = new LinkedHashMap<>();
            String t = type == null ? "" : type.trim();
            if (!t.equals(LinkType.ICS_FEED.name()) && !t.equals(LinkType.CALDAV.name())) {
                errors.put("type", "calendar.error.type");
            }
            String u = url == null ? "" : url.trim();
            if (u.isEmpty()) {
                errors.put("url", "calendar.error.urlRequired");
            } else if (u.length() > MAX_URL) {
                errors.put("url", "calendar.error.urlTooLong");
            }
            boolean caldav = t.equals(LinkType.CALDAV.name());
            // an iCalendar feed's address is its own secret: the form asks for credentials only for CalDAV
            String user = caldav && username != null && !username.isBlank() ? username.trim() : null;
            String pass = caldav && password != null && !password.isEmpty() ? password : null;
            if (user != null && user.length() > MAX_USERNAME) {
                errors.put("username", "calendar.error.usernameTooLong");
            }
            if (pass != null && pass.length() > MAX_PASSWORD) {
                errors.put("password", "calendar.error.passwordTooLong");
            }
            return new Form(t, u, user, pass, errors);
        }

        CalendarSync.LinkRequest request() {
            return new CalendarSync.LinkRequest(LinkType.valueOf(type), url, username, password);
        }

        /** The fields shown again after an error: everything but the password. */
        Map<String, String> shown() {
            return Map.of("type", type, "url", url, "username", username == null ? "" : username);
        }
    }

    private final CalendarSync sync;
    private final UiFormat format;

    CalendarSyncSection(CalendarSync sync, UiFormat format) {
        this.sync = sync;
        this.format = format;
    }

    /** Adds {@code calendarLink} (or null), {@code calendarForm} and {@code calendarErrors} unless already there. */
    void render(CurrentUser me, UUID userId, boolean allowed, boolean editable, Model model) {
        LinkView link = null;
        if (editable) { // also without the plan: a link made before a downgrade can be seen and unlinked
            try {
                link = sync.get(me, userId);
            } catch (NotFoundException | ForbiddenException e) {
                link = null;
            }
            model.addAttribute("calendarVersion", version(link));
        }
        View view = link == null ? null : view(me, link);
        model.addAttribute("calendarLink", view);
        if (!model.containsAttribute("calendarForm")) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("type", view == null ? LinkType.ICS_FEED.name() : view.type().name());
            // a feed's stored address is secret and shown masked, so it is never put back into the field
            form.put("url", view != null && view.type() == LinkType.CALDAV ? view.url() : "");
            form.put("username", view == null || view.username() == null ? "" : view.username());
            model.addAttribute("calendarForm", form);
            model.addAttribute("calendarErrors", Map.of());
        }
    }

    LinkView link(CurrentUser me, UUID userId, Form form) {
        return sync.link(me, userId, form.request());
    }

    LinkView runNow(CurrentUser me, UUID userId) {
        return sync.runNow(me, userId);
    }

    /** Unlinks; a calendar already unlinked (a second tab, a double click) is not an error. */
    void unlink(CurrentUser me, UUID userId) {
        try {
            sync.unlink(me, userId);
        } catch (NotFoundException e) {
            if (e.getMessage() != null && e.getMessage().contains("calendar link")) {
                return;
            }
            throw e;
        }
    }

    private View view(CurrentUser me, LinkView link) {
        return new View(link.type(), link.url(), link.username(), link.hasPassword(),
                link.lastSyncAt() == null ? null : format.at(link.lastSyncAt(), me.timeZone()),
                link.lastOutcome(), link.lastMessage(), link.warnings());
    }

    /** The service's field errors as message keys of the form, so they show in the viewer's language. */
    static Map<String, String> errors(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            errors.putIfAbsent(error.field(), key(error));
        }
        return errors;
    }

    private static String key(FieldError error) {
        String m = error.message() == null ? "" : error.message();
        return switch (error.field()) {
            case "url" -> m.startsWith("is required") ? "calendar.error.urlRequired"
                    : m.startsWith("must be at most") ? "calendar.error.urlTooLong"
                    : m.startsWith("is not a valid URL") ? "calendar.error.urlInvalid"
                    : m.startsWith("must be an http") ? "calendar.error.scheme"
                    : m.startsWith("must name a host") ? "calendar.error.host"
                    : m.startsWith("must not contain credentials") ? "calendar.error.credentials"
                    : m.startsWith("is refused") ? "calendar.error.refused"
                    : "calendar.error.urlInvalid";
            case "username" -> "calendar.error.usernameRequired";
            case "password" -> "calendar.error.passwordRequired";
            case "type" -> "calendar.error.type";
            default -> "calendar.error.invalid";
        };
    }
}
