package dev.rota.availability.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AvailabilityApiTest extends IntegrationTest {

    /** Monday 2 March 2026, 08:00 UTC = 09:00 in Amsterdam (UTC+1). */
    static final Instant MONDAY_0900_AMSTERDAM = Instant.parse("2026-03-02T08:00:00Z");

    static Map<String, Object> nineToFive(String zone) {
        return Map.of("timeZone", zone, "ranges", List.of(
                Map.of("day", "MONDAY", "start", "09:00", "end", "17:00"),
                Map.of("day", "TUESDAY", "start", "09:00", "end", "17:00"),
                Map.of("day", "WEDNESDAY", "start", "09:00", "end", "17:00"),
                Map.of("day", "THURSDAY", "start", "09:00", "end", "17:00"),
                Map.of("day", "FRIDAY", "start", "09:00", "end", "17:00")));
    }

    @Test
    void working_hours_are_saved_and_decide_the_status_in_the_users_zone() {
        clock.set(MONDAY_0900_AMSTERDAM.minusSeconds(3600));
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api.Response put = t.admin.put("/api/v1/users/" + ann + "/working-hours", nineToFive("Europe/Amsterdam"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.text("summary")).isEqualTo("Mon–Fri 09:00–17:00 Europe/Amsterdam");
        assertThat(t.admin.get("/api/v1/users/" + ann).text("timeZone")).isEqualTo("Europe/Amsterdam");

        Api.Response before = t.admin.get("/api/v1/users/" + ann + "/availability");
        assertThat(before.text("status")).isEqualTo("AWAY");
        assertThat(before.text("reason")).isEqualTo("OUTSIDE_WORKING_HOURS");
        assertThat(before.text("until")).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(before.body().get("next").get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(before.text("explanation")).contains("outside working hours");

        Api.Response during = t.admin.get("/api/v1/users/" + ann + "/availability?at=2026-03-02T12:00:00Z");
        assertThat(during.text("status")).isEqualTo("AVAILABLE");
        assertThat(during.text("reason")).isEqualTo("WORKING_HOURS");
        assertThat(during.text("until")).isEqualTo("2026-03-02T16:00:00Z");
        assertThat(during.body().get("eligibleForAssignment").asBoolean()).isTrue();
    }

    @Test
    void an_overnight_range_and_24_00_are_accepted() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api.Response put = t.admin.put("/api/v1/users/" + ann + "/working-hours", Map.of("timeZone", "America/New_York",
                "ranges", List.of(Map.of("day", "FRIDAY", "start", "22:00", "end", "06:00"),
                        Map.of("day", "SATURDAY", "start", "18:00", "end", "24:00"))));
        assertThat(put.status()).isEqualTo(200);
        // Saturday 2026-03-07 03:00 New York (UTC-5) = 08:00Z: still inside Friday's overnight range
        Api.Response r = t.admin.get("/api/v1/users/" + ann + "/availability?at=2026-03-07T08:00:00Z");
        assertThat(r.text("status")).isEqualTo("AVAILABLE");
        JsonNode ranges = t.admin.get("/api/v1/users/" + ann + "/working-hours").body().get("ranges");
        assertThat(ranges.get(1).get("end").asString()).isEqualTo("24:00");
    }

    @Test
    void bad_working_hours_are_refused_naming_the_field_and_nothing_is_saved() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        t.admin.put("/api/v1/users/" + ann + "/working-hours", nineToFive("Europe/Amsterdam"));
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("timeZone", "Mars/Base", "ranges", List.of()), "timeZone"),
                new Case(Map.of("ranges", List.of(Map.of("day", "FUNDAY", "start", "09:00", "end", "17:00"))), "ranges[0].day"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "25:00"))), "ranges[0].end"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "9am", "end", "17:00"))), "ranges[0].start"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "09:00"))), "ranges[0].end"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "24:00", "end", "09:00"))), "ranges[0].start"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "09:00"))), "ranges[0].end"),
                new Case(Map.of("timeZone", "Europe/Amsterdam"), "ranges"),
                new Case(Map.of("ranges", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "17:00"),
                        Map.of("day", "TUESDAY", "start", "10:00", "end", "10:00"))), "ranges[1].end"));
        for (Case c : cases) {
            Api.Response r = t.admin.put("/api/v1/users/" + ann + "/working-hours", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("errors").findValuesAsString("field")).as(c.toString()).contains(c.field());
        }
        Api.Response after = t.admin.get("/api/v1/users/" + ann + "/working-hours");
        assertThat(after.body().get("ranges").size()).isEqualTo(5);
        assertThat(after.text("timeZone")).isEqualTo("Europe/Amsterdam");
    }

    @Test
    void only_a_super_admin_or_the_user_themself_edits_working_hours() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob", Map.of("permissions", List.of("AVAILABILITY_MANAGEMENT")));
        Api annApi = t.signIn("Ann");
        assertThat(annApi.put("/api/v1/users/" + ann + "/working-hours", nineToFive("Asia/Tokyo")).status()).isEqualTo(200);
        assertThat(t.signIn("Bob").put("/api/v1/users/" + ann + "/working-hours", nineToFive("UTC")).status()).isEqualTo(403);
        assertThat(annApi.put("/api/v1/users/" + bob + "/working-hours", nineToFive("UTC")).status()).isEqualTo(403);
        assertThat(annApi.get("/api/v1/users/" + bob + "/working-hours").status()).isEqualTo(200);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/working-hours").text("timeZone")).isEqualTo("Asia/Tokyo");
    }

    @Test
    void out_of_office_needs_a_professional_plan() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api.Response refused = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", "2026-12-24", "endDate", "2026-12-26"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).endsWith("plan-required");
        assertThat(refused.text("field")).isEqualTo("plan");
        assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isZero();
    }

    @Test
    void out_of_office_periods_make_the_user_away_with_their_start_and_end() {
        Tenant t = newTenant();
        t.setPlan("PROFESSIONAL");
        String ann = t.user("Ann", Map.of("timeZone", "Europe/Amsterdam"));
        Api annApi = t.signIn("Ann");
        Api.Response days = annApi.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", "2026-12-24", "endDate", "2026-12-26"));
        assertThat(days.status()).isEqualTo(201);
        assertThat(days.text("source")).isEqualTo("USER");
        assertThat(days.text("startsAt")).isEqualTo("2026-12-23T23:00:00Z");
        assertThat(days.text("endsAt")).isEqualTo("2026-12-26T23:00:00Z");
        assertThat(days.text("endDate")).isEqualTo("2026-12-26");

        Api.Response local = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("start", "2027-01-04T09:00", "end", "2027-01-04T13:00"));
        assertThat(local.status()).isEqualTo(201);
        assertThat(local.text("source")).isEqualTo("ADMIN");

        Api.Response during = t.admin.get("/api/v1/users/" + ann + "/availability?at=2026-12-25T12:00:00Z");
        assertThat(during.text("status")).isEqualTo("AWAY");
        assertThat(during.text("reason")).isEqualTo("OUT_OF_OFFICE");
        assertThat(during.text("until")).isEqualTo("2026-12-26T23:00:00Z");
        assertThat(during.body().get("eligibleForAssignment").asBoolean()).isFalse();

        assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isEqualTo(2);
        assertThat(annApi.delete("/api/v1/users/" + ann + "/out-of-office/" + days.id()).status()).isEqualTo(204);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability?at=2026-12-25T12:00:00Z").text("reason"))
                .isEqualTo("DEFAULT");
        assertThat(annApi.delete("/api/v1/users/" + ann + "/out-of-office/" + days.id()).status()).isEqualTo(404);
    }

    @Test
    void bad_periods_are_refused_naming_the_field() {
        Tenant t = newTenant();
        t.setPlan("ENTERPRISE");
        String ann = t.user("Ann");
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("start", "2026-12-24T09:00", "end", "2026-12-24T08:00"), "end"),
                new Case(Map.of("start", "2026-12-24T09:00", "end", "2026-12-24T09:00"), "end"),
                new Case(Map.of("start", "2026-12-24T09:00", "end", "2028-01-24T09:00"), "end"),
                new Case(Map.of("startDate", "2026-12-24", "endDate", "2026-12-20"), "endDate"),
                new Case(Map.of("startDate", "2026-01-01", "endDate", "2027-06-01"), "endDate"),
                new Case(Map.of("start", "24-12-2026 09:00", "end", "2026-12-24T10:00"), "start"),
                new Case(Map.of("start", "2026-12-24T09:00", "endDate", "2026-12-24"), "startDate"),
                new Case(Map.of(), "startDate"),
                new Case(Map.of("startDate", "2026-12-24"), "endDate"));
        for (Case c : cases) {
            Api.Response r = t.admin.post("/api/v1/users/" + ann + "/out-of-office", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.body().get("errors").findValuesAsString("field")).as(c.toString()).contains(c.field());
        }
        assertThat(t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().size()).isZero();
    }

    @Test
    void a_user_sets_themself_away_and_available_again() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        Api annApi = t.signIn("Ann");
        Api.Response away = annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        assertThat(away.status()).isEqualTo(200);
        assertThat(away.text("status")).isEqualTo("AWAY");
        assertThat(away.text("reason")).isEqualTo("MANUAL");
        assertThat(away.body().get("setBy").get("userId").asString()).isEqualTo(ann);
        Api.Response back = annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        assertThat(back.text("status")).isEqualTo("AVAILABLE");

        JsonNode history = t.admin.get("/api/v1/users/" + ann + "/status-history").body();
        assertThat(history.findValuesAsString("cause")).containsExactly("CREATED", "USER", "USER");
        assertThat(history.get(1).get("actorId").asString()).isEqualTo(ann);
    }

    @Test
    void a_temporary_away_lasts_exactly_its_duration_from_when_it_began() {
        Tenant t = newTenant(); // the clock runs: the request's and the setting's instants differ
        String ann = t.user("Ann", Map.of("seat", "SERVICE"));
        Api.Response away = t.signIn("Ann").put("/api/v1/users/" + ann + "/status",
                Map.of("status", "AWAY", "durationMinutes", 1));
        assertThat(java.time.Duration.between(Instant.parse(away.text("since")), Instant.parse(away.text("until"))))
                .isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void temporarily_away_needs_a_service_seat_and_expires_by_itself() {
        clock.set(Instant.parse("2026-05-04T10:00:00Z"));
        Tenant t = newTenant();
        String ann = t.user("Ann", Map.of("seat", "SERVICE"));
        String carl = t.user("Carl", Map.of("seat", "CORE"));
        Api.Response refused = t.signIn("Carl").put("/api/v1/users/" + carl + "/status",
                Map.of("status", "AWAY", "durationMinutes", 30));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("field")).isEqualTo("seat");

        Api annApi = t.signIn("Ann");
        Api.Response away = annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY", "durationMinutes", 30));
        assertThat(away.text("reason")).isEqualTo("TEMPORARILY_AWAY");
        assertThat(away.text("until")).isEqualTo("2026-05-04T10:30:00Z");

        clock.set(Instant.parse("2026-05-04T10:31:00Z"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode history = t.admin.get("/api/v1/users/" + ann + "/status-history?from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z").body();
            JsonNode last = history.get(history.size() - 1);
            assertThat(last.get("cause").asString()).isEqualTo("CLOCK");
            assertThat(last.get("at").asString()).isEqualTo("2026-05-04T10:30:00Z");
            assertThat(last.get("status").asString()).isEqualTo("AVAILABLE");
        });
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("status")).isEqualTo("AVAILABLE");

        Map<String, Object> both = new HashMap<>(Map.of("status", "AWAY", "durationMinutes", 30, "until", "2026-05-04T12:00:00Z"));
        assertThat(annApi.put("/api/v1/users/" + ann + "/status", both).text("field")).isEqualTo("until");
        assertThat(annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "BUSY")).text("field")).isEqualTo("status");
        assertThat(annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY", "until", "2026-05-04T09:00:00Z"))
                .text("field")).isEqualTo("until");
    }

    @Test
    void an_admin_sets_someone_away_and_it_survives_the_start_of_working_hours() {
        clock.set(MONDAY_0900_AMSTERDAM.minusSeconds(7200));
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String mia = t.user("Mia", Map.of("permissions", List.of("AVAILABILITY_MANAGEMENT"), "seat", "CORE"));
        String fred = t.user("Fred", Map.of("permissions", List.of("AVAILABILITY_MANAGEMENT"), "seat", "NONE"));
        String bob = t.user("Bob");
        t.admin.put("/api/v1/users/" + ann + "/working-hours", nineToFive("Europe/Amsterdam"));

        assertThat(t.signIn("Fred").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY")).status()).isEqualTo(403);
        assertThat(t.signIn("Bob").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY")).status()).isEqualTo(403);
        Api.Response set = t.signIn("Mia").put("/api/v1/users/" + ann + "/status", Map.of("status", "AWAY"));
        assertThat(set.status()).isEqualTo(200);

        Api.Response atNine = t.admin.get("/api/v1/users/" + ann + "/availability?at=2026-03-02T09:00:00Z");
        assertThat(atNine.text("status")).isEqualTo("AWAY");
        assertThat(atNine.text("reason")).isEqualTo("SET_BY_ADMIN");
        assertThat(atNine.body().get("setBy").get("name").asString()).isEqualTo("Mia");

        Api annApi = t.signIn("Ann");
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        Api.Response self = annApi.put("/api/v1/users/" + ann + "/status", Map.of("status", "AVAILABLE"));
        assertThat(self.text("status")).isEqualTo("AVAILABLE");
        assertThat(self.text("reason")).isEqualTo("MANUAL");
        assertThat(mia).isNotEqualTo(fred).isNotEqualTo(bob);
    }

    @Test
    void the_timeline_covers_the_window_and_refuses_more_than_92_days() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        t.admin.put("/api/v1/users/" + ann + "/working-hours", nineToFive("Europe/Amsterdam"));
        JsonNode intervals = t.admin.get("/api/v1/users/" + ann
                + "/availability/timeline?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z").body().get("intervals");
        assertThat(intervals.get(0).get("from").asString()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(intervals.get(intervals.size() - 1).get("to").asString()).isEqualTo("2026-03-09T00:00:00Z");
        assertThat(intervals.size()).isEqualTo(11);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).get("from").asString()).isEqualTo(intervals.get(i - 1).get("to").asString());
        }
        Api.Response tooLong = t.admin.get("/api/v1/users/" + ann
                + "/availability/timeline?from=2026-03-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("field")).isEqualTo("to");
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability/timeline?from=yesterday").text("field")).isEqualTo("from");
    }

    @Test
    void the_management_table_lists_users_with_inbox_access_filtered_by_status_inbox_team_and_text() {
        Tenant t = newTenant();
        String ann = t.user("Ann");
        String bob = t.user("Bob");
        String cleo = t.user("Cleo");
        t.user("Nobody Without Inbox");
        String team = t.team("Night shift", List.of(bob));
        String help = t.inbox("Help", List.of("EMAIL"), List.of(ann), List.of(team));
        t.inbox("Sales", List.of("CHAT"), List.of(cleo), List.of());
        t.signIn("Bob").put("/api/v1/users/" + bob + "/status", Map.of("status", "AWAY"));

        JsonNode all = t.admin.get("/api/v1/availability").body();
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(names(all)).containsExactly("Ann", "Bob", "Cleo");
        JsonNode bobRow = all.get("items").get(1);
        assertThat(bobRow.get("status").asString()).isEqualTo("AWAY");
        assertThat(bobRow.get("reason").asString()).isEqualTo("MANUAL");
        assertThat(bobRow.get("teams").get(0).get("name").asString()).isEqualTo("Night shift");
        assertThat(bobRow.get("inboxes").get(0).get("name").asString()).isEqualTo("Help");

        assertThat(names(t.admin.get("/api/v1/availability?status=AWAY").body()))
                .containsExactly("Bob");
        assertThat(names(t.admin.get("/api/v1/availability?inboxId=" + help).body()))
                .containsExactly("Ann", "Bob");
        assertThat(names(t.admin.get("/api/v1/availability?teamId=" + team).body()))
                .containsExactly("Bob");
        assertThat(names(t.admin.get("/api/v1/availability?q=cle").body()))
                .containsExactly("Cleo");
        assertThat(t.admin.get("/api/v1/availability?status=SLEEPING").text("field")).isEqualTo("status");
        assertThat(t.signIn("Ann").get("/api/v1/availability").status()).isEqualTo(200);
    }

    static List<String> names(JsonNode page) {
        List<String> names = new java.util.ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void another_accounts_user_is_not_found_on_every_availability_endpoint() {
        Tenant mine = newTenant();
        Tenant theirs = newTenant();
        theirs.setPlan("ENTERPRISE");
        mine.setPlan("ENTERPRISE");
        String stranger = theirs.user("Stranger");
        String base = "/api/v1/users/" + stranger;
        List<Api.Response> responses = List.of(
                mine.admin.get(base + "/working-hours"),
                mine.admin.put(base + "/working-hours", nineToFive("UTC")),
                mine.admin.get(base + "/out-of-office"),
                mine.admin.post(base + "/out-of-office", Map.of("startDate", "2026-12-24", "endDate", "2026-12-24")),
                mine.admin.get(base + "/availability"),
                mine.admin.get(base + "/availability/timeline"),
                mine.admin.put(base + "/status", Map.of("status", "AWAY")),
                mine.admin.get(base + "/status-history"));
        for (Api.Response r : responses) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        }
        assertThat(theirs.admin.get(base + "/availability").text("status")).isEqualTo("AVAILABLE");
        assertThat(theirs.admin.get(base + "/working-hours").body().get("ranges").size()).isZero();
    }
}
