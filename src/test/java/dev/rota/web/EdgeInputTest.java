package dev.rota.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Input at the edges that once got a 500 or was quietly misread (found by a black-box audit, 2026-12-01): each is
 * now a {@code 400} problem naming the field, and a refused request changes nothing.
 */
class EdgeInputTest extends IntegrationTest {

    private static void refused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("errors").findValuesAsString("field")).as(r.toString()).contains(field);
    }

    @Test
    void a_nul_character_is_refused_naming_the_field() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(t.user("Ann")), List.of());
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"a\\u0000b\"}"), 400, "name");
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"ab\\u0000\"}"), 400, "name"); // not trimmed away unseen
        refused(t.admin.post("/api/v1/conversations",
                "{\"inboxId\":\"" + inbox + "\",\"channel\":\"CHAT\",\"externalId\":\"a\\u0000b\"}"), 400, "externalId");
        refused(t.admin.post("/api/v1/conversations", "{\"inboxId\":\"" + inbox
                + "\",\"channel\":\"CHAT\",\"contact\":{\"email\":\"a\\u0000@b.c\"}}"), 400, "contact.email");
        refused(t.admin.get("/api/v1/users?q=a%00b"), 400, "q");
        refused(t.admin.get("/api/v1/availability?q=a%00b"), 400, "q");
        // refused by the container before any handler (bytes that are no UTF-8): the problem still names the parameter
        refused(t.admin.get("/api/v1/users?page=1&q=%FF"), 400, "q");
        refused(t.admin.get("/api/v1/availability?q=%C3%28"), 400, "q"); // a lead byte without its continuation
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
    }

    @Test
    void half_a_surrogate_pair_is_refused_and_lengths_count_characters() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(t.user("Ann")), List.of());
        refused(t.admin.post("/api/v1/teams", "{\"name\":\"Ann\\ud800e\"}"), 400, "name");
        refused(t.admin.post("/api/v1/conversations", "{\"inboxId\":\"" + inbox
                + "\",\"channel\":\"CHAT\",\"subject\":\"Re\\udc00: hi\"}"), 400, "subject");
        assertThat(t.admin.get("/api/v1/teams").body().get("total").asInt()).isZero();
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isZero();
        // a whole pair is a character: 200 emoji are 200 characters (400 UTF-16 units)
        String emoji = "\ud83d\ude00".repeat(200);
        Api.Response team = t.admin.post("/api/v1/teams", Map.of("name", emoji));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        assertThat(t.admin.get("/api/v1/teams/" + team.id()).text("name")).isEqualTo(emoji);
        refused(t.admin.post("/api/v1/teams", Map.of("name", emoji + "x")), 400, "name");
    }

    @Test
    void a_password_is_kept_exactly_as_given_and_its_length_counts_characters() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        refused(t.admin.patch("/api/v1/users/" + ann, Map.of("password", "\ud83d\ude00".repeat(4))), 400, "password");
        assertThat(t.admin.patch("/api/v1/users/" + ann, Map.of("password", "  my secret pass  ")).status())
                .isEqualTo(200);
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", t.email("Ann"),
                "password", "  my secret pass  ")).status()).isEqualTo(201);
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", t.email("Ann"),
                "password", "my secret pass")).status()).isEqualTo(401);
        refused(anonymous().post("/api/v1/auth/tokens", Map.of("email", t.email("Ann"), "password", "")), 400,
                "password");
        refused(anonymous().post("/api/v1/auth/tokens", Map.of("email", t.email("Ann"))), 400, "password");
    }

    @Test
    void the_error_path_itself_is_nothing_and_the_session_cookie_stays_on_its_site() {
        Api.Response direct = anonymous().get("/error");
        assertThat(direct.status()).isEqualTo(404);
        assertThat(direct.contentType()).startsWith("application/problem+json");
        Api.Response login = anonymous().send("GET", "/login", null, Map.of("Accept", "text/html"));
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith("JSESSIONID=").contains("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void in_a_burst_of_posts_only_the_bad_ones_are_refused() throws Exception {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("CHAT"), List.of(t.user("Ann"), t.user("Bob")), List.of());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Api.Response>> good = new ArrayList<>();
            List<Future<Api.Response>> bad = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String body = i % 6 == 0
                        ? "{\"inboxId\":\"" + inbox + "\",\"channel\":\"CHAT\",\"externalId\":\"bad-\\u0000-" + i + "\"}"
                        : "{\"inboxId\":\"" + inbox + "\",\"channel\":\"CHAT\",\"externalId\":\"good-" + i + "\"}";
                (i % 6 == 0 ? bad : good).add(pool.submit(() -> t.admin.post("/api/v1/conversations", body)));
            }
            for (Future<Api.Response> f : good) {
                assertThat(f.get().status()).as(f.get().toString()).isEqualTo(201);
            }
            for (Future<Api.Response> f : bad) {
                refused(f.get(), 400, "externalId");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isEqualTo(50);
    }

    @Test
    void missing_or_null_required_fields_are_named() {
        Tenant t = newTenant();
        refused(t.admin.post("/api/v1/conversations", "{\"inboxId\":null,\"channel\":\"EMAIL\"}"), 400, "inboxId");
        refused(anonymous().post("/api/v1/signup", "{\"accountName\":\"NoPw\",\"name\":\"x\",\"email\":\"nopw@x.io\","
                + "\"password\":null}"), 400, "password");
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", "nopw@x.io", "password", "anything-123"))
                .status()).isEqualTo(401); // no account was made
    }

    @Test
    void a_nested_object_of_the_wrong_type_is_named() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(t.user("Ann")), List.of());
        refused(t.admin.post("/api/v1/conversations",
                "{\"inboxId\":\"" + inbox + "\",\"channel\":\"EMAIL\",\"contact\":\"x\"}"), 400, "contact");
        refused(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                "{\"mode\":\"CONTACT_OWNER\",\"fallback\":\"x\"}"), 400, "fallback");
        refused(t.admin.put("/api/v1/inboxes/" + inbox + "/routing/EMAIL",
                "{\"mode\":\"CONTACT_OWNER\",\"fallback\":{\"strategy\":\"FASTEST\"}}"), 400, "fallback.strategy");
    }

    @Test
    void the_conversation_endpoint_takes_json_only_and_says_so_as_a_problem() {
        Tenant t = newTenant();
        for (String type : List.of("garbage///", "application/", "application/json;charset=bogus", "*/*", "text/plain")) {
            Api.Response r = t.admin.send("POST", "/api/v1/conversations", null, Map.of("Content-Type", type));
            assertThat(r.status()).as(type + ": " + r).isEqualTo(415);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void pages_and_instants_beyond_reason_are_refused() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        refused(t.admin.get("/api/v1/users?page=2147483647"), 400, "page");
        refused(t.admin.get("/api/v1/conversations?page=50000000&size=500"), 400, "page");
        assertThat(t.admin.get("/api/v1/users?page=1000").status()).isEqualTo(200); // far, but fine: an empty page
        refused(t.admin.get("/api/v1/users/" + ann + "/availability?at=%2B1000000000-01-01T00:00:00Z"), 400, "at");
        refused(t.admin.get("/api/v1/users/" + ann
                + "/availability/timeline?from=-999999999-01-01T00:00:00Z&to=-999999999-01-02T00:00:00Z"), 400, "from");
        t.setPlan("ENTERPRISE");
        refused(t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", "0000-01-01", "endDate", "0000-01-02")), 400, "startDate");
        refused(t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("start", "9999-12-31T09:00", "end", "9999-12-31T23:00")), 400, "start");
        assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().findValues("id")).isEmpty();
    }

    @Test
    void fixed_offset_zones_are_refused_and_utc_is_taken() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        for (String zone : List.of("Etc/GMT+5", "SystemV/EST5", "GMT", "+02:00")) {
            refused(t.admin.put("/api/v1/users/" + ann + "/working-hours", Map.of("timeZone", zone, "ranges", List.of())),
                    400, "timeZone");
        }
        assertThat(t.admin.put("/api/v1/users/" + ann + "/working-hours",
                Map.of("timeZone", "UTC", "ranges", List.of())).status()).isEqualTo(200);
    }

    @Test
    void a_search_matches_percent_and_underscore_as_they_are() {
        Tenant t = newTenant();
        t.user("Ann 100%");
        t.user("Bob");
        // the availability table lists the people of inboxes
        t.inbox("Help", List.of("CHAT"), List.of(t.user("u_x"), t.user("uyx")), List.of());
        assertThat(t.admin.get("/api/v1/users?q=%25").body().get("items").findValuesAsString("name"))
                .containsExactly("Ann 100%");
        assertThat(t.admin.get("/api/v1/users?q=u_x").body().get("items").findValuesAsString("name"))
                .containsExactly("u_x");
        assertThat(t.admin.get("/api/v1/availability?q=u_x").body().get("items").valueStream()
                .map(row -> row.get("name").asString()).toList()).containsExactly("u_x");
    }

    @Test
    void patching_an_inbox_leaves_null_fields_as_they_are_and_keeps_a_channel() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String inbox = t.inbox("Help", List.of("EMAIL", "CHAT"), List.of(ann), List.of());
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("channels", null);
        nulls.put("memberUserIds", null);
        Api.Response patched = t.admin.patch("/api/v1/inboxes/" + inbox, nulls);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("channels").valueStream().map(n -> n.asString()).toList())
                .containsExactlyInAnyOrder("EMAIL", "CHAT");
        assertThat(patched.body().get("memberUserIds").get(0).asString()).isEqualTo(ann);
        refused(t.admin.patch("/api/v1/inboxes/" + inbox, Map.of("channels", List.of())), 400, "channels");
        refused(t.admin.post("/api/v1/inboxes", Map.of("name", "None", "channels", List.of())), 400, "channels");
        assertThat(t.admin.get("/api/v1/inboxes/" + inbox).body().get("channels")).hasSize(2);
    }

    @Test
    void an_idempotency_key_sent_again_with_another_conversation_is_refused() {
        Tenant t = newTenant();
        String inbox = t.inbox("Help", List.of("EMAIL", "CHAT"), List.of(t.user("Ann")), List.of());
        Map<String, String> key = Map.of("Idempotency-Key", "k-1");
        String first = "{\"inboxId\":\"" + inbox + "\",\"channel\":\"EMAIL\",\"subject\":\"k1\"}";
        Api.Response created = t.admin.send("POST", "/api/v1/conversations", first, key);
        assertThat(created.status()).isEqualTo(201);
        Api.Response again = t.admin.send("POST", "/api/v1/conversations", first, key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(created.id());

        Api.Response other = t.admin.send("POST", "/api/v1/conversations",
                "{\"inboxId\":\"" + inbox + "\",\"channel\":\"CHAT\",\"subject\":\"different\"}", key);
        refused(other, 422, "Idempotency-Key");
        assertThat(t.admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isEqualTo(1);

        // an external id names the message: sent again with an edited subject it is the same conversation
        Api.Response byExternal = t.admin.post("/api/v1/conversations",
                Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "m-1", "subject", "one"));
        Api.Response edited = t.admin.post("/api/v1/conversations",
                Map.of("inboxId", inbox, "channel", "EMAIL", "externalId", "m-1", "subject", "one (edited)"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.id()).isEqualTo(byExternal.id());
    }

    @Test
    void paths_and_methods_nobody_serves_are_problems_for_the_api_and_a_page_for_a_browser() {
        Tenant t = newTenant();
        for (String[] call : new String[][] {{"GET", "/api/v1/nonexistent", "404"}, {"PUT", "/api/v1/users", "405"},
                {"DELETE", "/api/v1/account", "405"}, {"GET", "/api/v1/users/a%2Fb", "400"},
                {"GET", "/api/v1/users/%00", "400"}}) {
            Api.Response r = t.admin.send(call[0], call[1], null, Map.of());
            assertThat(r.status()).as(call[0] + " " + call[1] + ": " + r).isEqualTo(Integer.parseInt(call[2]));
            assertThat(r.contentType()).as(call[1]).startsWith("application/problem+json");
            assertThat(r.body().get("status").asInt()).isEqualTo(r.status());
            assertThat(r.raw()).doesNotContain("Tomcat").doesNotContain("<html");
        }
        Api.Response page = anonymous().send("GET", "/nonexistent-page", null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isIn(302, 404); // signed out: to the login page, or the error page
        assertThat(page.contentType()).doesNotContain("json");
        // what Tomcat refuses before any servlet: a page too, in the browser's language, naming no server
        for (String path : new String[] {"/conversations/%00", "/inbox%2Fx"}) {
            Api.Response refused = anonymous().send("GET", path, null,
                    Map.of("Accept", "text/html,application/xhtml+xml", "Accept-Language", "nl-NL,nl;q=0.9"));
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.contentType()).as(path).startsWith("text/html");
            assertThat(refused.raw()).contains("Dit verzoek werd niet begrepen.").doesNotContain("Tomcat");
        }
        assertThat(anonymous().send("GET", "/inbox%2Fx", null, Map.of("Accept", "text/html")).raw())
                .contains("This request could not be understood.");
    }

    @Test
    void a_nul_character_in_a_query_or_form_parameter_is_refused_naming_it() {
        refused(newTenant().admin.get("/api/v1/users?page=1%00"), 400, "page");
        Api.Response page = anonymous().send("GET", "/login?lang=n%00l", null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html"); // a browser gets the error page

        // an out-of-office period that a daylight-saving gap leaves empty (02:30 moves to 03:30, after the end)
        Tenant t = newTenant();
        t.setPlan("ENTERPRISE");
        String ann = t.user("Ann", Map.of("timeZone", "Europe/Amsterdam"));
        refused(t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("start", "2030-03-31T02:30", "end", "2030-03-31T03:15")), 400, "end");
    }

    @Test
    void problems_name_the_request_the_field_sent_and_emails_carry_no_markup() {
        Tenant t = newTenant();
        Api.Response missing = t.admin.get("/api/v1/nonexistent");
        assertThat(missing.text("instance")).isEqualTo("/api/v1/nonexistent");
        assertThat(t.admin.post("/api/v1/conversations", "{}").text("instance")).isEqualTo("/api/v1/conversations");

        String ann = t.user("Ann");
        refused(t.admin.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY", "durationMinutes", 30)),
                400, "durationMinutes");
        refused(t.admin.post("/api/v1/users", Map.of("email", "x<script>alert(1)</script>@qa.io", "name", "X")),
                400, "email");
        assertThat(t.admin.post("/api/v1/users", Map.of("email", "jörg@müller.example", "name", "Jörg")).status())
                .isEqualTo(201);
    }
}
