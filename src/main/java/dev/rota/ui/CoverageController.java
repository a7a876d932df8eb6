package dev.rota.ui;

import dev.rota.availability.service.Availability;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inbox;
import dev.rota.directory.Inboxes;
import dev.rota.directory.Teams;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.Params;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** Coverage of an inbox for the coming week: how many of its active members are available, hour by hour. */
@Controller
class CoverageController {

    static final int DAYS = 7;

    private final Inboxes inboxes;
    private final Teams teams;
    private final Users users;
    private final Availability availability;
    private final Clock clock;

    CoverageController(Inboxes inboxes, Teams teams, Users users, Availability availability, Clock clock) {
        this.inboxes = inboxes;
        this.teams = teams;
        this.users = users;
        this.availability = availability;
        this.clock = clock;
    }

    @GetMapping("/settings/inboxes/{id}/coverage")
    String coverage(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                    Model model) {
        Inbox inbox = inboxes.get(me, Params.pathId(id, "inbox"));
        Set<UUID> memberIds = new LinkedHashSet<>(inbox.memberUserIds());
        for (UUID teamId : inbox.memberTeamIds()) {
            memberIds.addAll(teams.get(me, teamId).memberIds());
        }
        List<UUID> active = users.findAll(me.accountId(), memberIds).stream().filter(User::active).map(User::id).toList();
        Instant now = clock.instant();
        model.addAttribute("inbox", inbox);
        model.addAttribute("memberCount", active.size());
        model.addAttribute("days", Coverage.of(availability.inputsOf(me.accountId(), active, now).values(),
                me.timeZone(), now, DAYS));
        model.addAttribute("hours", java.util.stream.IntStream.range(0, 24).boxed().toList());
        return "coverage";
    }
}
