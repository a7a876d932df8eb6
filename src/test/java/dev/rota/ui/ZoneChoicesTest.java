package dev.rota.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZoneChoicesTest {

    @Test
    void the_time_zone_list_offers_region_ids_and_utc_not_legacy_names() {
        assertThat(WorkingHoursController.ZONES).contains("Europe/Amsterdam", "America/Argentina/Buenos_Aires",
                "America/Port-au-Prince", "UTC");
        assertThat(WorkingHoursController.ZONES).doesNotContain("CET", "EST5EDT", "US/Eastern", "Cuba", "Etc/UTC",
                "SystemV/EST5", "GMT");
        assertThat(WorkingHoursController.ZONES).isSorted().doesNotHaveDuplicates();
    }
}
