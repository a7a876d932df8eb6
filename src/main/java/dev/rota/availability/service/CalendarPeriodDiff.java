package dev.rota.availability.service;

import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What turns a user's stored CALENDAR periods into the occurrences a calendar holds now, matched by (UID,
 * recurrence id): a changed occurrence is deleted and inserted again, an unchanged one is left alone.
 */
record CalendarPeriodDiff(List<UUID> stale, List<Availability.CalendarOccurrence> fresh) {

    static CalendarPeriodDiff of(List<ScheduleRepository.StoredPeriod> stored,
                                 List<Availability.CalendarOccurrence> occurrences) {
        Map<String, Availability.CalendarOccurrence> wanted = new LinkedHashMap<>();
        for (Availability.CalendarOccurrence o : occurrences) {
            wanted.putIfAbsent(key(o.uid(), o.recurrenceId()), o);
        }
        Map<String, Availability.CalendarOccurrence> missing = new LinkedHashMap<>(wanted);
        Map<String, Boolean> seen = new HashMap<>();
        List<UUID> stale = new ArrayList<>();
        for (ScheduleRepository.StoredPeriod s : stored) {
            OutOfOfficePeriod p = s.period();
            if (p.source() != PeriodSource.CALENDAR) {
                continue;
            }
            String key = key(s.calendarUid(), s.calendarRecurrenceId());
            Availability.CalendarOccurrence o = wanted.get(key);
            boolean same = o != null && seen.putIfAbsent(key, true) == null && o.start().equals(p.start())
                    && o.endExclusive().equals(p.endExclusive()) && o.wholeDays() == p.wholeDays();
            if (same) {
                missing.remove(key);
            } else {
                stale.add(UUID.fromString(p.id()));
            }
        }
        return new CalendarPeriodDiff(stale, new ArrayList<>(missing.values()));
    }

    boolean isEmpty() {
        return stale.isEmpty() && fresh.isEmpty();
    }

    private static String key(String uid, String recurrenceId) {
        return uid + "\u0000" + (recurrenceId == null ? "" : recurrenceId);
    }
}
