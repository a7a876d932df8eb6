package dev.rota.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Reads an iCalendar feed into the out-of-office periods it holds. The entry point of calendar parsing.
 *
 * <p>What it does, and decides:
 * <ul>
 *   <li>Only VEVENTs the {@link OutOfOfficeMatcher} accepts become periods; {@code STATUS:CANCELLED} events and
 *       cancelled overrides are skipped. Transparency ({@code TRANSP}) is ignored (see the matcher).</li>
 *   <li>Recurring events (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) are expanded over
 *       {@code [windowStart, windowEnd)}; a period is returned when it overlaps the window, so a holiday that
 *       started before the window is still there. DTSTART is the first occurrence unless it lies after UNTIL.</li>
 *   <li>EXDATE/RECURRENCE-ID match an occurrence by instant (a UTC EXDATE removes a local occurrence at the same
 *       instant); a date-only value, or any value against an all-day series, matches by date.</li>
 *   <li>Sub-daily rules (FREQ=HOURLY/MINUTELY/SECONDLY) are not expanded: an out-of-office period does not repeat
 *       within a day, and such rules are the cheap way to make expansion explode. Only DTSTART is kept, with a
 *       warning. Rules with more than 24 time-of-day combinations (BYHOUR x BYMINUTE x BYSECOND) likewise.</li>
 *   <li>Times without a zone (floating) are read in X-WR-TIMEZONE if it names a known zone, else in
 *       {@code userZone}. Zone names are resolved by {@link ZoneResolver}.</li>
 *   <li>A file ical4j cannot tokenize at all, one without a VCALENDAR (such as a bare VTIMEZONE), or one over
 *       {@link Limits#maxBytes()} is refused with a {@link CalendarException}; every other limit cuts the result
 *       and adds a warning.</li>
 * </ul>
 */
public final class CalendarEvents {

    private CalendarEvents() {
    }

    /**
     * @param ics         the raw feed bytes (UTF-8)
     * @param userZone    the zone periods are expressed in; also the zone of floating times
     * @param windowStart inclusive start of the expansion window
     * @param windowEnd   exclusive end of the expansion window
     * @return periods sorted by start then uid, each (uid, recurrenceId) at most once, plus warnings
     * @throws CalendarException for garbage, a truncated file, or a file over {@code limits.maxBytes()}
     */
    public static ParseResult parse(byte[] ics, ZoneId userZone, Instant windowStart, Instant windowEnd,
                                    OutOfOfficeMatcher matcher, Limits limits) throws CalendarException {
        return parse(ics, userZone, windowStart, windowEnd, matcher, limits, System::nanoTime);
    }

    /** As {@link #parse(byte[], ZoneId, Instant, Instant, OutOfOfficeMatcher, Limits)}, with the clock that
     * measures {@link Limits#maxExpansionTime()} (monotonic nanoseconds) passed in. */
    static ParseResult parse(byte[] ics, ZoneId userZone, Instant windowStart, Instant windowEnd,
                             OutOfOfficeMatcher matcher, Limits limits, LongSupplier nanoClock)
            throws CalendarException {
        requireNonNull(ics, "ics");
        requireNonNull(userZone, "userZone");
        requireNonNull(windowStart, "windowStart");
        requireNonNull(windowEnd, "windowEnd");
        requireNonNull(matcher, "matcher");
        requireNonNull(limits, "limits");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("windowEnd " + windowEnd + " is not after windowStart " + windowStart);
        }
        if (ics.length > limits.maxBytes()) {
            throw new CalendarException("calendar larger than " + limits.maxBytes() + " bytes");
        }
        long started = nanoClock.getAsLong();
        List<String> warnings = new ArrayList<>();
        String text = IcsText.clean(ics, limits.maxLineLength(), warnings);
        IcsTree.Component calendar = IcsTree.parse(text, limits.maxEvents(), warnings);

        ZoneResolver zones = zones(calendar, userZone, warnings);
        Predicate<OutOfOfficeMatcher.EventFacts> outOfOffice = matcher.compile();
        Map<String, List<IcsEvent>> byUid = new LinkedHashMap<>();
        for (IcsTree.Component component : calendar.children) {
            if (component.name.equals("VEVENT")) {
                try {
                    IcsEvent.read(component, zones, outOfOffice, warnings)
                            .ifPresent(e -> byUid.computeIfAbsent(e.uid(), k -> new ArrayList<>()).add(e));
                } catch (RuntimeException e) {
                    warnings.add("event " + component.value("UID").orElse("without UID") + " skipped: "
                            + e.getMessage());
                }
            }
        }

        Occurrences occurrences = new Occurrences(userZone, windowStart, windowEnd, limits, warnings,
                zones);
        for (List<IcsEvent> series : byUid.values()) {
            if (nanoClock.getAsLong() - started > limits.maxExpansionTime().toNanos()) {
                warnings.add("expansion stopped after " + limits.maxExpansionTime().toMillis()
                        + " ms; later events were skipped");
                break;
            }
            try {
                occurrences.addSeries(series);
            } catch (RuntimeException e) {
                // A value java.time or ical4j rejects (31 February, a year out of range): skip this event only.
                warnings.add("event " + series.get(0).uid() + " skipped: " + e.getMessage());
            }
        }
        occurrences.finish();
        List<CalendarPeriod> periods = new ArrayList<>(occurrences.periods());
        periods.sort(Comparator.comparing(CalendarPeriod::start).thenComparing(CalendarPeriod::uid));
        return new ParseResult(periods, warnings);
    }

    private static ZoneResolver zones(IcsTree.Component calendar, ZoneId userZone, List<String> warnings) {
        Map<String, IcsTree.Component> vtimezones = new HashMap<>();
        for (IcsTree.Component component : calendar.children) {
            if (component.name.equals("VTIMEZONE")) {
                component.value("TZID").ifPresent(id ->
                        vtimezones.putIfAbsent(ZoneResolver.clean(id).toLowerCase(Locale.ROOT), component));
            }
        }
        ZoneId floating = calendar.value("X-WR-TIMEZONE").flatMap(ZoneResolver::knownZone).orElse(userZone);
        return new ZoneResolver(vtimezones, floating.getRules(), warnings);
    }

}
