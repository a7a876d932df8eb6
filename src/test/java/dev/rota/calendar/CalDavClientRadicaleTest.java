package dev.rota.calendar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CalDAV against a real Radicale server started by the test (Debian package {@code radicale}). */
class CalDavClientRadicaleTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");
    static final SafeHttpClient.BasicCredentials AGENT = new SafeHttpClient.BasicCredentials("agent", "any");

    private RadicaleServer radicale;
    private SafeHttpClient http;
    private CalDavClient calendar;

    @BeforeEach
    void startRadicaleWithAnEmptyCalendar() throws Exception {
        radicale = RadicaleServer.start();
        http = SafeHttpClient.create(SafeHttpClient.Settings.defaults().withAllowPrivateNetworks(true));
        URI collection = radicale.baseUrl().resolve("agent/rota/");
        SafeHttpClient.Response created = http.send("MKCALENDAR", collection, Map.of(), null, AGENT);
        assertThat(created.status()).isEqualTo(201);
        calendar = new CalDavClient(http, collection, AGENT);
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

    @Test
    void a_period_written_back_is_read_as_out_of_office() throws Exception {
        String etag = calendar.put("period-1", vacation("period-1", "2026-12-21T00:00", "2026-12-24T00:00", true), null);

        List<CalDavClient.RemoteEvent> events = calendar.list(FROM, TO);

        assertThat(etag).isNotBlank();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.href().getPath()).isEqualTo("/agent/rota/period-1.ics");
            assertThat(e.etag()).isEqualTo(etag);
        });
        ParseResult parsed = CalendarEvents.parse(events.get(0).ics().getBytes(StandardCharsets.UTF_8), AMSTERDAM,
                FROM, TO, OutOfOfficeMatcher.defaults(), Limits.defaults());
        assertThat(parsed.periods()).singleElement().satisfies(p -> {
            assertThat(p.uid()).isEqualTo("period-1");
            assertThat(p.wholeDays()).isTrue();
            assertThat(p.start()).isEqualTo(LocalDateTime.parse("2026-12-21T00:00"));
            assertThat(p.endExclusive()).isEqualTo(LocalDateTime.parse("2026-12-24T00:00"));
        });
        assertThat(events.get(0).ics()).contains("X-MICROSOFT-CDO-BUSYSTATUS:OOF", "X-ROTA-PERIOD-ID:period-1");
    }

    @Test
    void an_update_needs_the_current_etag() throws Exception {
        String first = calendar.put("period-2", vacation("period-2", "2026-12-01T09:00", "2026-12-01T13:00", false),
                null);
        String second = calendar.put("period-2", vacation("period-2", "2026-12-01T09:00", "2026-12-01T17:00", false),
                first);

        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> calendar.put("period-2",
                vacation("period-2", "2026-12-02T09:00", "2026-12-02T17:00", false), first))
                .isInstanceOf(CalendarException.class).hasMessageContaining("412");
        assertThatThrownBy(() -> calendar.put("period-2",
                vacation("period-2", "2026-12-02T09:00", "2026-12-02T17:00", false), null))
                .as("a second create of the same uid").isInstanceOf(CalendarException.class);
        String ics = calendar.list(FROM, TO).get(0).ics();
        ParseResult parsed = CalendarEvents.parse(ics.getBytes(StandardCharsets.UTF_8), AMSTERDAM, FROM, TO,
                OutOfOfficeMatcher.defaults(), Limits.defaults());
        assertThat(parsed.periods()).singleElement().satisfies(p ->
                assertThat(p.endExclusive()).isEqualTo(LocalDateTime.parse("2026-12-01T17:00")));
    }

    @Test
    void a_deleted_period_is_gone_and_deleting_again_is_harmless() throws Exception {
        String etag = calendar.put("period-3", vacation("period-3", "2026-12-10T00:00", "2026-12-11T00:00", true),
                null);
        URI href = calendar.list(FROM, TO).get(0).href();

        calendar.delete(href, etag);

        assertThat(calendar.list(FROM, TO)).isEmpty();
        calendar.delete(href, null);
    }

    @Test
    void the_ctag_changes_on_write_and_stays_on_an_unchanged_reread() throws Exception {
        CalDavClient.CollectionState empty = calendar.state();
        calendar.put("period-4", vacation("period-4", "2026-12-14T00:00", "2026-12-15T00:00", true), null);

        CalDavClient.CollectionState afterWrite = calendar.state();
        CalDavClient.CollectionState reread = calendar.state();

        assertThat(afterWrite.ctag()).isNotNull().isNotEqualTo(empty.ctag());
        assertThat(afterWrite.syncToken()).isNotNull().isNotEqualTo(empty.syncToken());
        assertThat(reread).isEqualTo(afterWrite);
    }

    @Test
    void a_list_outside_the_time_range_is_empty() throws Exception {
        calendar.put("period-5", vacation("period-5", "2026-12-14T00:00", "2026-12-15T00:00", true), null);
        assertThat(calendar.list(Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void a_server_that_goes_away_mid_sync_gives_a_clean_error() throws Exception {
        calendar.put("period-6", vacation("period-6", "2026-12-14T00:00", "2026-12-15T00:00", true), null);
        CalDavClient.CollectionState state = calendar.state();
        assertThat(state.ctag()).isNotNull();

        radicale.kill();

        assertThatThrownBy(() -> calendar.list(FROM, TO)).isInstanceOf(CalendarException.class)
                .isNotInstanceOf(BlockedAddressException.class).hasMessageStartingWith("cannot reach 127.0.0.1");
    }

    private static String vacation(String id, String start, String end, boolean wholeDays) {
        return OutOfOfficeEventWriter.write(id, id, "Skiing", LocalDateTime.parse(start), LocalDateTime.parse(end),
                wholeDays, AMSTERDAM, NOW);
    }
}
