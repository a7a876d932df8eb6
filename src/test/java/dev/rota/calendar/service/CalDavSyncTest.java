package dev.rota.calendar.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rota.calendar.CalDavClient;
import dev.rota.calendar.RadicaleServer;
import dev.rota.calendar.SafeHttpClient;
import dev.rota.support.Api;
import dev.rota.support.IntegrationTest;
import dev.rota.support.Tenant;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Two-way calendar sync against a real Radicale CalDAV server started by the test. */
class CalDavSyncTest extends IntegrationTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final SafeHttpClient.BasicCredentials AGENT = new SafeHttpClient.BasicCredentials("agent", "s3cret-pw");

    @Autowired
    JdbcClient jdbc;

    private RadicaleServer radicale;
    private SafeHttpClient http;
    private CalDavClient calendar;
    private URI collection;
    private Tenant t;
    private String ann;
    private LocalDate today;

    @BeforeEach
    void radicaleWithAnEmptyCalendarAndAnn() throws Exception {
        radicale = RadicaleServer.start();
        http = SafeHttpClient.create(SafeHttpClient.Settings.defaults().withAllowPrivateNetworks(true));
        collection = radicale.baseUrl().resolve("agent/rota/");
        assertThat(http.send("MKCALENDAR", collection, Map.of(), null, AGENT).status()).isEqualTo(201);
        calendar = new CalDavClient(http, collection, AGENT);
        t = newTenant();
        t.setPlan("ENTERPRISE");
        ann = t.user("Ann", Map.of("timeZone", "Europe/Amsterdam"));
        today = LocalDate.ofInstant(clock.instant(), AMSTERDAM);
    }

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.close();
        }
        if (radicale != null) {
            radicale.close();
        }
    }

    private Api.Response link() {
        return t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "CALDAV",
                "url", collection.toString(), "username", AGENT.username(), "password", AGENT.password()));
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

    private List<String> remoteEvents() throws Exception {
        return calendar.list(clock.instant().minusSeconds(40L * 86400), clock.instant().plusSeconds(400L * 86400))
                .stream().map(CalDavClient.RemoteEvent::ics).toList();
    }

    private int historySize() {
        return t.admin.get("/api/v1/users/" + ann + "/status-history").body().size();
    }

    @Test
    void calendar_events_become_periods_and_rota_periods_are_written_back_edited_and_deleted() throws Exception {
        calendar.put("trip-1", Ics.calendar(Ics.allDay("trip-1", "Vakantie", today.plusDays(3), today.plusDays(5))), null);
        calendar.put("meeting-1", Ics.calendar(Ics.timed("meeting-1", "Planning",
                clock.instant().plusSeconds(86400), clock.instant().plusSeconds(90000))), null);

        Api.Response linked = link();

        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.text("lastOutcome")).as(linked.toString()).isEqualTo("OK");
        assertThat(linked.text("url")).isEqualTo(collection.toString());
        assertThat(linked.body().get("hasPassword").asBoolean()).isTrue();
        assertThat(linked.raw()).doesNotContain(AGENT.password());
        assertThat(jdbc.sql("select password_encrypted from calendar_link where user_id = :u")
                .param("u", java.util.UUID.fromString(ann)).query(String.class).single())
                .isNotBlank().doesNotContain(AGENT.password());
        assertThat(periods("CALENDAR")).singleElement().satisfies(p ->
                assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(3).toString()));

        Api.Response added = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", today.plusDays(10).toString(), "endDate", today.plusDays(11).toString()));
        assertThat(added.status()).isEqualTo(201);
        assertThat(run().text("lastOutcome")).isEqualTo("OK");

        assertThat(remoteEvents()).filteredOn(ics -> ics.contains("X-ROTA-PERIOD-ID:" + added.id())).singleElement()
                .satisfies(ics -> assertThat(ics).contains("X-MICROSOFT-CDO-BUSYSTATUS:OOF",
                        "DTSTART;VALUE=DATE:" + today.plusDays(10).toString().replace("-", "")));
        assertThat(periods(null)).as("Rota's own event is not imported back").hasSize(2);
        assertThat(periods("ADMIN")).singleElement().satisfies(p ->
                assertThat(p.get("id").asString()).isEqualTo(added.id()));

        CalDavClient.CollectionState before = calendar.state();
        int history = historySize();
        Api.Response unchanged = run();
        assertThat(unchanged.text("lastOutcome")).isEqualTo("OK");
        assertThat(unchanged.text("lastMessage")).isEqualTo("not modified");
        assertThat(calendar.state()).as("an unchanged re-sync writes nothing").isEqualTo(before);
        assertThat(historySize()).isEqualTo(history);
        assertThat(periods(null)).hasSize(2);

        // someone edits Rota's event in the calendar: Rota's period is the truth and is written again
        CalDavClient.RemoteEvent own = calendar.list(Instant.EPOCH, clock.instant().plusSeconds(400L * 86400)).stream()
                .filter(e -> e.ics().contains("X-ROTA-PERIOD-ID")).findFirst().orElseThrow();
        calendar.put(added.id(), own.ics().replace(today.plusDays(10).toString().replace("-", ""),
                today.plusDays(12).toString().replace("-", "")), own.etag());
        assertThat(run().text("lastOutcome")).isEqualTo("OK");
        assertThat(remoteEvents()).filteredOn(ics -> ics.contains("X-ROTA-PERIOD-ID:" + added.id())).singleElement()
                .satisfies(ics -> assertThat(ics).contains(
                        "DTSTART;VALUE=DATE:" + today.plusDays(10).toString().replace("-", "")));

        assertThat(t.admin.delete("/api/v1/users/" + ann + "/out-of-office/" + added.id()).status()).isEqualTo(204);
        assertThat(run().text("lastOutcome")).isEqualTo("OK");
        assertThat(remoteEvents()).noneMatch(ics -> ics.contains("X-ROTA-PERIOD-ID"))
                .anyMatch(ics -> ics.contains("UID:trip-1"));

        CalDavClient.RemoteEvent trip = calendar.list(Instant.EPOCH, clock.instant().plusSeconds(400L * 86400))
                .stream().filter(e -> e.ics().contains("UID:trip-1")).findFirst().orElseThrow();
        calendar.put("trip-1", Ics.calendar(Ics.allDay("trip-1", "Vakantie", today.plusDays(6), today.plusDays(9))),
                trip.etag());
        assertThat(run().text("lastOutcome")).isEqualTo("OK");
        assertThat(periods(null)).singleElement().satisfies(p -> {
            assertThat(p.get("source").asString()).isEqualTo("CALENDAR");
            assertThat(p.get("startDate").asString()).isEqualTo(today.plusDays(6).toString());
            assertThat(p.get("endDate").asString()).isEqualTo(today.plusDays(8).toString());
        });
    }

    @Test
    void a_timed_period_written_back_moves_in_the_calendar_when_the_users_time_zone_changes() throws Exception {
        LocalDate day = today.plusDays(10);
        Api.Response added = t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("start", day + "T09:00", "end", day + "T12:00"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(link().text("lastOutcome")).isEqualTo("OK");
        String utc = day.toString().replace("-", "");
        String inAmsterdam = day.atTime(9, 0).atZone(AMSTERDAM).withZoneSameInstant(java.time.ZoneOffset.UTC)
                .toLocalDateTime().toString().replace("-", "").replace(":", "");
        assertThat(remoteEvents()).filteredOn(ics -> ics.contains("X-ROTA-PERIOD-ID:" + added.id())).singleElement()
                .satisfies(ics -> assertThat(ics).contains("DTSTART:" + inAmsterdam + "00Z"));

        assertThat(t.admin.patch("/api/v1/users/" + ann, Map.of("timeZone", "Asia/Tokyo")).status()).isEqualTo(200);
        Api.Response after = run();
        assertThat(after.text("lastOutcome")).isEqualTo("OK");
        assertThat(after.text("lastMessage")).isNotEqualTo("not modified");
        // 09:00 in Tokyo is 00:00 UTC that day
        assertThat(remoteEvents()).filteredOn(ics -> ics.contains("X-ROTA-PERIOD-ID:" + added.id())).singleElement()
                .satisfies(ics -> assertThat(ics).contains("DTSTART:" + utc + "T000000Z", "DTEND:" + utc + "T030000Z"));
        assertThat(run().text("lastMessage")).isEqualTo("not modified");
    }

    @Test
    void a_calendar_server_that_goes_away_keeps_the_last_good_periods() throws Exception {
        calendar.put("trip-2", Ics.calendar(Ics.allDay("trip-2", "Out of office", today, today.plusDays(2))), null);
        assertThat(link().text("lastOutcome")).isEqualTo("OK");
        List<JsonNode> good = periods("CALENDAR");
        assertThat(good).hasSize(1);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("reason")).isEqualTo("OUT_OF_OFFICE");
        t.admin.post("/api/v1/users/" + ann + "/out-of-office",
                Map.of("startDate", today.plusDays(10).toString(), "endDate", today.plusDays(11).toString()));

        radicale.kill();
        Api.Response r = run();

        assertThat(r.text("lastOutcome")).isEqualTo("ERROR");
        assertThat(r.text("lastMessage")).startsWith("cannot reach 127.0.0.1");
        assertThat(r.body().get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(periods("CALENDAR")).isEqualTo(good);
        assertThat(t.admin.get("/api/v1/users/" + ann + "/availability").text("reason")).isEqualTo("OUT_OF_OFFICE");
    }

    @Test
    void a_calendar_linked_again_without_a_password_keeps_the_stored_one() {
        assertThat(link().text("lastOutcome")).isEqualTo("OK");
        Api.Response again = t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "CALDAV",
                "url", collection.toString(), "username", AGENT.username()));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("hasPassword").asBoolean()).isTrue();
        Api.Response otherUser = t.admin.put("/api/v1/users/" + ann + "/calendar-sync", Map.of("type", "CALDAV",
                "url", collection.toString(), "username", "someone-else"));
        assertThat(otherUser.status()).isEqualTo(400);
        assertThat(otherUser.text("field")).isEqualTo("password");
    }
}
