package dev.rota.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.rota.support.Api;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingHoursPageTest extends BrowserTest {

    private Page openWorkingHours(Tenant tenant, String name) {
        Page page = signIn(tenant.email(name), tenant.password(name));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Working hours")).click();
        page.waitForURL("**/preferences/working-hours");
        return page;
    }

    @Test
    void an_agent_sets_working_hours_across_midnight_and_sees_them_saved() {
        Tenant tenant = newTenant();
        String nina = tenant.user("Nina Night");
        Page page = openWorkingHours(tenant, "Nina Night");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        // the new row has the keyboard, and the page says nothing is saved yet
        assertThat(page.getByLabel("Day of row 1")).isFocused();
        assertThat(page.locator(".unsaved")).hasText("Not saved yet: press Save to keep these working hours.");
        page.getByLabel("Time zone").selectOption("Europe/Lisbon");
        page.getByLabel("Day of row 1").selectOption("FRIDAY");
        page.getByLabel("Start of row 1").fill("22:00");
        page.getByLabel("End of row 1").fill("06:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.getByText("Working hours saved.")).isVisible();
        assertThat(page.getByLabel("Day of row 1")).hasValue("FRIDAY");
        assertThat(page.getByLabel("Start of row 1")).hasValue("22:00");
        assertThat(page.getByLabel("End of row 1")).hasValue("06:00");
        assertThat(page.getByLabel("Time zone")).hasValue("Europe/Lisbon");
        Api.Response saved = tenant.admin.get("/api/v1/users/" + nina + "/working-hours");
        assertThat(saved.text("timeZone")).isEqualTo("Europe/Lisbon");
        assertThat(saved.body().get("ranges").toString()).isEqualTo("[{\"day\":\"FRIDAY\",\"start\":\"22:00\",\"end\":\"06:00\"}]");
        screenshot(page, "working-hours", true);
    }

    @Test
    void a_wrong_time_is_shown_next_to_its_row_and_nothing_is_saved() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        Page page = openWorkingHours(tenant, "Ann Agent");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        page.getByLabel("Start of row 2").fill("25:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.locator("#hours-error")).containsText("Nothing was saved");
        assertThat(page.locator("#start-1-error")).hasText("Enter a time as HH:mm between 00:00 and 24:00.");
        assertThat(page.getByLabel("Start of row 2")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Start of row 2")).hasValue("25:00");
        assertThat(page.locator("#start-0-error")).hasCount(0);
        screenshot(page, "working-hours-error", false);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete row 2")).click();
        assertThat(page.locator("#start-1-error")).hasCount(0);
        assertThat(page.getByLabel("Start of row 2")).hasCount(0);
        assertThat(page.locator(".unsaved")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true))).isFocused();
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/working-hours").body().get("ranges").size()).isZero();
    }

    @Test
    void another_account_s_user_is_not_found() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        tenant.user("Ann Agent");
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        var response = page.navigate("/users/" + other.adminId + "/preferences/working-hours");
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("h1")).hasText("Not found");
    }

    @Test
    void a_stale_working_hours_form_is_refused_instead_of_overwriting() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        Page page = openWorkingHours(tenant, "Ann Agent");

        tenant.admin.put("/api/v1/users/" + ann + "/working-hours", Map.of("ranges",
                List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "12:00"))));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        assertThat(page.locator("#hours-error")).containsText("changed by someone else");
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/working-hours").body().get("ranges").toString())
                .isEqualTo("[{\"day\":\"MONDAY\",\"start\":\"08:00\",\"end\":\"12:00\"}]");
    }

    @Test
    void out_of_office_explains_the_plan_and_is_added_on_professional() {
        Tenant tenant = newTenant();
        tenant.user("Ann Agent");
        Page page = openWorkingHours(tenant, "Ann Agent");
        assertThat(page.locator("#out-of-office")).containsText("needs the Professional or Enterprise plan");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates"))).hasCount(0);

        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        page.reload();
        page.getByLabel("Start date").fill("2030-12-24");
        page.getByLabel("End date").fill("2030-12-23");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates")).click();
        assertThat(page.locator("#ooo-endDate-error")).hasText("The end must be after the start.");

        page.getByLabel("End date").fill("2030-12-26");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates")).click();
        assertThat(page.getByText("Out-of-office period added.")).isVisible();
        assertThat(page.locator(".periods li")).hasCount(1);
        assertThat(page.locator(".periods li")).containsText("(Europe/Amsterdam)");
        screenshot(page, "working-hours-out-of-office", false);
    }

    @Test
    void someone_living_by_utc_saves_hours_and_a_period_emptied_by_a_daylight_saving_gap_is_refused() {
        Tenant tenant = newTenant();
        tenant.user("Uma Utc", java.util.Map.of("timeZone", "UTC"));
        Page page = openWorkingHours(tenant, "Uma Utc");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        page.getByLabel("Start of row 1").fill("09:00");
        page.getByLabel("End of row 1").fill("17:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Working hours saved.")).isVisible();
        assertThat(page.getByLabel("Time zone")).hasValue("UTC");

        // in Amsterdam 02:00–03:00 does not exist on 31 March 2030: 02:30 moves to 03:30, after the end
        tenant.user("Ann Agent", java.util.Map.of("timeZone", "Europe/Amsterdam"));
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        Page ann = openWorkingHours(tenant, "Ann Agent");
        ann.locator("#ooo-startDate").fill("2030-03-31");
        ann.locator("#ooo-startTime").fill("02:30");
        ann.locator("#ooo-endDate").fill("2030-03-31");
        ann.locator("#ooo-endTime").fill("03:15");
        ann.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates")).click();
        assertThat(ann.locator("#ooo-endTime-error")).hasText("This period is empty in the user's time zone: it lies "
                + "in the hour skipped when daylight saving time begins.");
        assertThat(ann.locator(".periods li")).hasCount(0);
    }

    @Test
    void a_colleagues_working_hours_are_shown_read_only_and_say_so() {
        Tenant tenant = newTenant();
        String bob = tenant.user("Bob Agent");
        String ann = tenant.user("Ann Agent");
        tenant.admin.put("/api/v1/users/" + bob + "/working-hours", Map.of("ranges",
                List.of(Map.of("day", "MONDAY", "start", "08:00", "end", "12:00"))));
        Page page = signIn(tenant.email("Ann Agent"), tenant.password("Ann Agent"));
        page.navigate("/users/" + bob + "/preferences/working-hours");
        assertThat(page.locator(".read-only")).hasText(
                "Only Bob Agent or a super admin can change these working hours and out-of-office periods.");
        assertThat(page.getByLabel("Start of row 1")).isDisabled();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours"))).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete row 1"))).hasCount(0);
        // one's own page has no such notice
        page.navigate("/users/" + ann + "/preferences/working-hours");
        assertThat(page.locator(".read-only")).hasCount(0);
    }

    @Test
    void a_repeated_range_an_ended_period_and_a_single_time_are_refused_in_place() {
        Tenant tenant = newTenant();
        String ann = tenant.user("Ann Agent");
        assertThat(tenant.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        Page page = openWorkingHours(tenant, "Ann Agent");
        // each new row is the day after the last one, with its times
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add hours")).click();
        assertThat(page.getByLabel("Day of row 2")).hasValue("TUESDAY");
        page.getByLabel("Day of row 2").selectOption("MONDAY");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#day-1-error")).hasText("This range is already in the list: change its day or times, or delete it.");
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/working-hours").body().get("ranges").size()).isZero();

        page.getByLabel("Start date").fill("2030-12-20");
        page.getByLabel("End date").fill("2030-12-21");
        page.locator("#ooo-startTime").fill("10:00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates")).click();
        assertThat(page.locator("#ooo-endTime-error")).hasText("Enter both times, or leave both empty for whole days.");

        page.getByLabel("Start date").fill("2020-01-01");
        page.getByLabel("End date").fill("2020-01-02");
        page.locator("#ooo-startTime").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("+ Add dates")).click();
        assertThat(page.locator("#ooo-endDate-error")).hasText("This period has already ended; enter one that ends later than now.");
        assertThat(tenant.admin.get("/api/v1/users/" + ann + "/out-of-office").body().toString()).doesNotContain("2020");
    }
}
