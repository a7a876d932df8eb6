package dev.rota.calendar;

import dev.rota.calendar.IcsValues.Stamp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the out-of-office periods of one parse: expands each series (master plus RECURRENCE-ID overrides),
 * applies EXDATEs and overrides, keeps what overlaps the window, and enforces the occurrence limits.
 */
final class Occurrences {

    private final ZoneRules userZone;
    private final Instant windowStart;
    private final Instant windowEnd;
    private final Limits limits;
    private final List<String> warnings;
    private final ZoneResolver zones;
    private final Map<String, CalendarPeriod> periods = new LinkedHashMap<>();
    /** The kept periods by start (then identity), to find the latest when over the total. */
    private final java.util.TreeSet<Keyed> byStart = new java.util.TreeSet<>(
            java.util.Comparator.comparing((Keyed k) -> k.period().start()).thenComparing(Keyed::identity));
    private boolean cutTotal;

    Occurrences(ZoneId userZone, Instant windowStart, Instant windowEnd, Limits limits, List<String> warnings,
                ZoneResolver zones) {
        this.zones = zones;
        this.userZone = userZone.getRules();
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.limits = limits;
        this.warnings = warnings;
    }

    Collection<CalendarPeriod> periods() {
        return periods.values();
    }

    /** Adds one UID's events; over the total limit, the latest occurrences of all series are cut (see {@link #finish}). */
    void addSeries(List<IcsEvent> series) {
        List<IcsEvent> masters = series.stream().filter(e -> e.recurrenceId().isEmpty()).toList();
        List<IcsEvent> overrides = series.stream().filter(e -> e.recurrenceId().isPresent()).toList();
        IcsEvent master = masters.isEmpty() ? null : masters.get(0);
        if (masters.size() > 1) {
            warnings.add("event " + series.get(0).uid() + " appears " + masters.size() + " times; first kept");
        }
        if ((master != null && master.cancelled()) || series.stream().noneMatch(IcsEvent::outOfOffice)) {
            return; // nothing to report: skip the expansion altogether
        }
        List<Occurrence> found = new ArrayList<>();
        if (master != null) {
            found.addAll(expandMaster(master, overrides));
        }
        for (IcsEvent override : overrides) {
            if (!override.cancelled()) {
                boolean allDaySeries = master != null ? master.allDay() : override.allDay();
                found.add(new Occurrence(override, override.start(), key(override.recurrenceId().get(), allDaySeries)));
            }
        }
        int kept = 0;
        for (Occurrence occurrence : found) {
            if (!occurrence.event().outOfOffice()) {
                continue;
            }
            Optional<CalendarPeriod> period = toPeriod(occurrence);
            if (period.isEmpty()) {
                continue;
            }
            if (kept >= limits.maxOccurrencesPerEvent()) {
                warnings.add("event " + occurrence.event().uid() + " has more than "
                        + limits.maxOccurrencesPerEvent() + " occurrences in the window; the rest were cut");
                break;
            }
            String identity = period.get().uid() + "\u0000" + period.get().recurrenceId();
            if (periods.containsKey(identity)) {
                continue;
            }
            kept++;
            if (periods.size() >= limits.maxOccurrencesTotal()) {
                // over the total, the latest go, whichever event they belong to: what is near matters most
                Keyed latest = byStart.last();
                if (!period.get().start().isBefore(latest.period().start())) {
                    cutTotal = true;
                    continue;
                }
                byStart.remove(latest);
                periods.remove(latest.identity());
                cutTotal = true;
            }
            periods.put(identity, period.get());
            byStart.add(new Keyed(identity, period.get()));
        }
    }

    /** Warnings about what the total limit cut, once every series is in. */
    void finish() {
        if (cutTotal) {
            warnings.add("calendar has more than " + limits.maxOccurrencesTotal()
                    + " occurrences in the window; the latest were cut");
        }
    }

    private record Keyed(String identity, CalendarPeriod period) {
    }

    private record Occurrence(IcsEvent event, Stamp start, String recurrenceKey) {
    }

    private List<Occurrence> expandMaster(IcsEvent master, List<IcsEvent> overrides) {
        IcsTree.Component source = master.source();
        Optional<String> rrule = source.value("RRULE").filter(r -> !r.isBlank());
        List<IcsTree.Property> rdates = source.all("RDATE");
        if (rrule.isEmpty() && rdates.isEmpty()) {
            return List.of(new Occurrence(master, master.start(), null));
        }
        List<Stamp> starts = new ArrayList<>();
        boolean seedIncluded = rrule.isEmpty() || !untilBeforeStart(rrule.get(), master);
        if (rrule.isPresent()) {
            long marginDays = master.length().days() + master.length().time().toDays() + 1;
            // Twice the per-event limit leaves room for the occurrences in the margin before the window.
            RecurrenceExpansion.Result result = RecurrenceExpansion.expand(rrule.get(), master.start(), windowStart,
                    windowEnd, marginDays, 2 * limits.maxOccurrencesPerEvent() + 16, zones);
            if (result.refusal() != null) {
                warnings.add("event " + master.uid() + ": " + result.refusal());
            } else {
                starts.addAll(result.starts());
            }
            if (result.capped()) {
                warnings.add("event " + master.uid() + ": expansion stopped at " + result.starts().size()
                        + " occurrences; later ones were cut");
            }
        }
        if (seedIncluded) {
            starts.add(0, master.start());
        }
        for (IcsTree.Property rdate : rdates) {
            for (Stamp stamp : IcsValues.stamps(rdate, zones)) {
                starts.add(master.allDay() ? new Stamp(stamp.date().atStartOfDay(), master.start().zone(), true)
                        : new Stamp(IcsValues.toWall(stamp.instant(), master.start().zone()),
                        master.start().zone(), false));
            }
        }
        Set<String> removed = new HashSet<>();
        for (IcsTree.Property exdate : source.all("EXDATE")) {
            for (Stamp stamp : IcsValues.stamps(exdate, zones)) {
                removed.add(master.allDay() || stamp.dateOnly() ? "date:" + stamp.date()
                        : "instant:" + stamp.instant());
            }
        }
        for (IcsEvent override : overrides) {
            Stamp original = override.recurrenceId().get();
            removed.add(master.allDay() || original.dateOnly() ? "date:" + original.date()
                    : "instant:" + original.instant());
        }
        Set<String> seen = new HashSet<>();
        List<Occurrence> result = new ArrayList<>();
        for (Stamp start : starts) {
            String key = key(start, master.allDay());
            if (!seen.add(key) || removed.contains("date:" + start.date())
                    || (!master.allDay() && removed.contains("instant:" + start.instant()))) {
                continue;
            }
            result.add(new Occurrence(master, start, key));
        }
        return result;
    }

    /** DTSTART is dropped when UNTIL lies before it: a series that never ran. */
    private boolean untilBeforeStart(String rrule, IcsEvent master) {
        String until = IcsValues.ruleParts(rrule).get("UNTIL");
        if (until == null) {
            return false;
        }
        List<Stamp> stamps = IcsValues.stamps(new IcsTree.Property("UNTIL", Map.of(), until), zones);
        if (stamps.isEmpty()) {
            return false;
        }
        Stamp stamp = stamps.get(0);
        if (master.allDay() || stamp.dateOnly()) {
            boolean utc = !stamp.dateOnly() && until.toUpperCase().endsWith("Z");
            return (utc ? RecurrenceExpansion.untilDate(stamp, master.start()) : stamp.date())
                    .isBefore(master.start().date());
        }
        return until.toUpperCase().endsWith("Z") ? stamp.instant().isBefore(master.start().instant())
                : stamp.wall().isBefore(master.start().wall());
    }

    private static String key(Stamp originalStart, boolean allDaySeries) {
        return allDaySeries ? originalStart.date().toString() : originalStart.instant().toString();
    }

    private Optional<CalendarPeriod> toPeriod(Occurrence occurrence) {
        IcsEvent event = occurrence.event();
        LocalDateTime start;
        LocalDateTime end;
        if (event.allDay()) {
            LocalDate first = occurrence.start().date();
            start = first.atStartOfDay();
            end = first.plusDays(event.length().days()).atStartOfDay();
        } else {
            Instant startInstant = occurrence.start().instant();
            Instant endInstant = event.length().days() == 0 ? startInstant.plus(event.length().time())
                    : IcsValues.toInstant(occurrence.start().wall().plusDays(event.length().days()),
                    occurrence.start().zone()).plus(event.length().time());
            start = IcsValues.toWall(startInstant, userZone);
            end = IcsValues.toWall(endInstant, userZone);
        }
        if (!end.isAfter(start)) {
            return Optional.empty();
        }
        Instant realStart = IcsValues.toInstant(start, userZone);
        Instant realEnd = IcsValues.toInstant(end, userZone);
        if (!realStart.isBefore(windowEnd) || !realEnd.isAfter(windowStart)) {
            return Optional.empty();
        }
        return Optional.of(new CalendarPeriod(event.uid(), occurrence.recurrenceKey(), event.title(), start, end,
                event.allDay()));
    }
}
