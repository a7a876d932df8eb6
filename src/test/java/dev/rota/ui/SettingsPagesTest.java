package dev.rota.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsPagesTest extends BrowserTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    @Test
    void filters_saved_by_one_user_are_seen_by_another_until_cleared() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent", Map.of("seat", "NONE"));
        tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability?page=abc"); // a page that is not a number is the first
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(1);
        admin.navigate("/settings/availability?page=1000000000");
        assertThat(admin.getByLabel("Name or email")).isVisible();
        admin.navigate("/settings/availability");
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(1);
        admin.getByLabel("Name or email").fill("Ann");
        admin.getByRole(AriaRole.BUTTON, named("Apply filters")).click();
        assertThat(admin.locator("tr[data-user='" + ann + "']")).hasCount(1);
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(0);
        screenshot(admin, "availability-management", true);

        Page other = signIn(tenant.email("Bob Agent"), tenant.password("Bob Agent"));
        other.navigate("/settings/availability");
        assertThat(other.getByLabel("Name or email")).hasValue("Ann");
        assertThat(other.locator("tr[data-user='" + ann + "']")).hasCount(1);
        assertThat(other.locator("tr[data-user='" + bob + "']")).hasCount(0);
        // a free user sees the table read-only
        assertThat(other.getByRole(AriaRole.BUTTON, named("Set Ann Agent to Away"))).hasCount(0);
        assertThat(other.getByText("You can see everyone's status")).isVisible();

        other.getByRole(AriaRole.BUTTON, named("Clear filters")).click();
        assertThat(other.getByLabel("Name or email")).hasValue("");
        assertThat(other.locator("tr[data-user='" + bob + "']")).hasCount(1);
        admin.reload();
        assertThat(admin.getByLabel("Name or email")).hasValue("");
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(1);
    }

    @Test
    void an_inbox_shows_its_members_and_a_week_of_coverage_with_gaps_in_red() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        tenant.admin.put("/api/v1/users/" + ann + "/working-hours", Map.of("timeZone", "Europe/Amsterdam",
                "ranges", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00"),
                        Map.of("day", "TUESDAY", "start", "09:00", "end", "17:00"),
                        Map.of("day", "WEDNESDAY", "start", "09:00", "end", "17:00"),
                        Map.of("day", "THURSDAY", "start", "09:00", "end", "17:00"),
                        Map.of("day", "FRIDAY", "start", "09:00", "end", "17:00"))));
        String inbox = tenant.inbox("Support", List.of("EMAIL", "CHAT"), List.of(ann), List.of());

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.getByRole(AriaRole.LINK, named("Inboxes")).click();
        screenshot(admin, "inboxes", false);
        admin.getByRole(AriaRole.LINK, named("Support")).click();
        // the routing rules below have their own user checkboxes: look in the member and channel groups
        var members = admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Member users"));
        var channels = admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Channels"));
        assertThat(members.getByLabel("Ann Agent")).isChecked();
        channels.getByLabel("Chat").uncheck();
        admin.getByRole(AriaRole.BUTTON, named("Save")).first().click();
        assertThat(admin.getByText("Inbox saved.")).isVisible();
        assertThat(admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Channels")).getByLabel("Chat"))
                .not().isChecked();
        assertThat(tenant.admin.get("/api/v1/inboxes/" + inbox).body().get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        screenshot(admin, "inbox-settings", false);

        admin.getByRole(AriaRole.LINK, named("Coverage for the coming week")).click();
        assertThat(admin.locator("table.coverage tbody tr")).hasCount(7);
        assertThat(admin.locator("table.coverage td.gap").first()).isVisible();
        assertThat(admin.getByText("Members: 1.")).isVisible();
        // Ann works 09:00–17:00 on weekdays: her hours are covered, the nights are gaps
        assertThat(admin.locator("table.coverage td.good").first()).isVisible();
        screenshot(admin, "coverage", true);
    }

    @Test
    void a_dutch_browser_gets_dutch_pages_and_may_switch_to_english() {
        Tenant tenant = newTenant();
        tenant.user("Noor Nederland");
        Page page = newPage("nl-NL");
        page.navigate("/login");
        assertThat(page.locator("h1")).hasText("Aanmelden");
        screenshot(page, "login-nl", false);
        page.close();

        Page nl = signIn(tenant.email("Noor Nederland"), tenant.password("Noor Nederland"), "nl-NL");
        assertThat(nl.locator("#status summary")).hasText("U bent beschikbaar ▾");
        assertThat(nl.getByRole(AriaRole.LINK, named("Beschikbaarheidsbeheer"))).isVisible();
        nl.locator("#status summary").click();
        assertThat(nl.getByRole(AriaRole.BUTTON, named("Instellen als afwezig"))).isVisible();
        assertThat(nl.getByText("Tijdelijk afwezig (Tijdelijk als afwezig instellen)")).isVisible();
        screenshot(nl, "inbox-nl", false);

        nl.getByRole(AriaRole.LINK, named("Werktijden")).click();
        assertThat(nl.getByRole(AriaRole.BUTTON, named("+ Uren toevoegen"))).isVisible();
        assertThat(nl.getByLabel("Tijdzone")).isVisible();
        nl.getByRole(AriaRole.BUTTON, named("+ Uren toevoegen")).click();
        nl.getByLabel("Einde van rij 1").fill("9");
        nl.getByRole(AriaRole.BUTTON, named("Opslaan")).click();
        assertThat(nl.locator("#end-0-error")).hasText("Voer een tijd in als UU:mm tussen 00:00 en 24:00.");
        screenshot(nl, "working-hours-nl", false);

        nl.getByRole(AriaRole.LINK, named("Beschikbaarheidsbeheer")).click();
        assertThat(nl.getByRole(AriaRole.BUTTON, named("Filters verwijderen"))).isVisible();
        nl.getByRole(AriaRole.LINK, named("English")).click();
        assertThat(nl.locator("h1")).hasText("Availability management");
        nl.navigate("/inbox");
        assertThat(nl.locator("#status summary")).hasText("You're available ▾");
    }

    @Test
    void signing_in_with_a_wrong_password_says_so_and_signing_out_ends_the_session() {
        Tenant tenant = newTenant();
        Page page = newPage("en-GB");
        page.navigate("/settings/availability");
        page.waitForURL("**/login");
        page.getByLabel("Email").fill(tenant.adminEmail);
        page.getByLabel("Password").fill("wrong");
        page.locator("main button[type=submit]").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong email or password.");
        screenshot(page, "login", true);
        page.getByLabel("Email").fill(tenant.adminEmail);
        page.getByLabel("Password").fill(Tenant.ADMIN_PASSWORD);
        page.locator("main button[type=submit]").click();
        page.waitForURL(url -> url.contains("/settings/availability"));  // back where the visitor was going
        page.getByRole(AriaRole.BUTTON, named("Sign out")).click();
        assertThat(page.getByText("You have signed out.")).isVisible();
        page.navigate("/inbox");
        page.waitForURL("**/login");
    }

    @Test
    void a_new_password_ends_the_web_sessions_signed_in_with_the_old_one() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.navigate("/inbox");
        assertThat(page.locator("#status summary")).isVisible();
        // a live stream of the session, as the inbox page keeps one
        page.evaluate("() => { window.rotaStream = new EventSource('/ui/events'); window.rotaEvents = 0;"
                + " window.rotaStream.addEventListener('status', () => window.rotaEvents++); }");
        page.waitForFunction("() => window.rotaStream.readyState === 1");
        // an admin resets it (after a leak, say): the session made with the old password ends, as its tokens do
        assertThat(tenant.admin.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-password")).status())
                .isEqualTo(200);
        // the open stream ends too (its right is looked at before an event), and cannot come back
        String bob = tenant.user("Bob Agent");
        for (int i = 0; i < 40 && !(Boolean) page.evaluate("() => window.rotaStream.readyState === 2"); i++) {
            tenant.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", i % 2 == 0 ? "AWAY" : "AVAILABLE"));
            page.waitForTimeout(500);
        }
        assertThat((Boolean) page.evaluate("() => window.rotaStream.readyState === 2")).isTrue();
        page.navigate("/inbox"); // the stream's attempt to come back already ended the session, else this page does
        page.waitForURL(url -> url.contains("/login"));
        page.navigate("/settings/availability");
        page.waitForURL("**/login");
        // the new password opens a session that lasts
        Page again = signIn(tenant.email("Ann Agent"), "a-brand-new-password");
        again.navigate("/inbox");
        assertThat(again.locator("#status summary")).isVisible();
        again.navigate("/users/" + ann + "/preferences/working-hours");
        assertThat(again).hasURL(java.util.regex.Pattern.compile(".*/users/" + ann + "/preferences/working-hours$"));
    }

    @Test
    void a_refused_inbox_form_comes_back_as_it_was_filled_in_and_nothing_is_saved() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/inboxes/" + inbox);
        var members = admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Member users"));
        var channels = admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Channels"));
        admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Help desk");
        members.getByLabel("Bob Agent").check();
        channels.getByLabel("Email").uncheck();
        admin.getByRole(AriaRole.BUTTON, named("Save")).first().click();
        assertThat(admin.getByText("Choose at least one channel.")).isVisible();
        assertThat(admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("Help desk");
        members = admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Member users"));
        assertThat(members.getByLabel("Bob Agent")).isChecked();
        assertThat(members.getByLabel("Ann Agent")).isChecked();

        // a blank name (spaces pass the browser's own check): refused next to the field, the rest kept
        admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Channels")).getByLabel("Chat").check();
        admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("   ");
        admin.getByRole(AriaRole.BUTTON, named("Save")).first().click();
        assertThat(admin.locator("#inbox-name-error")).hasText("Enter a name (at most 200 characters).");
        assertThat(admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Channels")).getByLabel("Chat"))
                .isChecked();
        assertThat(admin.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Member users"))
                .getByLabel("Bob Agent")).isChecked();

        var stored = tenant.admin.get("/api/v1/inboxes/" + inbox);
        assertThat(stored.text("name")).isEqualTo("Support");
        assertThat(stored.body().get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(stored.body().get("memberUserIds").toString()).doesNotContain(bob);
    }

    @Test
    void a_nul_character_pasted_into_a_form_is_named_and_back_leads_to_the_form_as_filled_in() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/inboxes/" + inbox);
        var name = admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true));
        name.fill("Sales");
        // what pasting text with a NUL in it leaves in the field (fill() cannot type one)
        name.evaluate("el => el.value = 'Sa\\u0000les'");
        admin.getByRole(AriaRole.BUTTON, named("Save")).first().click();
        assertThat(admin.getByRole(AriaRole.HEADING, named("The form holds an invisible character."))).isVisible();
        assertThat(admin.locator("main")).containsText("The field \u201cname\u201d holds an invisible NUL character");
        admin.getByRole(AriaRole.LINK, named("Back to the form")).click();
        admin.waitForURL("**/settings/inboxes/" + inbox);
        assertThat(admin.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).isVisible();
        assertThat(tenant.admin.get("/api/v1/inboxes/" + inbox).text("name")).isEqualTo("Support");
    }

    @Test
    void someone_elses_working_hours_page_is_not_marked_as_ones_own() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/users/" + ann + "/preferences/working-hours");
        assertThat(admin.getByRole(AriaRole.LINK, named("Working hours"))).not().hasAttribute("aria-current", "page");
        admin.getByRole(AriaRole.LINK, named("Working hours")).click();
        assertThat(admin.getByRole(AriaRole.LINK, named("Working hours"))).hasAttribute("aria-current", "page");
    }

    @Test
    void without_javascript_a_status_change_in_the_table_comes_back_at_its_row() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD, "en-GB", false);
        admin.navigate("/settings/availability");
        admin.getByRole(AriaRole.BUTTON, named("Set Ann Agent to Away")).click();
        admin.waitForURL("**/settings/availability?page=0#user-" + ann);
        assertThat(admin.locator("#user-" + ann + " .badge")).hasText("Away");
    }

    @Test
    void a_saved_filter_on_a_team_since_deleted_is_left_out_and_the_page_says_so() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        String team = tenant.admin.post("/api/v1/teams", Map.of("name", "Temp", "memberIds", List.of(ann))).id();
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability");
        admin.getByLabel("Team").selectOption(team);
        admin.getByRole(AriaRole.BUTTON, named("Apply filters")).click();
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(0);
        assertThat(admin.locator(".stale-filter")).hasCount(0);

        assertThat(tenant.admin.delete("/api/v1/teams/" + team).status()).isEqualTo(204);
        admin.reload();
        assertThat(admin.locator("tr[data-user='" + ann + "']")).hasCount(1);
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(1);
        assertThat(admin.locator(".stale-filter")).containsText("no longer exists");
        assertThat(admin.getByLabel("Team")).hasValue("");
    }

    @Test
    void a_status_change_the_filters_then_hide_is_said_and_keeps_the_keyboard_on_the_table() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String bob = tenant.user("Bob Agent");
        tenant.inbox("Support", List.of("EMAIL"), List.of(ann, bob), List.of());
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability");
        admin.getByLabel("User status").selectOption("AVAILABLE");
        admin.getByRole(AriaRole.BUTTON, named("Apply filters")).click();
        assertThat(admin.locator("tr[data-user='" + ann + "']")).hasCount(1);

        admin.getByRole(AriaRole.BUTTON, named("Set Ann Agent to Away")).click();
        assertThat(admin.locator("#management .changed-hidden"))
                .hasText("Ann Agent is now Away; the filters no longer show them.");
        assertThat(admin.locator("#management .changed-hidden")).isFocused();
        assertThat(admin.locator("tr[data-user='" + ann + "']")).hasCount(0);
        assertThat(admin.locator("tr[data-user='" + bob + "']")).hasCount(1);
        // a change the filters still show keeps the keyboard on the row, with no such notice
        admin.getByRole(AriaRole.BUTTON, named("Clear filters")).click();
        admin.getByRole(AriaRole.BUTTON, named("Set Bob Agent to Away")).click();
        assertThat(admin.getByRole(AriaRole.BUTTON, named("Set Bob Agent to Available"))).isFocused();
        assertThat(admin.locator("#management .changed-hidden")).hasCount(0);
    }

    @Test
    void out_of_office_shows_the_periods_start_and_end_and_the_skip_link_can_be_read() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent");
        tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Amsterdam"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        assertThat(tenant.admin.post("/api/v1/users/" + ann + "/out-of-office", Map.of(
                "start", now.minusHours(1).toString(), "end", now.plusDays(2).toString())).status()).isEqualTo(201);
        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability");
        Locator row = admin.locator("tr[data-user='" + ann + "']");
        assertThat(row.locator(".reason")).hasText("Out of office");
        assertThat(row.locator(".from")).containsText("from ");
        assertThat(row.locator(".until")).containsText("until ");

        admin.keyboard().press("Tab");
        assertThat(admin.locator(".skip-link")).isFocused();
        Object colours = admin.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                + " return [s.color, s.backgroundColor]; }");
        assertThat((List<?>) colours).doesNotHaveDuplicates();
    }
}
