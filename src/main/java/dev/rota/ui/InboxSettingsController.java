package dev.rota.ui;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inbox;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Teams;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.routing.RoutingMode;
import dev.rota.routing.RoutingRule;
import dev.rota.routing.Strategy;
import dev.rota.routing.service.RoutingSettings;
import dev.rota.routing.service.RuleRepository;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.Map;
import dev.rota.web.NotFoundException;
import dev.rota.web.Params;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

/** Inbox settings: members (users, teams), channels, routing rule per channel, reassign-after-away; super admins edit them. */
@Controller
@RequestMapping("/settings/inboxes")
class InboxSettingsController {

    private final Inboxes inboxes;
    private final Users users;
    private final Teams teams;
    private final RoutingSettings settings;
    private final dev.rota.routing.service.Routing routing;

    InboxSettingsController(Inboxes inboxes, Users users, Teams teams, RoutingSettings settings,
                            dev.rota.routing.service.Routing routing) {
        this.routing = routing;
        this.settings = settings;
        this.inboxes = inboxes;
        this.users = users;
        this.teams = teams;
    }

    @GetMapping
    String list(@ModelAttribute(name = "me", binding = false) CurrentUser me, Model model) {
        model.addAttribute("inboxes", inboxes.list(me, new PageRequest(0, PageResponse.MAX_SIZE)).items());
        return "inboxes";
    }

    @GetMapping("/{id}")
    String page(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id, Model model) {
        Inbox inbox = inboxes.get(me, Params.pathId(id, "inbox"));
        pageModel(me, inbox, model);
        return "inbox-settings";
    }

    /** What the inbox form shows: the inbox as stored, or what was typed when it was refused. */
    record InboxForm(String name, Set<Channel> channels, List<UUID> memberUserIds, List<UUID> memberTeamIds) {

        static InboxForm of(Inbox inbox) {
            return new InboxForm(inbox.name(), inbox.channels(), inbox.memberUserIds(), inbox.memberTeamIds());
        }
    }

    private void pageModel(CurrentUser me, Inbox inbox, Model model) {
        model.addAttribute("inbox", inbox);
        if (!model.containsAttribute("inboxForm")) {
            model.addAttribute("inboxForm", InboxForm.of(inbox));
        }
        model.addAttribute("inboxVersion", version(inbox));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("users", users.list(me, "", new PageRequest(0, PageResponse.MAX_SIZE)).items().stream()
                .filter(u -> u.active() || inbox.memberUserIds().contains(u.id())).toList());
        model.addAttribute("teams", teams.summaries(me, PageResponse.MAX_SIZE));
        // a rule names members only; a stored rule may still name someone who left since: the form says so
        model.addAttribute("inboxMemberIds", routing.inboxMembers(me, inbox.id()));
        model.addAttribute("editable", me.isSuperAdmin());
        List<RuleForm> forms = new ArrayList<>();
        for (Channel c : Channel.values()) {
            if (inbox.channels().contains(c)) {
                forms.add(RuleForm.of(c, settings.storedRule(me, inbox.id(), c)));
            }
        }
        model.addAttribute("ruleForms", forms);
        RuleRepository.ReassignSettings reassign = settings.reassignSettings(me, inbox.id());
        model.addAttribute("reassignMinutes", reassign.afterAwayMinutes() == null ? "" : reassign.afterAwayMinutes().toString());
        model.addAttribute("reassignManual", reassign.includeManual());
        model.addAttribute("reassignVersion", reassignVersion(reassign));
        model.addAttribute("strategies", Strategy.values());
        model.addAttribute("modes", RoutingMode.values());
    }

    private static String reassignVersion(RuleRepository.ReassignSettings s) {
        return RuleForm.sha(s.afterAwayMinutes() + "|" + s.includeManual());
    }

    /** Saves the routing rule of one channel; field errors come back in place, nothing is saved then. */
    @PostMapping("/{id}/routing/{channel}")
    String saveRule(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                    @PathVariable String channel, @RequestParam(required = false) String mode,
                    @RequestParam(name = "ruleUser", required = false) List<String> ruleUsers,
                    @RequestParam(name = "ruleTeam", required = false) List<String> ruleTeams,
                    @RequestParam(name = "ruleAll", required = false) String ruleAll,
                    @RequestParam(required = false) String strategy, @RequestParam(required = false) String version,
                    HttpServletResponse response, RedirectAttributes redirect, Model model) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may change routing");
        }
        Inbox inbox = inboxes.get(me, Params.pathId(id, "inbox"));
        Channel ch = enumOrNull(Channel.class, channel);
        if (ch == null || !inbox.channels().contains(ch)) {
            throw new NotFoundException("channel", channel);
        }
        RoutingMode m = enumOrNull(RoutingMode.class, mode);
        Strategy st = enumOrNull(Strategy.class, strategy);
        Set<String> userIds = new LinkedHashSet<>();
        ids(ruleUsers).forEach(u -> userIds.add(u.toString()));
        Set<String> teamIds = new LinkedHashSet<>();
        ids(ruleTeams).forEach(t -> teamIds.add(t.toString()));
        // with NONE nobody is assigned automatically: the people do not apply
        boolean all = ruleAll != null && m != RoutingMode.NONE;
        if (m == RoutingMode.NONE) {
            userIds.clear();
            teamIds.clear();
        }
        Map<String, String> errors = RuleForm.newErrors();
        if (!RuleForm.version(settings.storedRule(me, inbox.id(), ch)).equals(version)) {
            errors.put("form", "error.rule.stale");
        }
        RoutingRule rule = RuleForm.rule(m, all, userIds, teamIds, st, errors);
        Set<UUID> members = routing.inboxMembers(me, inbox.id());
        if (errors.isEmpty() && !all && userIds.stream().anyMatch(u -> !members.contains(Ids.parseOrNull(u)))) {
            errors.put("people", "error.rule.notMembers"); // the service refuses them too; this says why
        }
        if (errors.isEmpty()) {
            try {
                settings.saveRule(me, inbox.id(), ch, rule);
                redirect.addFlashAttribute("ruleSaved", ch.name());
                return "redirect:/settings/inboxes/" + inbox.id() + "#rule-" + ch;
            } catch (InvalidInputException e) {
                errors.put("people", "error.members");
            }
        }
        pageModel(me, inbox, model);
        @SuppressWarnings("unchecked")
        List<RuleForm> forms = new ArrayList<>((List<RuleForm>) model.getAttribute("ruleForms"));
        // a stale form shows the current rule; otherwise what was submitted, with its errors
        forms.replaceAll(f -> f.channel() != ch ? f : errors.containsKey("form") ? f.withErrors(errors)
                : new RuleForm(ch, m == null ? RoutingMode.SPECIFIC : m, all, userIds, teamIds, st, f.stored(),
                        version, errors));
        model.addAttribute("ruleForms", forms);
        response.setStatus(errors.containsKey("form") ? 409 : 400);
        return "inbox-settings";
    }

    /** Saves reassign-after-away: minutes (empty switches it off) and whether manual assignments count. */
    @PostMapping("/{id}/reassign")
    String saveReassign(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                        @RequestParam(required = false) String minutes,
                        @RequestParam(required = false) String includeManual,
                        @RequestParam(required = false) String version,
                        HttpServletResponse response, RedirectAttributes redirect, Model model) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may change routing");
        }
        Inbox inbox = inboxes.get(me, Params.pathId(id, "inbox"));
        String text = minutes == null ? "" : minutes.trim();
        Integer value = null;
        String error = null;
        if (!text.isEmpty()) {
            try {
                value = Integer.parseInt(text);
                if (value < 1 || value > MAX_REASSIGN_MINUTES) {
                    error = "error.reassignMinutes";
                }
            } catch (NumberFormatException e) {
                error = "error.reassignMinutes";
            }
        }
        boolean manual = includeManual != null;
        if (error == null && !reassignVersion(settings.reassignSettings(me, inbox.id())).equals(version)) {
            error = "error.reassignStale";
        }
        if (error == null) {
            settings.saveReassignSettings(me, inbox.id(), value, manual);
            redirect.addFlashAttribute("reassignSaved", true);
            return "redirect:/settings/inboxes/" + inbox.id() + "#reassign";
        }
        pageModel(me, inbox, model);
        if (!"error.reassignStale".equals(error)) {
            model.addAttribute("reassignMinutes", text);
            model.addAttribute("reassignManual", manual);
        }
        model.addAttribute("reassignError", error);
        response.setStatus("error.reassignStale".equals(error) ? 409 : 400);
        return "inbox-settings";
    }

    static final int MAX_REASSIGN_MINUTES = 7 * 24 * 60;

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String text) {
        try {
            return text == null ? null : Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @PostMapping("/{id}")
    String update(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                  @RequestParam(required = false) String name,
                  @RequestParam(name = "channel", required = false) List<String> channels,
                  @RequestParam(name = "memberUser", required = false) List<String> memberUsers,
                  @RequestParam(name = "memberTeam", required = false) List<String> memberTeams,
                  @RequestParam(required = false) String version,
                  RedirectAttributes redirect) {
        UUID inboxId = Params.pathId(id, "inbox");
        // a form opened before someone else's change would undo it (a member added meanwhile, removed again)
        if (!version(inboxes.get(me, inboxId)).equals(version)) {
            redirect.addFlashAttribute("membersError", "error.inbox.stale");
            return "redirect:/settings/inboxes/" + inboxId;
        }
        Set<Channel> chosen = EnumSet.noneOf(Channel.class);
        for (String c : channels == null ? List.<String>of() : channels) {
            try {
                chosen.add(Channel.valueOf(c));
            } catch (IllegalArgumentException ignored) {
                // not one of ours: a tampered form; leave it out
            }
        }
        String trimmed = name == null ? "" : name.trim();
        // refused: the form comes back as it was filled in, not as stored
        InboxForm typed = new InboxForm(name == null ? "" : name, chosen, ids(memberUsers), ids(memberTeams));
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            redirect.addFlashAttribute("nameError", "error.inboxName");
            redirect.addFlashAttribute("inboxForm", typed);
            return "redirect:/settings/inboxes/" + inboxId;
        }
        try {
            inboxes.update(me, inboxId, new Inboxes.InboxChanges(trimmed, chosen, typed.memberUserIds(),
                    typed.memberTeamIds()));
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInputException e) {
            boolean channel = e.errors().stream().anyMatch(err -> err.field().equals("channels"));
            redirect.addFlashAttribute("membersError", channel ? "error.channels" : "error.members");
            redirect.addFlashAttribute("inboxForm", typed);
        }
        return "redirect:/settings/inboxes/" + inboxId;
    }

    /** A fingerprint of what the main form edits (order of ids does not matter). */
    static String version(Inbox inbox) {
        return RuleForm.sha(inbox.name() + "|" + new java.util.TreeSet<>(inbox.channels()) + "|"
                + new java.util.TreeSet<>(inbox.memberUserIds()) + "|" + new java.util.TreeSet<>(inbox.memberTeamIds()));
    }

    private static List<UUID> ids(List<String> texts) {
        List<UUID> ids = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            UUID id = Ids.parseOrNull(t);
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
