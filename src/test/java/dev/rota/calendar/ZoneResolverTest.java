package dev.rota.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneResolverTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Europe/Paris|Europe/Paris",
            "US/Central|US/Central",
            "\"Europe/Berlin\"|Europe/Berlin",
            "  Europe/Berlin |Europe/Berlin",
            "/mozilla.org/20050126_1/Europe/Berlin|Europe/Berlin",
            "W. Europe Standard Time|Europe/Berlin",
            "Pacific Standard Time|America/Los_Angeles",
            "GMT Standard Time|Europe/London",
            "Jordan Standard Time|Asia/Amman",
            "US Mountain Standard Time|America/Phoenix",
            "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna|Europe/Amsterdam",
            "(GMT+10:00) Canberra, Melbourne, Sydney|Australia/Sydney",
            "(UTC-05:00) Eastern Time (US & Canada)|America/New_York",
            "Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris, Prague, Stockholm|Europe/Amsterdam",
            "(UTC-03:00) Brasília|America/Sao_Paulo",
            "(UTC+01:00) W. Europe Standard Time|Europe/Berlin"})
    void known_names_map_to_iana_zones(String tzid, String expected) {
        assertThat(ZoneResolver.knownZone(tzid)).contains(ZoneId.of(expected));
    }

    @ParameterizedTest
    @CsvSource({"Customized Time Zone", "' 1'", "GMT +0100 (Standard) / GMT +0200 (Daylight)"})
    void custom_names_are_left_to_the_vtimezone(String tzid) {
        assertThat(ZoneResolver.knownZone(tzid)).isEmpty();
    }
}
