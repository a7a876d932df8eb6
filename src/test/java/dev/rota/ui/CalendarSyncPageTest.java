package dev.rota.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.rota.calendar.service.FeedServer;
import dev.rota.calendar.service.Ics;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Sync out of office with your calendar" on the working-hours page, against a feed served on 127.0.0.1. */
class CalendarSyncPageTest extends BrowserTest {

    private FeedServer feed;

    @BeforeEach
    void startFeed() throws Exception {
        feed = new FeedServer();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam"));
        feed.serve(Ics.calendar(
                Ics.allDay("vacation-1", "Vacation", today.plusDays(3), today.plusDays(6)),
                Ics.timed("meeting-1", "Team meeting", clock.instant().plus(Duration.ofDays(2)),
                        clock.instant().plus(Duration.ofDays(2)).plus(Duration.ofHours(1)))));
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    private Page workingHours(Tenant tenant, String name, String userId, String locale) {
        Page page = signIn(tenant.email(name), tenant.password(name), locale);
        page.navigate("/users/" + userId + "/preferences/working-hours");
        return page;
    }

    private static Locator calendarSave(Page page) {
        return page.locator("#calendar-form").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save"));
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void a_user_links_a_feed_sees_ok_and_its_period_then_unlinking_removes_it() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent", Map.of("timeZone", "Europe/Amsterdam"));
        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");

        Locator url = page.getByLabel("Calendar address (URL)");
        assertThat(url).isHidden();
        page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar")).check();
        assertThat(url).isVisible();
        assertThat(page.getByLabel("iCalendar feed (read only)")).isChecked();
        assertThat(page.getByLabel("Password")).isHidden();

        // a bad address: the error next to the field, nothing linked
        url.fill("ftp://x");
        calendarSave(page).click();
        assertThat(page.locator("#calendar-url-error")).hasText("The address must start with http:// or https://.");
        assertThat(url).hasAttribute("aria-invalid", "true");
        assertThat(url).hasValue("ftp://x");
        assertThat(page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar"))).isChecked();
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);

        url.fill(feed.url());
        calendarSave(page).click();
        assertThat(page.getByText("Calendar linked. The outcome of its first sync is shown below.")).isVisible();
        assertThat(page.locator("#calendar-outcome .badge")).hasText("OK");
        assertThat(page.locator("#calendar-link")).containsText("iCalendar feed (read only)");
        assertThat(page.locator(".calendar-url")).hasText(feed.url().replace("/calendar.ics", "/…"));
        assertThat(page.locator("#calendar-last-sync")).containsText("(Europe/Amsterdam)");
        assertThat(url).hasValue("");  // the feed's secret address is not shown again
        Locator periods = page.locator(".periods li");
        assertThat(periods).hasCount(1);
        assertThat(periods).containsText("From the calendar");
        screenshot(page, "working-hours-calendar-sync", true);

        page.getByRole(AriaRole.BUTTON, named("Sync now")).click();
        assertThat(page.getByText("Calendar synced.")).isVisible();
        assertThat(page.locator("#calendar-outcome .badge")).hasText("OK");

        // unchecking unlinks, and the calendar's period goes with it
        page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar")).uncheck();
        assertThat(page.getByText("Calendar unlinked: its out-of-office periods were removed.")).isVisible();
        assertThat(page.locator(".periods li")).hasCount(0);
        assertThat(page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar"))).not().isChecked();
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isZero();
    }

    @Test
    void the_unlink_button_and_a_failing_feed_show_the_error() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("ENTERPRISE").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent", Map.of("timeZone", "Europe/Amsterdam"));
        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");

        page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar")).check();
        page.getByLabel("Calendar address (URL)").fill(feed.url().replace("/calendar.ics", "/missing.ics"));
        calendarSave(page).click();
        assertThat(page.locator("#calendar-outcome .badge")).hasText("ERROR");
        assertThat(page.locator("#calendar-message")).not().isEmpty();
        screenshot(page, "working-hours-calendar-error", false);

        page.getByRole(AriaRole.BUTTON, named("Unlink")).click();
        assertThat(page.getByText("Calendar unlinked: its out-of-office periods were removed.")).isVisible();
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
    }

    @Test
    void caldav_asks_for_username_and_password_in_place() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent");
        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");

        page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar")).check();
        page.getByLabel("CalDAV (read and write)").check();
        assertThat(page.getByLabel("Username")).isVisible();
        page.getByLabel("Calendar address (URL)").fill("http://127.0.0.1:9/calendars/ann/");
        calendarSave(page).click();
        assertThat(page.locator("#calendar-username-error")).hasText("Enter the username for the CalDAV calendar.");
        assertThat(page.locator("#calendar-password-error")).hasText("Enter the password for the CalDAV calendar.");
        assertThat(page.getByLabel("CalDAV (read and write)")).isChecked();
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
    }

    @Test
    void the_plan_requirement_is_explained_without_a_form() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");
        assertThat(page.locator("#calendar-sync")).containsText("needs the Professional or Enterprise plan");
        assertThat(page.locator("#calendar-enabled")).hasCount(0);
        assertThat(page.locator("#calendar-form")).hasCount(0);
    }

    @Test
    void after_a_downgrade_the_calendar_left_linked_and_the_periods_can_still_be_removed() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent", Map.of("timeZone", "Europe/Amsterdam"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam"));
        tenant.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED", "url", feed.url()));
        tenant.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", today.plusDays(20).toString(), "endDate", today.plusDays(21).toString()));
        assertThat(tenant.setPlan("FREE").status()).isEqualTo(200);

        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");
        assertThat(page.locator("#calendar-sync")).containsText("needs the Professional or Enterprise plan");
        assertThat(page.locator("#calendar-left-linked")).containsText("A calendar is still linked");
        assertThat(page.locator("#calendar-form")).hasCount(0);
        // the calendar's period has no delete button; the one entered in Rota has
        Locator periods = page.locator(".periods li");
        assertThat(periods).hasCount(2);
        assertThat(periods.filter(new Locator.FilterOptions().setHasText("From the calendar")).locator("button"))
                .hasCount(0);
        periods.filter(new Locator.FilterOptions().setHasText("Set by an admin")).locator("button").click();
        assertThat(page.getByText("Out-of-office period deleted.")).isVisible();

        page.locator("#calendar-left-linked").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Unlink")).click();
        assertThat(page.getByText("Calendar unlinked: its out-of-office periods were removed.")).isVisible();
        assertThat(page.locator("#calendar-left-linked")).hasCount(0);
        assertThat(page.locator(".periods li")).hasCount(0);
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
    }

    @Test
    void a_page_opened_before_someone_else_linked_a_calendar_does_not_replace_it() throws Exception {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent", Map.of("timeZone", "Europe/Amsterdam"));
        Page page = workingHours(tenant, "Ann Agent", ann, "en-GB");
        page.getByRole(AriaRole.CHECKBOX, named("Sync out of office with your calendar")).check();

        // meanwhile an admin links another calendar
        try (FeedServer other = new FeedServer()) {
            other.serve(Ics.calendar(Ics.allDay("trip", "Vacation", LocalDate.of(2030, 1, 2), LocalDate.of(2030, 1, 3))));
            tenant.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED", "url", other.url()));

            page.getByLabel("Calendar address (URL)").fill(feed.url());
            calendarSave(page).click();
            assertThat(page.locator("#calendar-error")).hasText("Nothing was linked: someone else changed this "
                    + "calendar link since you opened the page. The current link is shown; make your change again.");
            assertThat(page.locator(".calendar-url")).hasText(other.url().replace("/calendar.ics", "/…"));
            assertThat(tenant.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("url"))
                    .isEqualTo(other.url().replace("/calendar.ics", "/…"));

            // now that it was seen, the change goes through
            page.getByLabel("Calendar address (URL)").fill(feed.url());
            calendarSave(page).click();
            assertThat(page.getByText("Calendar linked. The outcome of its first sync is shown below.")).isVisible();
            assertThat(page.locator(".calendar-url")).hasText(feed.url().replace("/calendar.ics", "/…"));
        }
    }

    @Test
    void the_dutch_page_shows_the_dutch_section_and_errors() {
        Tenant tenant = newTenant();
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        String ann = tenant.user("Ann Agent");
        Page page = workingHours(tenant, "Ann Agent", ann, "nl-NL");

        assertThat(page.locator("#sync-h")).hasText("Kantooruren synchroniseren met je agenda");
        page.getByRole(AriaRole.CHECKBOX, named("Kantooruren synchroniseren met je agenda")).check();
        page.getByLabel("Adres van de agenda (URL)").fill("ftp://x");
        page.locator("#calendar-form").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Opslaan")).click();
        assertThat(page.locator("#calendar-url-error")).hasText("Het adres moet beginnen met http:// of https://.");
        screenshot(page, "working-hours-calendar-sync-nl", false);
    }
}
