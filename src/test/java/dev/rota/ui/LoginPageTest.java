package dev.rota.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.rota.support.BrowserTest;
import dev.rota.support.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginPageTest extends BrowserTest {

    @Test
    void an_email_and_password_of_several_accounts_are_asked_which_account_and_then_sign_in_to_it() {
        Tenant first = newTenant();
        Tenant second = newTenant();
        String shared = "ann-" + first.accountId.substring(0, 8) + "@shared.test";
        first.user("Ann", Map.of("email", shared));
        String annOfSecond = second.user("Ann", Map.of("email", shared));
        String secondName = second.admin.get("/api/v1/account").text("name");
        String firstName = first.admin.get("/api/v1/account").text("name");

        Page page = newPage("en-GB");
        page.navigate("/login");
        page.getByLabel("Email").fill(shared);
        page.getByLabel("Password").fill(second.password("Ann"));
        page.locator("main button[type=submit]").click();
        page.waitForURL("**/login?error=ambiguous");
        assertThat(page.locator("[role=alert]").textContent()).contains("Choose the account");
        assertThat(page.getByLabel("Email").inputValue()).isEqualTo(shared);
        assertThat(page.locator("#account option").allTextContents()).containsExactlyInAnyOrder(firstName, secondName);
        screenshot(page, "login-choose-account", true);

        page.getByLabel("Account").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(secondName));
        page.getByLabel("Password").fill(second.password("Ann"));
        page.locator("main button[type=submit]").click();
        page.waitForURL("**/inbox");
        Response own = page.navigate("/users/" + annOfSecond + "/preferences/working-hours");
        assertThat(own.status()).isEqualTo(200);

        // the choice is offered once; a fresh visit asks for the email alone
        Page later = newPage("en-GB");
        later.navigate("/login");
        assertThat(later.locator("#account").count()).isZero();
    }

    @Test
    void an_unknown_error_code_reads_as_wrong_credentials_in_the_users_language() {
        Page page = newPage("nl-NL");
        page.navigate("/login?error=locked");
        assertThat(page.locator("[role=alert]").textContent()).isEqualTo("Onjuist e-mailadres of wachtwoord.");
        page.navigate("/login?error");
        assertThat(page.locator("[role=alert]").textContent()).isEqualTo("Onjuist e-mailadres of wachtwoord.");
    }
}
