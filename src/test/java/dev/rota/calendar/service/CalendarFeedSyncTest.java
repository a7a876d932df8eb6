package dev.rota.calendar.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Calendar sync of an iCalendar feed served on 127.0.0.1, through the API, on real PostgreSQL. */
class CalendarFeedSyncTest extends IntegrationTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private FeedServer feed;
    private Tenant t;
    private String ann;
    private LocalDate today;
    private Instant nextWeek;

    @BeforeEach
    void aProfessionalAccountWithAnnAndHerFeed() throws Exception {
        feed = new FeedServer();
        t = newTenant();
        assertThat(t.setPlan("PROFESSIONAL").status()).isEqualTo(200);
        ann = t.user("Ann", Map.of("timeZone", "Europe/Amsterdam"));
        today = LocalDate.ofInstant(clock.instant(), AMSTERDAM);
        nextWeek = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(7));
        feed.serve(Ics.calendar(
                Ics.allDay("vacation-1", "Vacation", today.minusDays(1), today.plusDays(2)),
                Ics.timed("dentist-1", "OOO - dentist", nextWeek, nextWeek.plus(Duration.ofHours(2))),
                Ics.timed("meeting-1", "Team meeting", nextWeek, nextWeek.plus(Duration.ofHours(1)))));
    }

    @AfterEach
    void stopFeed() {
        feed.close();
    }

    private Api.Response link(Api api, String userId, String url) {
        return api.put("/api/v1/users/" + userId + "/calendar-sync", Map.of("type", "ICS_FEED", "url", url));
    }

    private Api.Response run() {
        return t.admin.post("/api/v1/users/" + ann + "/calendar-sync/run", Map.of());
    }

    private List<JsonNode> periods(String source) {
        List<JsonNode> result = new ArrayList<>();
        t.admin.get("/api/v1/users/" + ann + "/out-of-office").body().forEach(p -> {
            if (source == null || p.get("source").asString().equals(source)) {
                result.add(p);
            }
        });
        return result;
    }

    private int historySize() {
        return t.admin.get("/api/v1/users/" + ann + "/status-history").body().size();
    }

    @Test
    void a_linked_feed_becomes_calendar_periods_and_follows_the_feeds_changes() {
        Api.Response added = t.signIn("Ann").post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", today.plusDays(20).toString(), "endDate", today.plusDays(21).toString()));
        assertThat(added.status()).isEqualTo(201);

        Api.Response linked = link(t.admin, ann, feed.url());

        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.text("lastOutcome")).isEqualTo("OK");
        assertThat(linked.text("type")).isEqualTo("ICS_FEED");
        List<JsonNode> calendar = periods("CALENDAR");
        assertThat(calendar).hasSize(2);
        assertThat(calendar.get(0).get("startDate").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(calendar.get(0).get("endDate").asString()).isEqualTo(today.plusDays(1).toString());
        assertThat(Instant.parse(calendar.get(1).get("startsAt").asString())).isEqualTo(nextWeek);
        Api.Response now = t.admin.get("/api/v1/users/" + ann + "/availability");
        assertThat(now.text("status")).isEqualTo("AWAY");
        assertThat(now.text("reason")).isEqualTo("OUT_OF_OFFICE");

        int history = historySize();
        List<String> ids = periods(null).stream().map(p -> p.get("id").asString()).toList();
        Api.Response again = run();
        assertThat(again.text("lastOutcome")).isEqualTo("OK");
        assertThat(feed.notModified.get()).as("the second fetch is conditional").isEqualTo(1);
        assertThat(historySize()).as("an unchanged calendar records nothing").isEqualTo(history);
        assertThat(periods(null).stream().map(p -> p.get("id").asString()).toList()).isEqualTo(ids);

        feed.serve(Ics.calendar(Ics.allDay("vacation-1", "Vacation", today.plusDays(3), today.plusDays(5))));
        assertThat(run().text("lastOutcome")).isEqualTo("OK");

        calendar = periods("CALENDAR");
        assertThat(calendar).singleElement().satisfies(p ->
                assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(3).toString()));
        assertThat(periods("USER")).singleElement().satisfies(p ->
                assertThat(p.get("id").asString()).isEqualTo(added.id()));
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("reason")).isNotEqualTo("OUT_OF_OFFICE");
        assertThat(historySize()).as("the vacation ended early").isGreaterThan(history);
    }

    @Test
    void a_new_time_zone_or_a_day_without_reading_rereads_an_unchanged_feed() {
        link(t.admin, ann, feed.url());
        JsonNode dentist = periods("CALENDAR").get(1);
        assertThat(t.admin.put("/api/v1/users/" + ann + "/working-hours",
                Map.of("timeZone", "America/New_York", "ranges", List.of())).status()).isEqualTo(200);

        assertThat(run().text("lastOutcome")).isEqualTo("OK");

        assertThat(feed.notModified.get()).isZero();
        JsonNode moved = periods("CALENDAR").get(1);
        assertThat(moved.get("startsAt").asString()).isEqualTo(dentist.get("startsAt").asString());
        assertThat(moved.get("start").asString()).isNotEqualTo(dentist.get("start").asString());
        assertThat(run().text("lastMessage")).isEqualTo("not modified");
        assertThat(feed.notModified.get()).isEqualTo(1);

        int fullReads = feed.requests.get() - feed.notModified.get();
        clock.set(clock.instant().plus(Duration.ofHours(25)));
        assertThat(run().text("lastOutcome")).isEqualTo("OK");
        // the scheduler may have been first, as the link is due now: either way one read was unconditional
        assertThat(feed.requests.get() - feed.notModified.get()).as("read in full after a day").isGreaterThan(fullReads);
    }

    @Test
    void a_failing_feed_keeps_the_last_good_periods_records_the_error_and_backs_off() {
        assertThat(link(t.admin, ann, feed.url()).text("lastOutcome")).isEqualTo("OK");
        List<JsonNode> good = periods("CALENDAR");
        assertThat(good).hasSize(2);

        record Failure(String name, Runnable cause, String message) {
        }
        List<Failure> failures = List.of(
                new Failure("server error", () -> feed.status = 500, "HTTP 500"),
                new Failure("garbage", () -> feed.serve("<html>this is not a calendar</html>"), ""),
                new Failure("too big", () -> feed.serve("X".repeat(6 * 1024 * 1024)), "larger than"),
                new Failure("gone mid-download", () -> {
                    feed.serve(Ics.calendar(Ics.allDay("vacation-2", "Vacation", today.plusDays(10), today.plusDays(12))));
                    feed.cutAfterBytes = 60;
                }, ""),
                new Failure("server gone", feed::stop, "cannot reach 127.0.0.1"));
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            f.cause().run();
            Api.Response r = run();
            assertThat(r.status()).as(f.name()).isEqualTo(200);
            assertThat(r.text("lastOutcome")).as(f.name()).isEqualTo("ERROR");
            assertThat(r.text("lastMessage")).as(f.name()).isNotBlank().contains(f.message());
            assertThat(r.body().get("consecutiveFailures").asInt()).as(f.name()).isEqualTo(i + 1);
            Duration delay = Duration.between(Instant.parse(r.text("lastSyncAt")), Instant.parse(r.text("nextSyncAt")));
            assertThat(delay).as(f.name()).isEqualTo(Duration.ofMinutes(15).multipliedBy(1L << i));
            assertThat(periods("CALENDAR")).as(f.name()).isEqualTo(good);
        }
        Api.Response shown = t.admin.get("/api/v1/users/" + ann + "/calendar-sync");
        assertThat(shown.text("lastOutcome")).isEqualTo("ERROR");
        assertThat(shown.text("lastMessage")).startsWith("cannot reach");
    }

    @Test
    void a_feed_that_recovers_resets_the_failures() {
        link(t.admin, ann, feed.url());
        feed.status = 503;
        assertThat(run().text("lastOutcome")).isEqualTo("ERROR");
        feed.serve(Ics.calendar(Ics.allDay("vacation-2", "Holiday", today.plusDays(9), today.plusDays(10))));

        Api.Response r = run();

        assertThat(r.text("lastOutcome")).isEqualTo("OK");
        assertThat(r.body().get("consecutiveFailures").asInt()).isZero();
        assertThat(periods("CALENDAR")).singleElement().satisfies(p ->
                assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(9).toString()));
    }

    @Test
    void unlinking_removes_the_calendar_periods_only() {
        Api.Response added = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", today.plusDays(30).toString(), "endDate", today.plusDays(31).toString()));
        link(t.admin, ann, feed.url());
        assertThat(periods("CALENDAR")).hasSize(2);

        assertThat(t.admin.delete("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(204);

        assertThat(periods(null)).singleElement().satisfies(p -> assertThat(p.get("id").asString()).isEqualTo(added.id()));
        assertThat(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
        assertThat(t.admin.delete("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("reason")).isNotEqualTo("OUT_OF_OFFICE");
    }

    @Test
    void the_account_titles_decide_what_is_out_of_office() {
        Api.Response defaults = t.signIn("Ann").get("/api/v1/account/calendar-settings");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().get("outOfOfficeTitles").toString()).contains("Out of office", "Vakantie");
        assertThat(t.signIn("Ann").put("/api/v1/account/calendar-settings",
                Map.of("outOfOfficeTitles", List.of("Sabbatical"))).status()).isEqualTo(403);
        Api.Response bad = t.admin.put("/api/v1/account/calendar-settings", Map.of("outOfOfficeTitles", List.of("ok", " ")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("outOfOfficeTitles[1]");

        Api.Response put = t.admin.put("/api/v1/account/calendar-settings",
                Map.of("outOfOfficeTitles", List.of("Sabbatical")));
        assertThat(put.status()).isEqualTo(200);
        feed.serve(Ics.calendar(Ics.allDay("s-1", "Sabbatical", today.plusDays(3), today.plusDays(5)),
                Ics.allDay("v-1", "Vacation", today.plusDays(6), today.plusDays(8))));
        link(t.admin, ann, feed.url());

        assertThat(periods("CALENDAR")).singleElement().satisfies(p ->
                assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(3).toString()));
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("url", feed.url()), "type"),
                new Case(Map.of("type", "WEBCAL", "url", feed.url()), "type"),
                new Case(Map.of("type", "ICS_FEED"), "url"),
                new Case(Map.of("type", "ICS_FEED", "url", "http://exa mple.com/x.ics"), "url"),
                new Case(Map.of("type", "ICS_FEED", "url", "ftp://example.com/x.ics"), "url"),
                new Case(Map.of("type", "ICS_FEED", "url", "/relative/calendar.ics"), "url"),
                new Case(Map.of("type", "ICS_FEED", "url", "https://user:pw@example.com/x.ics"), "url"),
                new Case(Map.of("type", "ICS_FEED", "url", "https://example.com/" + "x".repeat(2000)), "url"),
                new Case(Map.of("type", "CALDAV", "url", feed.url(), "password", "secret"), "username"),
                new Case(Map.of("type", "CALDAV", "url", feed.url(), "username", "ann"), "password"),
                new Case(Map.of("type", "ICS_FEED", "url", feed.url(), "colour", "red"), "colour"),
                new Case("[1, 2]", "body"));
        for (Case c : cases) {
            Api.Response r = t.admin.put("/api/v1/users/" + ann + "/calendar-sync", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("errors").findValuesAsString("field")).as(c + " " + r).contains(c.field());
        }
        assertThat(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);
    }

    @Test
    void only_the_user_or_a_super_admin_on_a_paid_plan_links_and_other_accounts_are_not_found() {
        String bob = t.user("Bob", Map.of("permissions", List.of("AVAILABILITY_MANAGEMENT")));
        Api annApi = t.signIn("Ann");

        Api.Response byBob = link(t.signIn("Bob"), ann, feed.url());
        assertThat(byBob.status()).isEqualTo(403);
        assertThat(annApi.get("/api/v1/users/" + bob + "/calendar-sync").status()).isEqualTo(403);
        assertThat(link(annApi, ann, feed.url()).status()).isEqualTo(200);
        assertThat(annApi.get("/api/v1/users/" + ann + "/calendar-sync").text("url"))
                .as("a feed's secret address is not shown").isEqualTo(feed.url().replace("/calendar.ics", "/…"));

        Tenant other = newTenant();
        other.setPlan("ENTERPRISE");
        for (String path : List.of("", "/run")) {
            assertThat(other.admin.get("/api/v1/users/" + ann + "/calendar-sync" + path).status())
                    .isIn(404, 405);
        }
        assertThat(link(other.admin, ann, feed.url()).status()).isEqualTo(404);
        assertThat(other.admin.post("/api/v1/users/" + ann + "/calendar-sync/run", Map.of()).status()).isEqualTo(404);
        assertThat(other.admin.delete("/api/v1/users/" + ann + "/calendar-sync").status()).isEqualTo(404);

        Tenant free = newTenant();
        String carl = free.user("Carl");
        Api.Response refused = link(free.admin, carl, feed.url());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("type")).endsWith("plan-required");
        assertThat(refused.text("field")).isEqualTo("plan");
    }

    @Test
    void the_scheduler_syncs_a_due_link_by_itself() {
        link(t.admin, ann, feed.url());
        Instant firstSync = Instant.parse(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("lastSyncAt"));
        feed.serve(Ics.calendar(Ics.allDay("vacation-1", "Vacation", today.plusDays(40), today.plusDays(42))));

        clock.set(clock.instant().plus(Duration.ofMinutes(16)));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(Instant.parse(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("lastSyncAt")))
                        .isAfter(firstSync));
        assertThat(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("lastOutcome")).isEqualTo("OK");
        assertThat(periods("CALENDAR")).singleElement().satisfies(p ->
                assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(40).toString()));
    }

    @Test
    void a_hanging_calendar_does_not_delay_the_scheduled_sync_of_another() throws Exception {
        String bob = t.user("Bob", Map.of("timeZone", "Europe/Amsterdam"));
        try (FeedServer bobsFeed = new FeedServer()) {
            bobsFeed.serve(Ics.calendar(Ics.allDay("b-1", "Vacation", today.plusDays(3), today.plusDays(4))));
            link(t.admin, ann, feed.url());
            link(t.admin, bob, bobsFeed.url());
            Instant annsSync = Instant.parse(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("lastSyncAt"));
            feed.delayMillis = 8_000;
            bobsFeed.serve(Ics.calendar(Ics.allDay("b-1", "Vacation", today.plusDays(5), today.plusDays(6))));

            clock.set(clock.instant().plus(Duration.ofMinutes(16)));

            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(t.admin.get("/api/v1/users/" + bob + "/out-of-office").body().get(0).get("startDate")
                            .asString()).isEqualTo(today.plusDays(5).toString()));
            assertThat(feed.requests.get()).as("Ann's sync has started and hangs").isEqualTo(2);
            assertThat(Instant.parse(t.admin.get("/api/v1/users/" + ann + "/calendar-sync").text("lastSyncAt")))
                    .isEqualTo(annsSync);
        }
    }
}
