package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private Api.Response tryPassword(String email, String password) {
        return anonymous().post("/api/v1/auth/tokens", Map.of("email", email, "password", password));
    }

    @Test
    void attempts_sent_at_once_get_no_more_password_checks_than_the_limit() throws Exception {
        Tenant t = newTenant();
        t.user("Ivy");
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = "guess-" + i;
            attempts.add(() -> tryPassword(t.email("Ivy"), guess).status());
        }
        var pool = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(attempts)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        // the limit is 5 (IntegrationTest): each attempt counts from before its password is checked
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(15);
        assertThat(tryPassword(t.email("Ivy"), t.password("Ivy")).status()).isEqualTo(429);
    }

    @Test
    void another_spelling_of_a_limited_email_is_limited_too() {
        Tenant t = newTenant();
        t.user("Iris");
        for (int i = 0; i < 5; i++) {
            assertThat(tryPassword(t.email("Iris"), "wrong-" + i).status()).isEqualTo(401);
        }
        // the database finds the user by lower(email), which folds the dotted capital I to i
        String dotted = t.email("Iris").replace('i', '\u0130');
        assertThat(tryPassword(dotted, "wrong-again").status()).isEqualTo(429);
        assertThat(tryPassword(dotted, t.password("Iris")).status()).isEqualTo(429);
        assertThat(tryPassword(t.email("Iris").toUpperCase(), t.password("Iris")).status()).isEqualTo(429);
    }

    @Test
    void signing_in_to_ones_own_account_does_not_clear_the_failures_of_another_with_the_same_email() {
        Tenant victim = newTenant();
        Tenant attacker = newTenant();
        String shared = "target-" + victim.accountId.substring(0, 8) + "@example.test";
        victim.admin.post("/api/v1/users", Map.of("email", shared, "name", "Vic", "password", "victims-password"));
        attacker.admin.post("/api/v1/users", Map.of("email", shared, "name", "Mal", "password", "attackers-password"));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                tryPassword(shared, "guess-" + round + "-" + i);
            }
            if (round < 2) {
                assertThat(tryPassword(shared, "attackers-password").status()).isEqualTo(201);
            }
        }
        // six wrong guesses at the victim: over the limit, whatever the attacker's own sign-ins cleared
        Api.Response r = anonymous().post("/api/v1/auth/tokens", Map.of("email", shared, "password", "victims-password",
                "accountId", victim.accountId));
        assertThat(r.status()).isEqualTo(429);
        // the attacker's own user was cleared by their sign-ins: only the last round's two failures count
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", shared, "password", "attackers-password",
                "accountId", attacker.accountId)).status()).isEqualTo(201);
    }
}
