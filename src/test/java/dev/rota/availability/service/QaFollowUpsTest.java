package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.calendar.service.FeedServer;
import dev.rota.calendar.service.Ics;
import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What black-box testing found in availability, out of office and the directory, each fixed. */
class QaFollowUpsTest extends IntegrationTest {

    @Test
    void after_a_downgrade_to_free_periods_and_the_calendar_link_can_still_be_seen_and_removed() throws Exception {
        try (FeedServer feed = new FeedServer()) {
            Tenant t = newTenant();
            t.setPlan("PROFESSIONAL");
            String ann = t.user("Ann");
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam"));
            Api.Response period = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                    Map.of("startDate", today.toString(), "endDate", today.plusDays(300).toString()));
            assertThat(period.status()).isEqualTo(201);
            feed.serve(Ics.calendar(Ics.allDay("trip", "Vacation", today.plusDays(400), today.plusDays(401))));
            assertThat(t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED",
                    "url", feed.url())).status()).isEqualTo(200);
            assertThat(t.setPlan("FREE").status()).isEqualTo(200);

            // adding stays a paid feature
            Api.Response add = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                    Map.of("startDate", today.plusDays(5).toString(), "endDate", today.plusDays(6).toString()));
            assertThat(add.status()).isEqualTo(403);
            assertThat(t.admin.post("/api/v1/users/" + ann + "/calendar-sync/run", Map.of()).status()).isEqualTo(403);
            // removing does not
            assertThat(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(200);
            assertThat(t.admin.delete("/api/v1/users/" + ann + "/out-of-office/" + period.id()).status())
                    .isEqualTo(204);
            assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("reason"))
                    .isNotEqualTo("OUT_OF_OFFICE");
            assertThat(t.admin.delete("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(204);
            assertThat(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
        }
    }

    @Test
    void a_period_from_the_calendar_is_not_deleted_in_rota_where_the_next_sync_would_bring_it_back()
            throws Exception {
        try (FeedServer feed = new FeedServer()) {
            Tenant t = newTenant();
            t.setPlan("PROFESSIONAL");
            String ann = t.user("Ann");
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam"));
            feed.serve(Ics.calendar(Ics.allDay("trip", "Vacation", today.plusDays(3), today.plusDays(5))));
            t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED", "url", feed.url()));
            JsonNode periods = t.admin.get("/api/v1/users/" + ann + "/out-of-office").body();
            assertThat(periods.size()).isEqualTo(1);
            String id = periods.get(0).get("id").asString();
            Api.Response delete = t.admin.delete("/api/v1/users/" + ann + "/out-of-office/" + id);
            assertThat(delete.status()).isEqualTo(409);
            assertThat(delete.text("field")).isEqualTo("periodId");
            assertThat(delete.text("detail")).contains("calendar");
            assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isEqualTo(1);
        }
    }

    @Test
    void linking_another_calendar_drops_the_periods_of_the_one_before_even_while_the_new_one_fails()
            throws Exception {
        try (FeedServer before = new FeedServer(); FeedServer after = new FeedServer()) {
            Tenant t = newTenant();
            t.setPlan("PROFESSIONAL");
            String ann = t.user("Ann");
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam"));
            before.serve(Ics.calendar(Ics.allDay("trip", "Vacation", today.plusDays(3), today.plusDays(5))));
            t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED", "url", before.url()));
            Api.Response mine = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                    Map.of("startDate", today.plusDays(20).toString(), "endDate", today.plusDays(21).toString()));
            assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isEqualTo(2);
            // the same calendar again keeps them
            t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "ICS_FEED", "url", before.url()));
            assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isEqualTo(2);

            String unreachable = after.url();
            after.stop();
            Api.Response relinked = t.admin.put("/api/v1/users/" + ann + "/calendar-sync",
                    Map.of("type", "ICS_FEED", "url", unreachable));
            assertThat(relinked.text("lastOutcome")).isNotEqualTo("OK");
            JsonNode left = t.admin.get("/api/v1/users/" + ann + "/out-of-office").body();
            assertThat(left.size()).isEqualTo(1);
            assertThat(left.get(0).get("id").asString()).isEqualTo(mine.id());
        }
    }

    @Test
    void a_new_password_cuts_off_the_tokens_made_before_it() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        Api annElsewhere = t.signIn("Ann");
        assertThat(annApi.get("/api/v1/users/" + ann).status()).isEqualTo(200);

        // her own new password needs her current one: a token alone does not take the account over
        Api.Response without = annApi.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-one"));
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.body().get("errors").findValuesAsString("field")).containsExactly("currentPassword");
        Api.Response wrong = annApi.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-one",
                "currentPassword", "not-it-at-all"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("errors").findValuesAsString("field")).containsExactly("currentPassword");
        assertThat(anonymous().post("/api/v1/auth/tokens", Map.of("email", t.email("Ann"), "password",
                t.password("Ann"))).status()).isEqualTo(201); // unchanged
        // wrong guesses count against her sign-in limit (5 in tests): the sixth is not even checked
        for (int i = 0; i < 5; i++) {
            annApi.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-one", "currentPassword", "guess-" + i));
        }
        Api.Response limited = annApi.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-one",
                "currentPassword", t.password("Ann")));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        clock.advance(java.time.Duration.ofMinutes(6));

        // the user changes it herself: every token of hers goes, the one she used too
        assertThat(annApi.patch("/api/v1/users/" + ann, Map.of("password", "a-brand-new-one",
                "currentPassword", t.password("Ann"))).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/users/" + ann).status()).isEqualTo(401);
        assertThat(annElsewhere.get("/api/v1/users/" + ann).status()).isEqualTo(401);
        Api.Response again = anonymous().post("/api/v1/auth/tokens",
                Map.of("email", t.email("Ann"), "password", "a-brand-new-one"));
        assertThat(again.status()).isEqualTo(201);
        Api fresh = annApi.as(again.text("token"));
        assertThat(fresh.get("/api/v1/users/" + ann).status()).isEqualTo(200);

        // an admin resets it: the same
        assertThat(t.admin.patch("/api/v1/users/" + ann, Map.of("password", "reset-by-the-admin")).status())
                .isEqualTo(200);
        assertThat(fresh.get("/api/v1/users/" + ann).status()).isEqualTo(401);
        // other changes leave tokens alone
        Api.Response third = anonymous().post("/api/v1/auth/tokens",
                Map.of("email", t.email("Ann"), "password", "reset-by-the-admin"));
        Api latest = annApi.as(third.text("token"));
        t.admin.patch("/api/v1/users/" + ann, Map.of("name", "Ann Renamed"));
        assertThat(latest.get("/api/v1/users/" + ann).status()).isEqualTo(200);
    }

    @Test
    void a_status_set_by_hand_is_recorded_at_the_instant_it_is_set_from() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        for (Map<String, Object> request : List.<Map<String, Object>>of(Map.of("status", "AWAY"),
                Map.of("status", "AWAY", "durationMinutes", 30), Map.of("status", "AVAILABLE"))) {
            assertThat(annApi.put("/api/v1/users/" + ann + "/status", request).status()).isEqualTo(200);
            JsonNode now = annApi.get("/api/v1/users/" + ann + "/availability").body();
            JsonNode history = annApi.get("/api/v1/users/" + ann + "/status-history").body();
            String recorded = history.get(history.size() - 1).get("at").asString();
            assertThat(Instant.parse(recorded)).as(request.toString())
                    .isEqualTo(Instant.parse(now.get("since").asString()));
            if (!now.get("setBy").isNull()) {
                assertThat(Instant.parse(recorded)).isEqualTo(Instant.parse(now.get("setBy").get("at").asString()));
            }
        }
    }

    @Test
    void a_nul_character_in_an_out_of_office_title_is_refused_naming_it() {
        Tenant t = newTenant();
        Api.Response r = t.admin.put("/api/v1/account/calendar-settings",
                Map.of("outOfOfficeTitles", List.of("Vacation", "Out\u0000of office")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("field")).isEqualTo("outOfOfficeTitles[1]");
    }

    @Test
    void since_counts_from_the_end_of_a_period_that_ended_days_ago() {
        Tenant t = newTenant();
        t.setPlan("PROFESSIONAL");
        // no working hours: available around the clock, except the period
        String ann = t.user("Ann", Map.of("timeZone", "UTC"));
        Instant now = Instant.parse("2026-12-10T10:00:00Z");
        clock.set(now);
        t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("start", "2026-12-01T09:00", "end", "2026-12-01T12:00"));
        JsonNode answer = t.admin.get("/api/v1/users/" + ann + "/availability").body();
        assertThat(answer.get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(answer.get("since").asString()).isEqualTo("2026-12-01T12:00:00Z");
        clock.advance(Duration.ofDays(30));
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("since"))
                .isEqualTo("2026-12-01T12:00:00Z");
    }

    @Test
    void the_management_table_explains_who_set_a_status_by_name_and_a_zone_change_credits_the_admin() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        t.signIn("Ann").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        t.admin.put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));
        String inbox = t.inbox("Help", List.of("EMAIL"), List.of(ann, bob), List.of());
        JsonNode rows = t.admin.get("/api/v1/availability?inboxId=" + inbox).body().get("items");
        for (JsonNode row : rows) {
            String explanation = row.get("explanation").asString();
            if (row.get("userId").asString().equals(ann)) {
                assertThat(explanation).contains("(Ann)").doesNotContain(ann);
            } else {
                assertThat(explanation).contains("(Olivia Owner)").doesNotContain(t.adminId);
            }
        }

        // changing Carl's zone through the directory changes his status: the history names the admin who did
        int hour = clock.instant().atZone(java.time.ZoneOffset.UTC).getHour();
        String from = String.format("%02d:00", Math.max(0, hour - 1));
        String to = hour + 2 >= 24 ? "24:00" : String.format("%02d:00", hour + 2);
        List<Map<String, String>> ranges = new java.util.ArrayList<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            ranges.add(Map.of("day", day.name(), "start", from, "end", to));
        }
        String carl = t.user("Carl");
        t.admin.put("/api/v1/users/" + carl + "/working-hours", Map.of("timeZone", "UTC", "ranges", ranges));
        assertThat(t.admin.get("/api/v1/users/" + carl + "/availability").text("status")).isEqualTo("AVAILABLE");
        // nine hours later on the clock, whatever the day: outside those hours
        assertThat(t.admin.patch("/api/v1/users/" + carl, Map.of("timeZone", "Asia/Tokyo")).status())
                .isEqualTo(200);
        JsonNode history = t.admin.get("/api/v1/users/" + carl + "/status-history").body();
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("status").asString()).as(history.toString()).isEqualTo("AWAY");
        assertThat(last.get("cause").asString()).isEqualTo("DIRECTORY");
        assertThat(last.get("actorId").asString()).isEqualTo(t.adminId);
    }
}
