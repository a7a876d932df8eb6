package dev.rota.ui;

import dev.rota.availability.AvailabilityInput;
import dev.rota.availability.AvailabilityRules;
import dev.rota.availability.Status;
import dev.rota.availability.TimelineInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How many members are available at the start of each hour of the coming days, hours read in the
 * viewer's zone. On a spring-forward day the skipped hour shows the hour after it (java.time moves a
 * local time in a gap forward); on a fall-back day the repeated hour is counted once, at its first offset.
 */
public final class Coverage {

    /** One day: its date and, for hours 0..23, the number available (null = that hour has passed). */
    public record Day(LocalDate date, List<Integer> counts) {
    }

    private Coverage() {
    }

    static List<Day> of(Collection<AvailabilityInput> members, ZoneId zone, Instant now, int days) {
        LocalDate first = LocalDate.ofInstant(now, zone);
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = first.plusDays(days).atStartOfDay(zone).toInstant();
        List<List<TimelineInterval>> timelines = members.stream()
                .map(in -> AvailabilityRules.timeline(in, from, to)).toList();
        Instant currentHour = ZonedDateTime.ofInstant(now, zone).withMinute(0).withSecond(0).withNano(0).toInstant();
        List<Day> result = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            List<Integer> counts = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                Instant t = ZonedDateTime.of(date, LocalTime.of(h, 0), zone).toInstant();
                counts.add(t.isBefore(currentHour) ? null : available(timelines, t));
            }
            result.add(new Day(date, counts));
        }
        return result;
    }

    private static int available(List<List<TimelineInterval>> timelines, Instant t) {
        int n = 0;
        for (List<TimelineInterval> timeline : timelines) {
            for (TimelineInterval i : timeline) {
                if (!t.isBefore(i.from()) && t.isBefore(i.to())) {
                    if (i.status() == Status.AVAILABLE) {
                        n++;
                    }
                    break;
                }
            }
        }
        return n;
    }
}
