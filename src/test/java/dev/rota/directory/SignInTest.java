package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInTest extends IntegrationTest {

    @Test
    void the_bootstrapped_super_admin_signs_in_with_the_configured_password() {
        Api.Response token = anonymous().post("/api/v1/auth/tokens",
                Map.of("email", "root@rota.test", "password", "bootstrap-secret"));
        assertThat(token.status()).isEqualTo(201);
        Api admin = anonymous().as(token.text("token"));
        Api.Response me = admin.get("/api/v1/users/" + token.text("userId"));
        assertThat(me.text("role")).isEqualTo("SUPER_ADMIN");
        assertThat(admin.get("/api/v1/account").text("plan")).isEqualTo("ENTERPRISE");
    }

    @Test
    void sign_up_creates_an_account_with_its_first_super_admin() {
        Tenant t = newTenant();
        Api.Response me = t.admin.get("/api/v1/users/" + t.adminId);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("role")).isEqualTo("SUPER_ADMIN");
        assertThat(me.text("timeZone")).isEqualTo("Europe/Amsterdam");
        Api.Response account = t.admin.get("/api/v1/account");
        assertThat(account.text("id")).isEqualTo(t.accountId);
        assertThat(account.text("plan")).isEqualTo("FREE");
    }

    @Test
    void sign_up_with_bad_input_names_every_field() {
        Api.Response r = anonymous().post("/api/v1/signup", Map.of("name", "", "email", "not-an-email",
                "password", "short", "timeZone", "Mars/Olympus"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("errors").findValuesAsString("field"))
                .contains("accountName", "name", "email", "password", "timeZone");
    }

    @Test
    void a_token_is_refused_after_it_is_revoked() {
        Tenant t = newTenant();
        t.user("Ann");
        Api ann = t.signIn("Ann");
        assertThat(ann.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(ann.delete("/api/v1/auth/tokens/current").status()).isEqualTo(204);
        Api.Response after = ann.get("/api/v1/users");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
    }

    @Test
    void requests_without_a_valid_token_are_unauthenticated() {
        assertThat(anonymous().get("/api/v1/users").status()).isEqualTo(401);
        assertThat(anonymous().as("rota_forged").get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_password_is_unauthenticated_and_repeated_failures_are_rate_limited() {
        Tenant t = newTenant();
        for (int i = 0; i < 5; i++) {
            Api.Response r = anonymous().post("/api/v1/auth/tokens", Map.of("email", t.adminEmail, "password", "wrong-" + i));
            assertThat(r.status()).isEqualTo(401);
        }
        Api.Response limited = anonymous().post("/api/v1/auth/tokens",
                Map.of("email", t.adminEmail, "password", "correct-horse"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void a_deactivated_user_can_neither_use_a_token_nor_sign_in() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        assertThat(t.admin.delete("/api/v1/users/" + ann).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/users").status()).isEqualTo(401);
        Api.Response user = t.admin.get("/api/v1/users/" + ann);
        assertThat(user.body().get("active").asBoolean()).isFalse();
    }

    @Test
    void the_same_email_in_two_accounts_signs_in_to_the_account_whose_password_matches() {
        Tenant a = newTenant();
        Tenant b = newTenant();
        String shared = "shared-" + a.accountId.substring(0, 8) + "@example.test";
        a.admin.post("/api/v1/users", Map.of("email", shared, "name", "Sam", "password", "password-in-a"));
        b.admin.post("/api/v1/users", Map.of("email", shared, "name", "Sam", "password", "password-in-b"));
        Api.Response inB = anonymous().post("/api/v1/auth/tokens", Map.of("email", shared, "password", "password-in-b"));
        assertThat(inB.status()).isEqualTo(201);
        assertThat(inB.text("accountId")).isEqualTo(b.accountId);
    }
}
