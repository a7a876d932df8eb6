package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import dev.rota.directory.Inboxes;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.platform.Ids;
import dev.rota.routing.service.Conversation;
import dev.rota.routing.service.Routing;
import dev.rota.web.ConflictException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.Params;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Conversations in the UI: the two lists of the inbox page (refreshed by htmx on live assignment
 * events), a conversation's page with its routing trace ("Why?"), closing, and manual assignment.
 */
@Controller
class ConversationsController {

    private final Routing routing;
    private final ConversationViews views;
    private final Inboxes inboxes;
    private final Users users;

    ConversationsController(Routing routing, ConversationViews views, Inboxes inboxes, Users users) {
        this.routing = routing;
        this.views = views;
        this.inboxes = inboxes;
        this.users = users;
    }

    /** Both lists of the inbox page, for htmx refreshes. */
    @GetMapping("/inbox/conversations")
    String lists(@ModelAttribute(name = "me", binding = false) CurrentUser me, Model model) {
        views.lists(me, model);
        return "inbox :: conversations";
    }

    @GetMapping("/conversations/{id}")
    String page(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id, Model model) {
        Conversation c = routing.get(me, Params.pathId(id, "conversation"));
        pageModel(me, c, model);
        return "conversation";
    }

    /** Closes the conversation; from the inbox lists (htmx) the lists come back, else the browser goes back. */
    @PostMapping("/conversations/{id}/close")
    String close(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                 @RequestParam(defaultValue = "inbox") String from,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        UUID conversationId = Params.pathId(id, "conversation");
        routing.update(me, conversationId, new Routing.ConversationChanges(Conversation.ConversationStatus.CLOSED,
                false, null));
        if (htmx != null && "inbox".equals(from)) {
            views.lists(me, model);
            return "inbox :: conversations";
        }
        return "inbox".equals(from) ? "redirect:/inbox" : "redirect:/conversations/" + conversationId;
    }

    /** Reopens a closed conversation: back to whoever had it if they still may take it, else routed again. */
    @PostMapping("/conversations/{id}/reopen")
    String reopen(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        UUID conversationId = Params.pathId(id, "conversation");
        routing.update(me, conversationId, new Routing.ConversationChanges(Conversation.ConversationStatus.OPEN,
                false, null));
        redirect.addFlashAttribute("reopened", true);
        return "redirect:/conversations/" + conversationId;
    }

    /**
     * Assigns to a member of the inbox (or nobody). {@code expected} is the assignee the page showed:
     * when someone else changed it meanwhile, nothing is changed and the page says so.
     */
    @PostMapping("/conversations/{id}/assignee")
    String assign(@ModelAttribute(name = "me", binding = false) CurrentUser me, @PathVariable String id,
                  @RequestParam(required = false) String assigneeId, @RequestParam(required = false) String expected,
                  HttpServletResponse response, RedirectAttributes redirect, Model model) {
        UUID conversationId = Params.pathId(id, "conversation");
        Conversation c = routing.get(me, conversationId);
        UUID wanted = assigneeId == null || assigneeId.isBlank() ? null : Ids.parseOrNull(assigneeId);
        String error = null;
        int status = 200;
        if (assigneeId != null && !assigneeId.isBlank() && wanted == null) {
            error = "error.assignee.notMember";
            status = 400;
        } else if (!Objects.equals(c.assigneeId() == null ? "" : c.assigneeId().toString(),
                expected == null ? "" : expected)) {
            error = "error.assignee.stale";
            status = 409;
        } else {
            try {
                routing.update(me, conversationId, new Routing.ConversationChanges(null, true, wanted));
                redirect.addFlashAttribute("assigned", true);
                return "redirect:/conversations/" + conversationId;
            } catch (InvalidInputException e) {
                error = c.status() == Conversation.ConversationStatus.CLOSED ? "error.assignee.closed"
                        : "error.assignee.notMember";
                status = 400;
            } catch (ConflictException e) {
                error = "error.assignee.atLimit";
                status = 409;
            }
        }
        response.setStatus(status);
        model.addAttribute("assigneeError", error);
        // stale: the page shows who has it now, as its message says; otherwise what was chosen, to correct
        model.addAttribute("chosenAssignee", "error.assignee.stale".equals(error) ? null : assigneeId);
        pageModel(me, routing.get(me, conversationId), model);
        return "conversation";
    }

    private void pageModel(CurrentUser me, Conversation c, Model model) {
        // an archived inbox's conversations stay open with their assignees, who must still be able to close them
        Inboxes.Label inbox = inboxes.labels(me.accountId(), List.of(c.inboxId())).get(c.inboxId());
        Set<UUID> memberIds = routing.inboxMembers(c);
        List<ConversationViews.Member> members = users.findAll(me.accountId(), memberIds).stream()
                .filter(u -> u.active() || u.id().equals(c.assigneeId()))
                .sorted(Comparator.comparing(User::name, String.CASE_INSENSITIVE_ORDER))
                .map(u -> new ConversationViews.Member(u.id(), u.name())).toList();
        String assigneeName = c.assigneeId() == null ? null
                : users.find(me.accountId(), c.assigneeId()).map(User::name).orElse("?");
        model.addAttribute("conversation", c);
        model.addAttribute("inbox", inbox);
        model.addAttribute("assigneeName", assigneeName);
        model.addAttribute("members", members);
        model.addAttribute("mine", me.userId().equals(c.assigneeId()));
        model.addAttribute("open", c.status() == Conversation.ConversationStatus.OPEN);
        // who may change it (the service checks the same): others read it without the forms they cannot use
        model.addAttribute("mayChange", Routing.mayChange(me, memberIds));
        model.addAttribute("trace", views.trace(me, c));
        model.addAttribute("history", views.history(me, c));
    }
}
