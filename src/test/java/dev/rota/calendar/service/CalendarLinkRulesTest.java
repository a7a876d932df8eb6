package dev.rota.calendar.service;

import dev.rota.platform.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rota.calendar.SafeHttpClient;
import dev.rota.web.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link-time URL rules with the address rule on, password sealing, and the backoff schedule; no Spring context. */
class CalendarLinkRulesTest {

    static final SafeHttpClient PUBLIC_ONLY = SafeHttpClient.create(SafeHttpClient.Settings.defaults());

    @AfterAll
    static void close() throws Exception {
        PUBLIC_ONLY.close();
    }

    @Test
    void a_url_to_a_private_loopback_or_metadata_address_or_another_scheme_is_refused_naming_url() {
        List<String> refused = List.of("http://127.0.0.1/", "http://127.0.0.1:8080/calendar.ics", "http://10.0.0.1/",
                "http://192.168.1.10/cal.ics", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                "http://[::ffff:10.0.0.1]/", "http://localhost/cal.ics", "file:///etc/passwd", "ftp://x",
                "gopher://example.com/", "https://user:pw@example.com/cal.ics", "not a url", "");
        for (String url : refused) {
            assertThatThrownBy(() -> CalendarSync.checkedUrl(PUBLIC_ONLY, url)).as(url)
                    .isInstanceOfSatisfying(InvalidInputException.class, e ->
                            assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("url")));
        }
    }

    @Test
    void a_webcal_address_is_read_as_https() {
        assertThat(CalendarSync.withoutWebcal(" webcal://p12-caldav.icloud.com/published/2/abc "))
                .isEqualTo("https://p12-caldav.icloud.com/published/2/abc");
        assertThat(CalendarSync.withoutWebcal("WEBCAL://example.com/a.ics")).isEqualTo("https://example.com/a.ics");
        assertThat(CalendarSync.withoutWebcal("https://example.com/a.ics")).isEqualTo("https://example.com/a.ics");
        assertThat(CalendarSync.withoutWebcal(null)).isNull();
        assertThat(CalendarSync.checkedUrl(PUBLIC_ONLY, CalendarSync.withoutWebcal("webcal://93.184.215.14/c.ics"))
                .getScheme()).isEqualTo("https");
    }

    @Test
    void a_public_address_literal_is_accepted() {
        assertThat(CalendarSync.checkedUrl(PUBLIC_ONLY, "https://93.184.215.14/calendar.ics").getHost())
                .isEqualTo("93.184.215.14");
    }

    @Test
    void backoff_doubles_from_the_sync_interval_up_to_a_day() {
        Duration interval = Duration.ofMinutes(15);
        assertThat(CalendarSyncing.backoff(interval, 1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(CalendarSyncing.backoff(interval, 2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(CalendarSyncing.backoff(interval, 5)).isEqualTo(Duration.ofMinutes(240));
        assertThat(CalendarSyncing.backoff(interval, 7)).isEqualTo(Duration.ofMinutes(960));
        assertThat(CalendarSyncing.backoff(interval, 8)).isEqualTo(Duration.ofHours(24));
        assertThat(CalendarSyncing.backoff(interval, 1_000)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void a_sealed_password_opens_only_for_its_owner_and_with_its_key(@TempDir Path dir) throws Exception {
        SecretBox box = new SecretBox("", dir.toString());
        String sealed = box.encrypt("s3cret", "account/user");

        assertThat(sealed).doesNotContain("s3cret");
        assertThat(box.encrypt("s3cret", "account/user")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.decrypt(sealed, "account/user")).isEqualTo("s3cret");
        assertThatThrownBy(() -> box.decrypt(sealed, "account/other")).isInstanceOf(GeneralSecurityException.class);
        Path keyFile = dir.resolve("calendar.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(new SecretBox("", dir.toString()).decrypt(sealed, "account/user"))
                .as("the generated key is kept").isEqualTo("s3cret");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new SecretBox(otherKey, dir.toString()).decrypt(sealed, "account/user"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", dir.toString())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
