package dev.rota.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.rota.support.Api;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationPagesTest extends BrowserTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Map<String, Object> conversation(String inbox, String externalId, String subject) {
        Map<String, Object> body = new HashMap<>();
        body.put("inboxId", inbox);
        body.put("channel", "EMAIL");
        body.put("externalId", externalId);
        body.put("subject", subject);
        body.put("contact", Map.of("email", "customer@example.test"));
        return body;
    }

    private static String post(Tenant tenant, String inbox, String externalId, String subject) {
        Api.Response r = tenant.admin.post("/api/v1/conversations", conversation(inbox, externalId, subject));
        assertThat(r.status()).isEqualTo(201);
        return r.id();
    }

    @Test
    void a_conversation_posted_through_the_api_appears_live_and_the_agent_closes_it() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.waitForSelector("body[data-live=connected]");
        assertThat(page.locator("#my-conversations")).containsText("No open conversations assigned to you.");

        String id = post(tenant, inbox, "mail-1", "Printer on fire");
        // no reload: the assignment event refreshes the lists
        Locator row = page.locator("#my-conversations li[data-conversation='" + id + "']");
        assertThat(row).containsText("Printer on fire");
        assertThat(row).containsText("Support");
        assertThat(row).containsText("Email");
        assertThat(row).containsText("just now");
        assertThat(page.locator("#inbox-queue")).containsText("Nothing is waiting in your inboxes.");
        screenshot(page, "inbox-conversations", true);

        page.getByRole(AriaRole.BUTTON, named("Close \"Printer on fire\"")).click();
        assertThat(page.locator("#my-conversations li")).hasCount(0);
        // the keyboard is not dropped to the top of the page: the list's heading has it
        assertThat(page.locator("#my-conversations-h")).isFocused();
        assertThat(page.locator("#my-conversations")).containsText("No open conversations assigned to you.");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("status")).isEqualTo("CLOSED");

        // a closed conversation is reopened from its page, and goes back to her
        page.navigate("/conversations/" + id);
        assertThat(page.locator("#conversation-status")).hasText("Closed");
        page.getByRole(AriaRole.BUTTON, named("Reopen")).click();
        assertThat(page.locator("#conversation-status")).hasText("Open");
        assertThat(page.locator("#conversation-assignee")).containsText("Ann Agent");
        assertThat(page.getByRole(AriaRole.BUTTON, named("Close"))).isVisible();
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(ann);
    }

    @Test
    void a_conversation_of_an_archived_inbox_still_opens_and_its_agent_closes_it() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Old shop", List.of("EMAIL"), List.of(ann), List.of());
        String id = post(tenant, inbox, "mail-archived", "Late question");
        assertThat(tenant.admin.delete("/api/v1/inboxes/" + inbox).status()).isEqualTo(204);

        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        // it stays hers, named with its inbox, and its page opens
        Locator row = page.locator("#my-conversations li[data-conversation='" + id + "']");
        assertThat(row).containsText("Old shop");
        page.navigate("/conversations/" + id);
        assertThat(page.locator("dl.facts")).containsText("Old shop archived");
        assertThat(page.locator("dl.facts a[href*='/settings/inboxes/']")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, named("Close")).click();
        assertThat(page.locator("#conversation-status")).hasText("Closed");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("status")).isEqualTo("CLOSED");
    }

    @Test
    void a_waiting_conversation_moves_from_the_queue_to_the_agent_when_they_set_themself_available() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        tenant.signIn("Ann Agent").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        String id = post(tenant, inbox, "mail-2", "Where is my parcel?");

        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.waitForSelector("body[data-live=connected]");
        assertThat(page.locator("#inbox-queue li[data-conversation='" + id + "']")).containsText("Where is my parcel?");
        assertThat(page.locator("#my-conversations li")).hasCount(0);
        // a queued conversation has no Close button, only "Why?"
        assertThat(page.locator("#inbox-queue li button")).hasCount(0);
        screenshot(page, "inbox-queue", false);

        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("Available")).click();
        assertThat(page.locator("#status summary")).hasText("You're available ▾");
        assertThat(page.locator("#my-conversations li[data-conversation='" + id + "']"))
                .containsText("Where is my parcel?");
        assertThat(page.locator("#inbox-queue li")).hasCount(0);
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(ann);

        // its first decision left it waiting: "Why?" does not speak of an assignment
        Page other = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        String waited = post(tenant, tenant.inbox("Quiet", List.of("EMAIL"), List.of(), List.of()), "mail-2b", "Nobody");
        other.navigate("/conversations/" + waited);
        assertThat(other.locator("#why-h")).hasText("How routing decided");
        assertThat(other.locator("#why")).containsText("Nobody could take it: it waits in the inbox queue.");
    }

    @Test
    void why_shows_the_trace_with_a_skipped_away_colleague_and_manual_assignment_errors_stay_in_place() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        tenant.signIn("Bob Agent").put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        String id = post(tenant, inbox, "mail-3", "Refund please");

        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.locator("#my-conversations li[data-conversation='" + id + "']")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Why? (Refund please)"))
                .click();
        page.waitForURL("**/conversations/" + id + "#why");
        assertThat(page.locator("#why")).containsText("Assigned automatically by the routing rule.");
        assertThat(page.locator("#why tr[data-user='" + ann + "']")).containsText("Chosen");
        Locator skipped = page.locator("#why tr[data-user='" + bob + "']");
        assertThat(skipped).containsText("Bob Agent");
        assertThat(skipped).containsText("Away: Set manually");
        assertThat(page.locator("#conversation-assignee")).containsText("Ann Agent");
        screenshot(page, "conversation-why", true);

        // Bob may take no conversation at all: assigning him is refused in place, nothing changes
        tenant.admin.patch("/api/v1/users/" + bob, Map.of("maxOpenConversations", 0));
        page.getByLabel("Assign to").selectOption(bob);
        page.getByRole(AriaRole.BUTTON, named("Assign")).click();
        assertThat(page.locator("#assignee-error")).hasText(
                "Not assigned: this person is deactivated or already has their maximum of open conversations.");
        assertThat(page.getByLabel("Assign to")).hasAttribute("aria-invalid", "true");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(ann);

        tenant.admin.patch("/api/v1/users/" + bob, Map.of("maxOpenConversations", 5));
        page.getByLabel("Assign to").selectOption(bob);
        page.getByRole(AriaRole.BUTTON, named("Assign")).click();
        assertThat(page.getByText("Assignment saved.")).isVisible();
        assertThat(page.locator("#conversation-assignee")).containsText("Bob Agent");
        assertThat(page.locator("#conversation-assignee")).containsText("assigned by hand");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(bob);
        // "Why?" no longer reads as if routing had made the current assignment
        assertThat(page.locator("#why .trace-manual")).containsText("Assigned by hand to Bob Agent");
        // the history tells the whole story, people named
        Locator history = page.locator("#history li");
        assertThat(history).hasCount(3);
        assertThat(history.nth(0)).containsText("Assigned to Ann Agent by the routing rule");
        assertThat(history.nth(1)).containsText("Taken from Ann Agent by Ann Agent");
        assertThat(history.nth(2)).containsText("Assigned to Bob Agent by hand, by Ann Agent");
        assertThat(history.nth(2)).containsText("(Europe/Amsterdam)");

        // someone outside the inbox reads it, without forms they could not use
        tenant.user("Olga Outsider");
        Page outsider = signIn(tenant.email("Olga Outsider"), tenant.password("Olga Outsider"));
        outsider.navigate("/conversations/" + id);
        assertThat(outsider.locator("#conversation-assignee")).containsText("Bob Agent");
        assertThat(outsider.getByRole(AriaRole.BUTTON, named("Close"))).hasCount(0);
        assertThat(outsider.getByLabel("Assign to")).hasCount(0);
    }

    @Test
    void a_super_admin_sets_round_robin_over_chosen_users_and_others_see_it_read_only() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String cleo = tenant.user("Cleo Agent");
        tenant.user("Otto Outsider");
        String inbox = tenant.inbox("Support", List.of("EMAIL", "CHAT"), List.of(ann, bob, cleo), List.of());

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/inboxes/" + inbox);
        Locator email = admin.locator("#rule-EMAIL");
        assertThat(email.getByText("Not set yet: all members of the inbox, Balanced (the default).")).isVisible();
        assertThat(email.getByLabel("Specific users and teams")).isChecked();
        assertThat(email.getByLabel("Distribution")).hasValue("BALANCED");

        assertThat(email.getByLabel("All members of the inbox (also those who join later)")).isChecked();
        // nobody chosen: refused in place, nothing saved
        email.getByLabel("All members of the inbox (also those who join later)").uncheck();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        email = admin.locator("#rule-EMAIL");
        assertThat(email.locator(".field-error")).hasText("Choose at least one user or team.");
        assertThat(tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("allMembers").asBoolean())
                .isTrue();
        assertThat(admin).hasURL(java.util.regex.Pattern.compile(".*/routing/EMAIL#rule-EMAIL$"));
        // the language switch on the refused form's page goes to the page, not to the form's address
        admin.locator("a.lang-switch").click();
        assertThat(admin.locator("#rules-h")).hasText("Routeringsregels per kanaal");
        admin.locator("a.lang-switch").click();
        assertThat(admin.locator("#rules-h")).hasText("Routing rules per channel");
        email = admin.locator("#rule-EMAIL");
        email.getByLabel("All members of the inbox (also those who join later)").uncheck();

        email.getByLabel("Ann Agent").check();
        email.getByLabel("Bob Agent").check();
        email.getByLabel("Distribution").selectOption("ROUND_ROBIN");
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        email = admin.locator("#rule-EMAIL");
        assertThat(email.getByText("Routing rule saved.")).isVisible();
        assertThat(email.getByLabel("Ann Agent")).isChecked();
        assertThat(email.getByLabel("Bob Agent")).isChecked();
        assertThat(email.getByLabel("Cleo Agent")).not().isChecked();
        assertThat(email.getByLabel("Distribution")).hasValue("ROUND_ROBIN");
        assertThat(email.locator(".default-rule")).hasCount(0);
        assertThat(admin.locator("#rule-CHAT .default-rule")).isVisible();
        Api.Response rule = tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL");
        assertThat(rule.text("mode")).isEqualTo("SPECIFIC");
        assertThat(rule.text("strategy")).isEqualTo("ROUND_ROBIN");
        assertThat(rule.body().get("userIds").toString()).contains(ann).contains(bob).doesNotContain(cleo);

        // someone outside the inbox cannot be given its conversations: refused in place, the rule unchanged
        email = admin.locator("#rule-EMAIL");
        email.getByLabel("Otto Outsider").check();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        email = admin.locator("#rule-EMAIL");
        assertThat(email.locator(".field-error")).containsText("Only members of the inbox can be chosen");
        assertThat(tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("userIds").size())
                .isEqualTo(2);
        email.getByLabel("Otto Outsider").uncheck();

        // back to everyone in the inbox: all members and named people at once is refused, all members alone saved
        email = admin.locator("#rule-EMAIL");
        email.getByLabel("All members of the inbox (also those who join later)").check();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        email = admin.locator("#rule-EMAIL");
        assertThat(email.locator(".field-error")).hasText("Choose all members, or the users and teams: not both.");
        email.getByLabel("Ann Agent").uncheck();
        email.getByLabel("Bob Agent").uncheck();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        email = admin.locator("#rule-EMAIL");
        assertThat(email.getByText("Routing rule saved.")).isVisible();
        assertThat(email.getByLabel("All members of the inbox (also those who join later)")).isChecked();
        Api.Response all = tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL");
        assertThat(all.body().get("allMembers").asBoolean()).isTrue();
        assertThat(all.text("strategy")).isEqualTo("ROUND_ROBIN");
        // someone outside the inbox may be named, and the form says they will be skipped
        tenant.user("Olga Outsider");
        admin.reload();
        assertThat(admin.locator("#rule-EMAIL label.check", new Page.LocatorOptions().setHasText("Olga Outsider")))
                .containsText("not a member of this inbox: skipped");
        assertThat(admin.locator("#rule-EMAIL label.check", new Page.LocatorOptions().setHasText("Ann Agent")))
                .not().containsText("not a member");

        Locator reassign = admin.locator("#reassign");
        reassign.getByLabel("Minutes away (1–10080)").fill("0");
        reassign.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(admin.locator("#reassign-error")).hasText(
                "Enter whole minutes from 1 to 10080 (7 days), or leave it empty to switch it off.");
        admin.locator("#reassign").getByLabel("Minutes away (1–10080)").fill("30");
        admin.locator("#reassign").getByLabel("Also take back conversations that were assigned by hand").check();
        admin.locator("#reassign").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true))
                .click();
        assertThat(admin.getByText("Reassign-after-away saved.")).isVisible();
        assertThat(admin.locator("#reassign").getByLabel("Minutes away (1–10080)")).hasValue("30");
        Api.Response settings = tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing");
        assertThat(settings.body().get("reassignAfterAwayMinutes").asInt()).isEqualTo(30);
        assertThat(settings.body().get("reassignManual").asBoolean()).isTrue();
        screenshot(admin, "inbox-routing", true);

        Page agent = signIn(tenant.email("Bob Agent"), tenant.password("Bob Agent"));
        agent.navigate("/settings/inboxes/" + inbox);
        assertThat(agent.locator("#rule-EMAIL").getByLabel("Distribution")).hasValue("ROUND_ROBIN");
        assertThat(agent.locator("#rule-EMAIL").getByLabel("Distribution")).isDisabled();
        assertThat(agent.getByRole(AriaRole.BUTTON, named("Save the rule for Email"))).hasCount(0);
        assertThat(agent.locator("#reassign button")).hasCount(0);
    }

    @Test
    void a_stale_inbox_form_does_not_undo_a_member_added_meanwhile() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/inboxes/" + inbox);
        // meanwhile someone adds Bob through the API
        assertThat(tenant.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann, bob))).status())
                .isEqualTo(200);
        admin.locator("#inbox-name").fill("Support desk");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).first().click();
        assertThat(admin.getByText("Nothing was saved: someone else changed this inbox")).isVisible();
        Api.Response now = tenant.admin.get("/api/v1/inboxes/" + inbox);
        assertThat(now.text("name")).isEqualTo("Support");
        assertThat(now.body().get("memberUserIds").toString()).contains(bob);

        // the page now shows the current settings: saving again goes through and keeps Bob
        admin.locator("#inbox-name").fill("Support desk");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).first().click();
        assertThat(admin.getByText("Inbox saved.")).isVisible();
        now = tenant.admin.get("/api/v1/inboxes/" + inbox);
        assertThat(now.text("name")).isEqualTo("Support desk");
        assertThat(now.body().get("memberUserIds").toString()).contains(bob);
    }

    @Test
    void a_stale_rule_form_does_not_overwrite_a_newer_rule() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/inboxes/" + inbox);
        // meanwhile someone else sets the rule through the API
        assertThat(tenant.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "SPECIFIC",
                "userIds", List.of(bob), "strategy", "BALANCED")).status()).isEqualTo(200);
        Locator email = admin.locator("#rule-EMAIL");
        email.getByLabel("Ann Agent").check();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the rule for Email")).click();
        assertThat(admin.locator("#rule-EMAIL .error")).containsText("someone else changed this rule");
        assertThat(admin.locator("#rule-EMAIL").getByLabel("Bob Agent")).isChecked();
        assertThat(admin.locator("#rule-EMAIL").getByLabel("Ann Agent")).not().isChecked();
        assertThat(tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL").body().get("userIds").toString())
                .doesNotContain(ann);
    }

    @Test
    void the_routing_settings_in_dutch() {
        Tenant tenant = newTenant();
        String noor = tenant.user("Noor Nederland");
        String inbox = tenant.inbox("Klantenservice", List.of("EMAIL"), List.of(noor), List.of());
        Page nl = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD, "nl-NL");
        nl.navigate("/settings/inboxes/" + inbox);
        assertThat(nl.locator("#rules-h")).hasText("Routeringsregels per kanaal");
        Locator email = nl.locator("#rule-EMAIL");
        assertThat(email.locator("h3")).hasText("E-mail");
        assertThat(email.getByLabel("Specifieke gebruikers en teams")).isChecked();
        assertThat(email.getByText("Nog niet ingesteld: alle leden van het postvak, gelijk verdeeld (de standaard)."))
                .isVisible();
        email.getByLabel("Alle leden van het postvak (ook wie later lid wordt)").uncheck();
        email.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("De regel voor E-mail opslaan")).click();
        assertThat(nl.locator("#rule-EMAIL .field-error")).hasText("Kies minstens één gebruiker of team.");
        assertThat(nl.locator("#reassign-h")).hasText("Opnieuw toewijzen na afwezigheid");
        screenshot(nl, "inbox-routing-nl", true);

        nl.locator("#rule-EMAIL").getByLabel("Noor Nederland").check();
        nl.locator("#rule-EMAIL").getByLabel("Verdeling").selectOption("ROUND_ROBIN");
        nl.locator("#rule-EMAIL").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("De regel voor E-mail opslaan")).click();
        assertThat(nl.getByText("Routeringsregel opgeslagen.")).isVisible();
        assertThat(nl.locator("#rule-EMAIL").getByLabel("Verdeling")).hasValue("ROUND_ROBIN");

        // the contact's owner, else anyone in the inbox
        Locator rule = nl.locator("#rule-EMAIL");
        rule.getByLabel("De eigenaar van het contact, anders de gebruikers en teams hieronder").check();
        rule.getByLabel("Noor Nederland").uncheck();
        rule.getByLabel("Alle leden van het postvak (ook wie later lid wordt)").check();
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("De regel voor E-mail opslaan")).click();
        assertThat(nl.getByText("Routeringsregel opgeslagen.")).isVisible();
        Api.Response stored = tenant.admin.get("/api/v1/inboxes/" + inbox + "/routing/EMAIL");
        assertThat(stored.text("mode")).isEqualTo("CONTACT_OWNER");
        assertThat(stored.body().get("fallback").get("allMembers").asBoolean()).isTrue();
        assertThat(nl.locator("#rule-EMAIL").getByLabel("Alle leden van het postvak (ook wie later lid wordt)")).isChecked();
    }

    @Test
    void assigning_someone_who_left_the_inbox_meanwhile_is_refused_in_place_in_dutch() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        tenant.signIn("Bob Agent").put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        String id = post(tenant, inbox, "mail-4", "Factuur klopt niet");

        Page nl = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"), "nl-NL");
        assertThat(nl.locator("#my-conversations li[data-conversation='" + id + "']")).containsText("E-mail");
        nl.getByRole(AriaRole.LINK, named("Waarom? (Factuur klopt niet)")).click();
        assertThat(nl.locator("#why-h")).hasText("Waarom deze toewijzing?");
        assertThat(nl.locator("#why tr[data-user='" + bob + "']")).containsText("Weg: Handmatig ingesteld");
        assertThat(nl.locator("#why tr[data-user='" + ann + "']")).containsText("Gekozen");
        screenshot(nl, "conversation-why-nl", false);

        // Bob leaves the inbox while the page is open
        assertThat(tenant.admin.patch("/api/v1/inboxes/" + inbox, Map.of("memberUserIds", List.of(ann))).status())
                .isEqualTo(200);
        nl.getByLabel("Toewijzen aan").selectOption(bob);
        nl.getByRole(AriaRole.BUTTON, named("Toewijzen")).click();
        assertThat(nl.locator("#assignee-error")).hasText("Kies een lid van het postvak van dit gesprek.");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("assigneeId")).isEqualTo(ann);
    }

    @Test
    void why_explains_the_strategys_choice_and_the_runner_up_in_the_viewers_language() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        String first = post(tenant, inbox, "mail-5", "First");
        String second = post(tenant, inbox, "mail-6", "Second");
        String firstTo = tenant.admin.get("/api/v1/conversations/" + first).text("assigneeId");
        String secondTo = tenant.admin.get("/api/v1/conversations/" + second).text("assigneeId");
        assertThat(secondTo).isNotEqualTo(firstTo); // Balanced: the one with nothing open gets the second
        String secondName = secondTo.equals(ann) ? "Ann Agent" : "Bob Agent";

        Page en = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        en.navigate("/conversations/" + first);
        // both had nothing open and were never assigned: the tie-break chose, and the page says so
        String firstName = firstTo.equals(ann) ? "Ann Agent" : "Bob Agent";
        assertThat(en.locator("#why .trace-why")).hasText(firstName + " and the next in line were level by this"
                + " strategy (see below); among equals a fixed order decides, and it put " + firstName + " first.");
        assertThat(en.locator("#why tr[data-user='" + secondTo + "']")).containsText(
                "Eligible, but someone else came first (0 open, never assigned in this inbox)");
        assertThat(en.locator("#why .hint").first()).hasText("Rule: All members of the inbox · Balanced (fewest open conversations)");
        // the router's own note is there for whoever wants it, folded away
        assertThat(en.locator("#why details.trace-summary p")).not().isVisible();
        en.locator("#why details.trace-summary summary").click();
        assertThat(en.locator("#why details.trace-summary p")).containsText("BALANCED");

        Page nl = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD, "nl-NL");
        nl.navigate("/conversations/" + second);
        assertThat(nl.locator("#why .trace-why")).hasText(secondName
                + " had de minste open gesprekken en wachtte daarvan het langst sinds de vorige toewijzing in dit postvak.");
        Locator runnerUp = nl.locator("#why tr[data-user='" + firstTo + "']");
        assertThat(runnerUp).containsText("Kwam in aanmerking, maar iemand anders ging voor (1 open, laatst toegewezen ");
        assertThat(runnerUp).not().containsText("lastAssigned");
        assertThat(runnerUp.locator(".sub")).not().hasAttribute("lang", "en");
        screenshot(nl, "conversation-why-runner-up-nl", false);
    }

    @Test
    void why_says_when_the_contacts_owner_could_not_take_it_and_the_fallback_decided() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String olga = tenant.user("Olga Owner");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann, olga), List.of());
        assertThat(tenant.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL", Map.of("mode", "CONTACT_OWNER",
                "fallback", Map.of("allMembers", true, "strategy", "BALANCED"))).status()).isEqualTo(200);
        tenant.signIn("Olga Owner").put("/api/v1/users/" + olga + "/status", Map.of("status", "AWAY"));
        Api.Response posted = tenant.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                "externalId", "owned-1", "subject", "Owned", "contact", Map.of("email", "c@example.com", "ownerId", olga)));
        assertThat(posted.text("assigneeId")).isEqualTo(ann);
        Api.Response ownerless = tenant.admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "channel", "EMAIL",
                "externalId", "owned-2", "subject", "Nobody's"));

        Page en = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        en.navigate("/conversations/" + posted.id());
        assertThat(en.locator("#why .trace-owner")).hasText(
                "Olga Owner owns the contact but could not take it (see below), so the fallback rule decided.");
        assertThat(en.locator("#why tr[data-user='" + olga + "'] th")).hasText("Olga Owner (contact owner)");
        assertThat(en.locator("#why tr[data-user='" + olga + "']")).containsText("Away");
        assertThat(en.locator("#why tr[data-user='" + ann + "'] th")).hasText("Ann Agent");
        en.navigate("/conversations/" + ownerless.id());
        assertThat(en.locator("#why .trace-owner")).hasText("The contact has no owner, so the fallback rule decided.");

        Page nl = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD, "nl-NL");
        nl.navigate("/conversations/" + posted.id());
        assertThat(nl.locator("#why tr[data-user='" + olga + "'] th")).hasText("Olga Owner (eigenaar van het contact)");
    }

    @Test
    void a_form_with_a_stale_token_says_it_expired_and_changes_nothing() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        String id = post(tenant, inbox, "mail-7", "Old tab");

        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.navigate("/conversations/" + id);
        // what a page left open past its session sends
        page.evaluate("document.querySelectorAll('input[name=_csrf]').forEach(i => i.value = 'stale')");
        page.getByRole(AriaRole.BUTTON, named("Close")).click();
        assertThat(page.locator("h1")).hasText("This form has expired: you may have been signed out, or the page was"
                + " open for a long time. Nothing was saved. Go back, reload the page and try again.");
        assertThat(tenant.admin.get("/api/v1/conversations/" + id).text("status")).isEqualTo("OPEN");
    }
}
