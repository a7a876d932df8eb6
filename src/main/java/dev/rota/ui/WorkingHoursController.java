package dev.rota.ui;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.Interval;
import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.WorkingHours;
import dev.rota.availability.service.Availability;
import dev.rota.directory.Accounts;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.ConflictException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.Params;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A user's preferences → working hours: time zone, weekly ranges and out-of-office periods. */
@Controller
@RequestMapping("/users/{id}/preferences")
class WorkingHoursController {

    /** The zones the API takes (Body.TimeZones), UTC once. */
    /** Region ids (continent/city) to choose from, and UTC; legacy names (CET, US/Eastern, Cuba) are left out. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> dev.rota.web.Body.TimeZones.parse(z).isPresent())
            .filter(z -> z.equals("UTC") || z.matches(
                    "(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+"))
            .sorted().toList();

    private final Availability availability;
    private final Users users;
    private final Accounts accounts;
    private final UiFormat format;
    private final Clock clock;
    private final CalendarSyncSection calendar;

    WorkingHoursController(Availability availability, Users users, Accounts accounts, UiFormat format, Clock clock,
                           CalendarSyncSection calendar) {
        this.availability = availability;
        this.calendar = calendar;
        this.users = users;
        this.accounts = accounts;
        this.format = format;
        this.clock = clock;
    }

    @GetMapping("/working-hours")
    String page(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id, Model model) {
        User user = user(me, id);
        WorkingHours hours = availability.workingHours(me, user.id());
        render(me, user, WorkingHoursForm.of(hours), WorkingHoursForm.fingerprint(hours), model);
        return "working-hours";
    }

    /** One form, three actions: save, add a row, or remove row {@code remove-N} (the last two save nothing). */
    @PostMapping("/working-hours")
    String save(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                @RequestParam(required = false) String timeZone,
                @RequestParam(name = "day", required = false) String[] days,
                @RequestParam(name = "start", required = false) String[] starts,
                @RequestParam(name = "end", required = false) String[] ends,
                @RequestParam(required = false) String fingerprint,
                @RequestParam(defaultValue = "save") String action,
                Model model, RedirectAttributes redirect) {
        User user = user(me, id);
        WorkingHoursForm form = WorkingHoursForm.parse(timeZone, days, starts, ends);
        // adding or removing a row changes the form only: the page says so, with the keyboard where the work goes on
        if (action.equals("add")) {
            render(me, user, form.withRow(WorkingHoursForm.Row.after(form.rows())), fingerprint, model);
            model.addAttribute("focusRow", form.rows().size());
            model.addAttribute("unsaved", true);
            return "working-hours";
        }
        if (action.startsWith("remove-")) {
            render(me, user, form.withoutRow(parseIndex(action.substring(7))), fingerprint, model);
            model.addAttribute("unsaved", true);
            return "working-hours";
        }
        if (!form.valid()) {
            model.addAttribute("hoursError", "error.fixBelow");
            render(me, user, form, fingerprint, model);
            return "working-hours";
        }
        try {
            availability.replaceWorkingHours(me, user.id(), ZoneId.of(form.zone()), form.ranges(),
                    current -> WorkingHoursForm.fingerprint(current).equals(fingerprint));
        } catch (ConflictException e) {
            model.addAttribute("hoursError", "error.stale");
            render(me, user, form, fingerprint, model);
            return "working-hours";
        } catch (InvalidInputException e) {
            model.addAttribute("hoursError", "error.invalid");
            render(me, user, form, fingerprint, model);
            return "working-hours";
        }
        redirect.addFlashAttribute("hoursSaved", true);
        return "redirect:/users/" + user.id() + "/preferences/working-hours";
    }

    @PostMapping("/out-of-office")
    String addPeriod(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                     @RequestParam(required = false) String startDate, @RequestParam(required = false) String endDate,
                     @RequestParam(required = false) String startTime, @RequestParam(required = false) String endTime,
                     Model model, RedirectAttributes redirect) {
        User user = user(me, id);
        Map<String, String> errors = new HashMap<>();
        LocalDate from = date(startDate, "startDate", errors);
        LocalDate to = date(endDate, "endDate", errors);
        LocalTime fromTime = time(startTime, "startTime", errors);
        LocalTime toTime = time(endTime, "endTime", errors);
        OutOfOfficePeriod period = null;
        if (errors.isEmpty() && (fromTime == null) != (toTime == null)) {
            // one time without the other is neither a whole day nor a period with times: ask, don't guess
            errors.put(fromTime == null ? "startTime" : "endTime", "error.bothTimes");
        }
        if (errors.isEmpty()) {
            boolean wholeDays = fromTime == null && toTime == null;
            LocalDateTime start = from.atTime(fromTime == null ? LocalTime.MIDNIGHT : fromTime);
            LocalDateTime end = wholeDays || toTime == null ? to.plusDays(1).atStartOfDay() : to.atTime(toTime);
            if (!end.isAfter(start)) {
                errors.put(wholeDays ? "endDate" : "endTime", "error.endBeforeStart");
            } else if (end.isAfter(start.plusDays(366))) {
                errors.put("endDate", "error.tooLong");
            } else if (!end.isAfter(LocalDateTime.ofInstant(clock.instant(), user.timeZone()))) {
                // an ended period changes nothing, and the list (current and coming periods) would never show it
                errors.put(wholeDays ? "endDate" : "endTime", "error.periodEnded");
            } else {
                period = wholeDays ? OutOfOfficePeriod.ofDays("new", from, to, PeriodSource.USER)
                        : OutOfOfficePeriod.ofTimes("new", start, end, PeriodSource.USER);
            }
        }
        if (errors.isEmpty()) {
            OutOfOfficePeriod p = period;
            try {
                availability.addPeriod(me, user.id(), () -> p);
                redirect.addFlashAttribute("periodSaved", true);
                return "redirect:/users/" + user.id() + "/preferences/working-hours#out-of-office";
            } catch (dev.rota.web.InvalidInputException e) {
                errors.put("endTime", "error.emptyInGap"); // empty in the user's zone (a daylight-saving gap)
            }
        }
        model.addAttribute("periodErrors", errors);
        model.addAttribute("periodForm", Map.of("startDate", nz(startDate), "endDate", nz(endDate),
                "startTime", nz(startTime), "endTime", nz(endTime)));
        WorkingHours hours = availability.workingHours(me, user.id());
        render(me, user, WorkingHoursForm.of(hours), WorkingHoursForm.fingerprint(hours), model);
        return "working-hours";
    }

    @PostMapping("/out-of-office/{periodId}/delete")
    String deletePeriod(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                        @PathVariable String periodId, RedirectAttributes redirect) {
        User user = user(me, id);
        availability.deletePeriod(me, user.id(), Params.pathId(periodId, "out-of-office period"));
        redirect.addFlashAttribute("periodDeleted", true);
        return "redirect:/users/" + user.id() + "/preferences/working-hours#out-of-office";
    }

    /** Links (or replaces) the calendar and syncs it once; field errors come back in place, nothing is saved. */
    @PostMapping("/calendar-sync")
    String linkCalendar(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                        @RequestParam(required = false) String type, @RequestParam(required = false) String url,
                        @RequestParam(required = false) String username,
                        @RequestParam(required = false) String password,
                        @RequestParam(required = false) String calendarVersion,
                        Model model, RedirectAttributes redirect) {
        User user = user(me, id);
        CalendarSyncSection.Form form = CalendarSyncSection.Form.parse(type, url, username, password);
        Map<String, String> errors = form.errors();
        if (calendarVersion != null && !calendarVersion.equals(calendar.version(me, user.id()))) {
            // linked, changed or unlinked by someone else since the page was opened: never replace that unseen
            errors = Map.of("link", "calendar.error.stale");
        }
        if (errors.isEmpty()) {
            try {
                calendar.link(me, user.id(), form);
                redirect.addFlashAttribute("calendarLinked", true);
                return "redirect:/users/" + user.id() + "/preferences/working-hours#calendar-sync";
            } catch (InvalidInputException e) {
                errors = CalendarSyncSection.errors(e);
            }
        }
        model.addAttribute("calendarForm", form.shown());
        model.addAttribute("calendarErrors", errors);
        model.addAttribute("calendarOpen", true);
        WorkingHours hours = availability.workingHours(me, user.id());
        render(me, user, WorkingHoursForm.of(hours), WorkingHoursForm.fingerprint(hours), model);
        return "working-hours";
    }

    @PostMapping("/calendar-sync/run")
    String syncCalendar(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                        RedirectAttributes redirect) {
        User user = user(me, id);
        calendar.runNow(me, user.id());
        redirect.addFlashAttribute("calendarSynced", true);
        return "redirect:/users/" + user.id() + "/preferences/working-hours#calendar-sync";
    }

    /** Unlinks and removes the calendar's periods (the checkbox unchecked, or "Unlink"). */
    @PostMapping("/calendar-sync/unlink")
    String unlinkCalendar(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                          RedirectAttributes redirect) {
        User user = user(me, id);
        calendar.unlink(me, user.id());
        redirect.addFlashAttribute("calendarUnlinked", true);
        return "redirect:/users/" + user.id() + "/preferences/working-hours#calendar-sync";
    }

    private void render(CurrentUser me, User user, WorkingHoursForm form, String fingerprint, Model model) {
        Instant now = clock.instant();
        AvailabilityInput input = availability.inputsOf(me.accountId(), List.of(user.id()), now).get(user.id());
        WorkingHours saved = input.hours();
        LocalDate today = LocalDate.ofInstant(now, saved.zone());
        model.addAttribute("user", user);
        model.addAttribute("editable", me.isSuperAdmin() || me.is(user.id()));
        model.addAttribute("status", StatusView.of(availability.statusOf(me.accountId(), user.id(), now), user.id(),
                id -> users.find(me.accountId(), id).map(User::name).orElse(null)));
        model.addAttribute("today", format.date(today));
        model.addAttribute("todayHours", format.ranges(saved.hoursOn(today)));
        model.addAttribute("savedZone", saved.zone());
        model.addAttribute("zones", ZONES);
        model.addAttribute("timeZone", form.zone());
        model.addAttribute("zoneError", form.zoneError());
        model.addAttribute("rows", form.rows());
        model.addAttribute("fingerprint", fingerprint);
        model.addAttribute("days", java.time.DayOfWeek.values());
        boolean outOfOfficeAllowed = accounts.find(me.accountId()).plan().allowsOutOfOffice();
        model.addAttribute("outOfOfficeAllowed", outOfOfficeAllowed);
        calendar.render(me, user.id(), outOfOfficeAllowed, me.isSuperAdmin() || me.is(user.id()), model);
        model.addAttribute("periods", periods(input, saved.zone(), now));
        if (!model.containsAttribute("periodForm")) {
            model.addAttribute("periodForm", Map.of());
            model.addAttribute("periodErrors", Map.of());
        }
    }

    private List<PeriodView> periods(AvailabilityInput input, ZoneId zone, Instant now) {
        return input.periods().stream()
                .filter(p -> p.resolve(zone).map(Interval::endExclusive).map(now::isBefore).orElse(false))
                .sorted(Comparator.comparing(OutOfOfficePeriod::start))
                .map(p -> p.wholeDays()
                        ? new PeriodView(p.id(), format.date(p.start().toLocalDate()),
                                format.date(p.endExclusive().toLocalDate().minusDays(1)), true, p.source())
                        : new PeriodView(p.id(), format.local(p.start()), format.local(p.endExclusive()), false,
                                p.source()))
                .toList();
    }

    private User user(CurrentUser me, String id) {
        return users.get(me, Params.pathId(id, "user"));
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        try {
            LocalDate date = LocalDate.parse(nz(text).trim());
            if (dev.rota.web.Params.inRange(date)) {
                return date;
            }
        } catch (DateTimeException e) {
            // not a date at all
        }
        errors.put(field, "error.date");
        return null;
    }

    private static LocalTime time(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeException e) {
            errors.put(field, "error.time");
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
