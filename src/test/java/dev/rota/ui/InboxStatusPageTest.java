package dev.rota.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxStatusPageTest extends BrowserTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    /** Walt Worker, who works Mondays 09:00–10:00 in Amsterdam; his id. */
    private static String waltWorkingMondays9To10(Tenant tenant) {
        String walt = tenant.user("Walt Worker");
        tenant.admin.put("/api/v1/users/" + walt + "/working-hours", java.util.Map.of("timeZone", "Europe/Amsterdam",
                "ranges", List.of(java.util.Map.of("day", "MONDAY", "start", "09:00", "end", "10:00"))));
        return walt;
    }

    @Test
    void temporarily_away_ends_by_itself_and_the_page_shows_available_again() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Tenant tenant = newTenant();
        tenant.user("Tara Temp");
        Page page = signIn(tenant.email("Tara Temp"), tenant.password("Tara Temp"));
        assertThat(page.locator("#status summary")).hasText("You're available ▾");
        page.waitForSelector("body[data-live=connected]");

        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("15 min")).click();
        assertThat(page.locator("#status summary")).hasText("You're away ▾");
        assertThat(page.locator("#status .reason")).hasText("Temporarily away");
        assertThat(page.locator("#status .until")).containsText("(Europe/Amsterdam)");
        screenshot(page, "inbox-temporarily-away", true);

        clock.advance(Duration.ofMinutes(16));
        // the boundary worker records the end; the live event refreshes the block without a reload
        assertThat(page.locator("#status summary")).hasText("You're available ▾");
    }

    @Test
    void a_custom_duration_must_be_a_whole_number_of_minutes() {
        Tenant tenant = newTenant();
        tenant.user("Tara Temp");
        Page page = signIn(tenant.email("Tara Temp"), tenant.password("Tara Temp"));
        page.locator("#status summary").click();
        page.getByLabel("Custom (minutes)").fill("0");
        page.getByRole(AriaRole.BUTTON, named("Set away")).click();
        assertThat(page.locator("#status .error")).hasText("Enter a whole number of minutes from 1 to 43200 (30 days).");
        assertThat(page.locator("#status summary")).hasText("You're available ▾");
        // the menu stays open on the field, with what was typed
        assertThat(page.getByLabel("Custom (minutes)")).hasValue("0");
        assertThat(page.getByLabel("Custom (minutes)")).hasAttribute("aria-describedby", "status-error");
        assertThat(page.getByLabel("Custom (minutes)")).isFocused();

        page.getByLabel("Custom (minutes)").fill("90");
        page.getByRole(AriaRole.BUTTON, named("Set away")).click();
        assertThat(page.locator("#status .reason")).hasText("Temporarily away");
    }

    @Test
    void without_javascript_the_menu_posts_plain_forms_and_a_refused_duration_shows_in_place() {
        Tenant tenant = newTenant();
        tenant.user("Nora Nojs");
        Page page = signIn(tenant.email("Nora Nojs"), tenant.password("Nora Nojs"), "en-GB", false);
        page.locator("#status summary").click();
        page.getByLabel("Custom (minutes)").fill("99999");
        page.getByRole(AriaRole.BUTTON, named("Set away")).click();
        page.waitForURL("**/inbox");
        assertThat(page.locator("#status-error")).hasText("Enter a whole number of minutes from 1 to 43200 (30 days).");
        assertThat(page.getByLabel("Custom (minutes)")).isVisible();
        assertThat(page.getByLabel("Custom (minutes)")).hasValue("99999");
        assertThat(page.getByLabel("Custom (minutes)")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#status summary")).hasText("You're available ▾");

        page.getByLabel("Custom (minutes)").fill("45");
        page.getByRole(AriaRole.BUTTON, named("Set away")).click();
        assertThat(page.locator("#status .reason")).hasText("Temporarily away");
        assertThat(page.locator("#status-error")).hasCount(0);
        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("Available")).click();
        assertThat(page.locator("#status summary")).hasText("You're available ▾");
    }

    @Test
    void without_a_service_seat_temporarily_away_is_not_offered() {
        Tenant tenant = newTenant();
        tenant.user("Cora Core", java.util.Map.of("seat", "CORE"));
        Page page = signIn(tenant.email("Cora Core"), tenant.password("Cora Core"));
        page.locator("#status summary").click();
        assertThat(page.getByRole(AriaRole.BUTTON, named("Set as away"))).isVisible();
        assertThat(page.getByText("Temporarily away (set for a duration)")).hasCount(0);
    }

    @Test
    void an_admin_sets_someone_away_and_they_see_who_and_set_themself_available() {
        Tenant tenant = newTenant();
        String bob = tenant.user("Bob Agent");
        tenant.inbox("Support", List.of("EMAIL"), List.of(bob), List.of());
        Page agent = signIn(tenant.email("Bob Agent"), tenant.password("Bob Agent"));
        agent.waitForSelector("body[data-live=connected]");
        assertThat(agent.locator(".admin-notice")).hasCount(0);

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability");
        admin.getByRole(AriaRole.BUTTON, named("Set Bob Agent to Away")).click();
        assertThat(admin.locator("tr[data-user='" + bob + "'] .badge")).hasText("Away");
        assertThat(admin.locator("tr[data-user='" + bob + "'] .reason")).hasText("Set Away by Olivia Owner");

        // arrives live, through the event stream
        assertThat(agent.locator(".admin-notice")).containsText("Olivia Owner set you to Away on");
        assertThat(agent.locator(".admin-notice")).containsText("(Europe/Amsterdam)");
        assertThat(agent.locator("#status summary")).hasText("You're away ▾");
        screenshot(agent, "inbox-set-by-admin", true);

        agent.getByRole(AriaRole.BUTTON, named("Set myself to available")).click();
        assertThat(agent.locator("#status summary")).hasText("You're available ▾");
        assertThat(agent.locator(".admin-notice")).hasCount(0);
        agent.reload();
        assertThat(agent.locator("#status .reason")).hasText("Set manually");
        agent.waitForSelector("body[data-live=connected]");

        // an admin setting someone Available is credited to the admin, not to them, and they are told
        admin.reload();
        admin.getByRole(AriaRole.BUTTON, named("Set Bob Agent to Away")).click();
        assertThat(agent.locator("#status summary")).hasText("You're away ▾");
        admin.getByRole(AriaRole.BUTTON, named("Set Bob Agent to Available")).click();
        assertThat(admin.locator("tr[data-user='" + bob + "'] .reason")).hasText("Set by Olivia Owner");
        assertThat(agent.locator("#status summary")).hasText("You're available ▾");
        assertThat(agent.locator("#status .reason")).hasText("Set by Olivia Owner");
        assertThat(agent.locator(".admin-notice")).containsText("Olivia Owner set you to Available on");
    }

    @Test
    void when_the_session_is_over_the_open_inbox_says_so_instead_of_doing_nothing() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        String inbox = tenant.inbox("Support", List.of("EMAIL"), List.of(ann), List.of());

        // a live refresh that ends on the sign-in page takes the window there, not into the block
        Page live = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        live.waitForSelector("body[data-live=connected]");
        live.context().clearCookies();
        tenant.admin.post("/api/v1/conversations", java.util.Map.of("inboxId", inbox, "channel", "EMAIL",
                "externalId", "late-1", "subject", "After hours"));
        live.waitForURL("**/login");

        // a status change sent with the old page's token: the whole page says the form expired
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.context().clearCookies();
        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("15 min")).click();
        assertThat(page.locator("h1")).hasText("This form has expired: you may have been signed out, or the page was"
                + " open for a long time. Nothing was saved. Go back, reload the page and try again.");
        org.assertj.core.api.Assertions.assertThat(tenant.admin.get("/api/v1/users/" + ann + "/availability").text("status")).isEqualTo("AVAILABLE");
    }

    @Test
    void available_outside_working_hours_says_why_they_stay_away() {
        // Monday 2026-11-30 12:00 in Amsterdam; Walt works Mondays 09:00–10:00
        clock.set(Instant.parse("2026-11-30T11:00:00Z"));
        Tenant tenant = newTenant();
        String walt = waltWorkingMondays9To10(tenant);
        tenant.inbox("Support", List.of("EMAIL"), List.of(walt), List.of());

        Page page = signIn(tenant.email("Walt Worker"), tenant.password("Walt Worker"));
        assertThat(page.locator("#status .reason")).hasText("Outside working hours");
        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("Available")).click();
        assertThat(page.locator("#status .stays-away")).containsText(
                "You stay Away until 7 Dec 2026, 09:00 (Europe/Amsterdam): that is outside your working hours,"
                        + " and working hours come first.");
        assertThat(page.locator("#status summary")).hasText("You're away ▾");

        Page admin = signIn(tenant.adminEmail, Tenant.ADMIN_PASSWORD);
        admin.navigate("/settings/availability");
        admin.getByRole(AriaRole.BUTTON, named("Set Walt Worker to Available")).click();
        assertThat(admin.locator("#management .stays-away")).hasText(
                "Walt Worker stays Away until 7 Dec 2026, 09:00 (Europe/Amsterdam): that is outside their working"
                        + " hours, and working hours come first.");
    }

    @Test
    void the_status_menu_works_from_the_keyboard_and_keeps_the_focus() {
        Tenant tenant = newTenant();
        tenant.user("Kim Keys");
        Page page = signIn(tenant.email("Kim Keys"), tenant.password("Kim Keys"));
        var menu = page.locator("#status details.menu");
        page.locator("#status summary").focus();
        page.keyboard().press("Enter");
        assertThat(menu).hasAttribute("open", "");
        page.keyboard().press("Escape");
        assertThat(menu).not().hasAttribute("open", "");
        org.assertj.core.api.Assertions.assertThat(page.evaluate("document.activeElement.tagName")).isEqualTo("SUMMARY");

        // a click elsewhere closes it too
        page.locator("#status summary").click();
        assertThat(menu).hasAttribute("open", "");
        page.locator("h1").click();
        assertThat(menu).not().hasAttribute("open", "");

        // after a choice the focus is back on the (new) menu button, not lost to the page
        page.locator("#status summary").click();
        page.getByRole(AriaRole.BUTTON, named("Set as away")).click();
        assertThat(page.locator("#status summary")).hasText("You're away ▾");
        assertThat(page.locator("#status summary")).isFocused();
    }

    @Test
    void an_admins_away_shows_no_until_when_only_its_reason_changes_then() {
        // Monday 2026-11-30 09:30 in Amsterdam, inside Walt's 09:00–10:00
        clock.set(Instant.parse("2026-11-30T08:30:00Z"));
        Tenant tenant = newTenant();
        String walt = waltWorkingMondays9To10(tenant);
        tenant.admin.put("/api/v1/users/" + walt + "/status", java.util.Map.of("status", "AWAY"));
        Page page = signIn(tenant.email("Walt Worker"), tenant.password("Walt Worker"));
        assertThat(page.locator("#status .reason")).hasText("Set Away by Olivia Owner");
        // at 10:00 he is still Away (outside working hours): "until 10:00" would be wrong
        assertThat(page.locator("#status .until")).hasCount(0);
    }

    @Test
    void signing_out_in_another_tab_ends_the_open_pages_live_events() {
        Tenant tenant = newTenant();
        tenant.user("Ann Agent");
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.waitForSelector("body[data-live=connected]");
        Page other = page.context().newPage();
        other.navigate("/inbox");
        other.getByRole(AriaRole.BUTTON, named("Sign out")).click();
        other.waitForURL("**/login?logout");
        // the server closed the first tab's stream with the session, and it cannot reconnect without one
        page.waitForSelector("body[data-live=closed]");
    }
}
