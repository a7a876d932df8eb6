package dev.rota.ui;

import dev.rota.availability.Status;
import dev.rota.availability.service.Availability;
import dev.rota.availability.service.ManagementTable;
import dev.rota.availability.service.Workload;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Teams;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.web.ForbiddenException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Inbox & Help desk → Availability management: everyone's status with filters kept for the
 * whole account; those allowed change a status in place.
 */
@Controller
@RequestMapping("/settings/availability")
class AvailabilityManagementController {

    static final int PAGE_SIZE = 25;
    private static final Workload NO_WORKLOAD = (account, ids) -> Map.of();

    private final ManagementTable table;
    private final Availability availability;
    private final Inboxes inboxes;
    private final Teams teams;
    private final SavedFilters filters;
    private final ObjectProvider<Workload> workload;
    private final UiFormat format;
    private final Clock clock;
    private final Users users;

    AvailabilityManagementController(ManagementTable table, Availability availability, Inboxes inboxes, Teams teams,
                                     SavedFilters filters, ObjectProvider<Workload> workload, UiFormat format,
                                     Clock clock, Users users) {
        this.users = users;
        this.table = table;
        this.availability = availability;
        this.inboxes = inboxes;
        this.teams = teams;
        this.filters = filters;
        this.workload = workload;
        this.format = format;
        this.clock = clock;
    }

    @GetMapping
    String page(@ModelAttribute(name = "me", binding = false) CurrentUser me,
                @RequestParam(required = false) String page, Model model) {
        SavedFilters.Filters saved = filters.load(me.accountId());
        SavedFilters.Filters f = known(me, saved);
        // a saved inbox or team that is gone (deleted since) filters nothing, and the page says so
        model.addAttribute("staleFilter", !f.equals(saved));
        PageResponse<ManagementTable.Row> rows = table.page(me, f.inboxId(), f.teamId(), f.status(), f.query(),
                PageRequest.of(pageNumber(page), PAGE_SIZE), workload.getIfAvailable(() -> NO_WORKLOAD));
        // who set a status for someone else, named in one read
        java.util.Set<UUID> setters = new java.util.HashSet<>();
        rows.items().forEach(r -> {
            UUID by = Ids.parseOrNull(r.status().setBy());
            if (by != null && !by.equals(r.user().id())) {
                setters.add(by);
            }
        });
        Map<UUID, String> names = new java.util.HashMap<>();
        users.findAll(me.accountId(), setters).forEach(u -> names.put(u.id(), u.name()));
        model.addAttribute("rows", rows.items().stream().map(r -> new ManagementRow(r.user().id(), r.user().name(),
                r.user().email(), StatusView.of(r.status(), r.user().id(), names::get), format.ranges(r.todayHours()),
                r.user().timeZone().getId(), r.inboxes().stream().map(ManagementTable.Named::name).toList(),
                r.teams().stream().map(ManagementTable.Named::name).toList(), r.openConversations())).toList());
        // the row of someone whose status was just changed may be gone from the table: the filters hide them now
        model.addAttribute("changedHidden", model.getAttribute("changedUserId") instanceof UUID changed
                && rows.items().stream().noneMatch(r -> r.user().id().equals(changed)));
        model.addAttribute("page", rows.page());
        model.addAttribute("total", rows.total());
        model.addAttribute("hasPrevious", rows.page() > 0);
        model.addAttribute("hasNext", (long) (rows.page() + 1) * PAGE_SIZE < rows.total());
        model.addAttribute("filters", f);
        model.addAttribute("filtered", f.any());
        model.addAttribute("inboxes", inboxes.list(me, new PageRequest(0, PageResponse.MAX_SIZE)).items());
        // names only: loading every team's members for a filter list cost more than the table itself
        model.addAttribute("teams", teams.summaries(me, PageResponse.MAX_SIZE));
        model.addAttribute("mayManage", me.mayManageAvailability());
        return "availability-management";
    }

    @PostMapping("/filters")
    String saveFilters(@ModelAttribute(name = "me", binding = false) CurrentUser me,
                       @RequestParam(required = false) String status, @RequestParam(required = false) String inboxId,
                       @RequestParam(required = false) String teamId, @RequestParam(required = false) String q) {
        Status s = "AVAILABLE".equals(status) ? Status.AVAILABLE : "AWAY".equals(status) ? Status.AWAY : null;
        String query = q == null ? "" : q.trim();
        filters.save(me.accountId(), known(me, new SavedFilters.Filters(s, id(inboxId), id(teamId),
                query.length() > 200 ? query.substring(0, 200) : query)), me.userId(), clock.instant());
        return "redirect:/settings/availability";
    }

    /** The filters without an inbox or team the account does not have (deleted, or another account's id). */
    private SavedFilters.Filters known(CurrentUser me, SavedFilters.Filters f) {
        UUID inbox = f.inboxId() != null && inboxes.labels(me.accountId(), List.of(f.inboxId())).isEmpty()
                ? null : f.inboxId();
        UUID team = f.teamId() != null && !teams.missingTeams(me.accountId(), List.of(f.teamId())).isEmpty()
                ? null : f.teamId();
        return new SavedFilters.Filters(f.status(), inbox, team, f.query());
    }

    @PostMapping("/filters/clear")
    String clearFilters(@ModelAttribute(name = "me", binding = false) CurrentUser me) {
        filters.clear(me.accountId());
        return "redirect:/settings/availability";
    }

    @PostMapping("/users/{userId}/status")
    String setStatus(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String userId,
                     @RequestParam String status, @RequestParam(required = false) String page,
                     RedirectAttributes redirect) {
        UUID id = Ids.parseOrNull(userId);
        Status wanted = "AVAILABLE".equals(status) ? Status.AVAILABLE : "AWAY".equals(status) ? Status.AWAY : null;
        if (wanted == null) {
            redirect.addFlashAttribute("tableError", "error.badRequest"); // a tampered form
            return "redirect:/settings/availability?page=" + pageNumber(page);
        }
        try {
            if (id != null) {
                availability.setStatus(me, id, new Availability.StatusRequest(wanted, null));
                String name = users.find(me.accountId(), id).map(dev.rota.directory.User::name).orElse("?");
                redirect.addFlashAttribute("changedUserId", id);
                redirect.addFlashAttribute("changedNotice", "mgmt.changedHidden." + wanted.name());
                redirect.addFlashAttribute("changedName", name);
                if (wanted == Status.AVAILABLE) {
                    redirect.addFlashAttribute("tableNotice", StatusNotice.afterAvailable(
                            availability.statusOf(me.accountId(), id, clock.instant()), me.is(id), name,
                            me.timeZone(), format));
                }
            }
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("tableError", "error.mayNotManage");
            return "redirect:/settings/availability?page=" + pageNumber(page);
        }
        // without script the page reloads: back at the row, not at the top
        return "redirect:/settings/availability?page=" + pageNumber(page) + (id == null ? "" : "#user-" + id);
    }

    /** A page number from a link or form: anything that is not one is the first page, and far pages stop. */
    static int pageNumber(String text) {
        try {
            return Math.min(Math.max(Integer.parseInt(text == null ? "0" : text.trim()), 0), MAX_PAGE);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final int MAX_PAGE = 100_000;

    private static UUID id(String text) {
        return text == null || text.isBlank() ? null : Ids.parseOrNull(text);
    }
}
