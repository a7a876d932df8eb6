package dev.rota.availability.service;

import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.WorkingRange;
import dev.rota.directory.DemoAccountCreated;
import dev.rota.platform.Ids;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Working hours (one overnight shift among them) and a few holidays for the demo account's users. */
@Component
class DemoSchedules {

    private final Availability availability;
    private final ScheduleRepository schedules;
    private final Clock clock;

    DemoSchedules(Availability availability, ScheduleRepository schedules, Clock clock) {
        this.availability = availability;
        this.schedules = schedules;
        this.clock = clock;
    }

    @EventListener
    void on(DemoAccountCreated demo) {
        LocalDate nextMonday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusWeeks(1)
                .with(DayOfWeek.MONDAY);
        List<UUID> users = demo.userIds();
        for (int i = 0; i < users.size(); i++) {
            UUID user = users.get(i);
            List<WorkingRange> ranges = new ArrayList<>();
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                ranges.add(i == 5 ? WorkingRange.of(day, "22:00", "06:00")
                        : i % 4 == 1 ? WorkingRange.of(day, "08:00", "16:30") : WorkingRange.of(day, "09:00", "17:00"));
            }
            if (i % 5 == 2) {
                ranges.add(WorkingRange.of(DayOfWeek.SATURDAY, "10:00", "14:00"));
            }
            int index = i;
            availability.change(demo.accountId(), user, null, "SCHEDULE", () -> {
                schedules.replaceRanges(demo.accountId(), user, ranges);
                if (index % 6 == 3) {
                    OutOfOfficePeriod holiday = OutOfOfficePeriod.ofDays(Ids.newId().toString(), nextMonday,
                            nextMonday.plusDays(4), PeriodSource.ADMIN);
                    schedules.insertPeriod(demo.accountId(), user, holiday, null, clock.instant(), null, null);
                }
            });
        }
    }
}
