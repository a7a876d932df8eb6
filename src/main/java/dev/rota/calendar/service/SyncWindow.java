package dev.rota.calendar.service;

import dev.rota.availability.OutOfOfficePeriod;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The span a sync reads, {@code [from, to)}, and the user's zone its periods are expressed in. */
record SyncWindow(Instant from, Instant to, ZoneId zone) {

    /** Whether a period (local times in {@link #zone}) overlaps the window. */
    boolean overlaps(OutOfOfficePeriod p) {
        return p.endExclusive().isAfter(LocalDateTime.ofInstant(from, zone))
                && p.start().isBefore(LocalDateTime.ofInstant(to, zone));
    }
}
