package dev.rota.ui;

import dev.rota.directory.Channel;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inbox;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Teams;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
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

/** Inbox settings: members (users, teams) and channels; super admins edit them. */
@Controller
@RequestMapping("/settings/inboxes")
class InboxSettingsController {

    private final Inboxes inboxes;
    private final Users users;
    private final Teams teams;

    InboxSettingsController(Inboxes inboxes, Users users, Teams teams) {
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
        Inbox inbox = inboxes.get(me, inboxId(id));
        model.addAttribute("inbox", inbox);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("users", users.list(me, "", new PageRequest(0, PageResponse.MAX_SIZE)).items().stream()
                .filter(u -> u.active() || inbox.memberUserIds().contains(u.id())).toList());
        model.addAttribute("teams", teams.list(me, new PageRequest(0, PageResponse.MAX_SIZE)).items());
        model.addAttribute("editable", me.isSuperAdmin());
        return "inbox-settings";
    }

    @PostMapping("/{id}")
    String update(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                  @RequestParam(required = false) String name,
                  @RequestParam(name = "channel", required = false) List<String> channels,
                  @RequestParam(name = "memberUser", required = false) List<String> memberUsers,
                  @RequestParam(name = "memberTeam", required = false) List<String> memberTeams,
                  RedirectAttributes redirect) {
        UUID inboxId = inboxId(id);
        Set<Channel> chosen = EnumSet.noneOf(Channel.class);
        for (String c : channels == null ? List.<String>of() : channels) {
            try {
                chosen.add(Channel.valueOf(c));
            } catch (IllegalArgumentException ignored) {
                // not one of ours: a tampered form; leave it out
            }
        }
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            redirect.addFlashAttribute("nameError", "error.inboxName");
            return "redirect:/settings/inboxes/" + inboxId;
        }
        try {
            inboxes.update(me, inboxId, new Inboxes.InboxChanges(trimmed, chosen, ids(memberUsers), ids(memberTeams)));
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("membersError", "error.members");
        }
        return "redirect:/settings/inboxes/" + inboxId;
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

    static UUID inboxId(String id) {
        UUID inboxId = Ids.parseOrNull(id);
        if (inboxId == null) {
            throw new NotFoundException("inbox", id);
        }
        return inboxId;
    }
}
