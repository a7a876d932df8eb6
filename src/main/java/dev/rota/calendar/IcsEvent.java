package dev.rota.calendar;

import dev.rota.calendar.IcsValues.Span;
import dev.rota.calendar.IcsValues.Stamp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** One VEVENT as the expansion needs it: times resolved to zones, out-of-office decided, UID guaranteed. */
record IcsEvent(String uid, String title, Stamp start, Span length, Optional<Stamp> recurrenceId,
                boolean cancelled, boolean outOfOffice, IcsTree.Component source) {

    boolean allDay() {
        return start.dateOnly();
    }

    static Optional<IcsEvent> read(IcsTree.Component vevent, ZoneResolver zones,
                                   Predicate<OutOfOfficeMatcher.EventFacts> outOfOffice, List<String> warnings) {
        String title = unescape(vevent.value("SUMMARY").orElse("")).trim();
        Optional<Stamp> start = vevent.first("DTSTART").flatMap(p -> IcsValues.stamp(p, zones));
        if (start.isEmpty()) {
            warnings.add("event '" + title + "' has no readable DTSTART; skipped");
            return Optional.empty();
        }
        String uid = vevent.value("UID").map(String::trim).filter(u -> !u.isEmpty())
                .orElseGet(() -> syntheticUid(vevent));
        Span length = length(vevent, start.get(), zones);
        Optional<Stamp> recurrenceId = vevent.first("RECURRENCE-ID").flatMap(p -> IcsValues.stamp(p, zones));
        boolean cancelled = vevent.value("STATUS").map(s -> s.trim().equalsIgnoreCase("CANCELLED")).orElse(false);
        OutOfOfficeMatcher.EventFacts facts = new OutOfOfficeMatcher.EventFacts(title,
                upper(vevent, "X-MICROSOFT-CDO-BUSYSTATUS"), upper(vevent, "X-MICROSOFT-CDO-INTENDEDSTATUS"),
                upper(vevent, "X-GOOGLE-EVENT-TYPE"));
        return Optional.of(new IcsEvent(uid, title, start.get(), length, recurrenceId, cancelled,
                outOfOffice.test(facts), vevent));
    }

    /** DTEND, else DURATION, else one day (all-day) or zero (timed), per RFC 5545. */
    private static Span length(IcsTree.Component vevent, Stamp start, ZoneResolver zones) {
        Optional<Stamp> end = vevent.first("DTEND").flatMap(p -> IcsValues.stamp(p, zones));
        if (end.isPresent()) {
            if (start.dateOnly()) {
                long days = ChronoUnit.DAYS.between(start.date(), end.get().date());
                return new Span((int) Math.max(1, Math.min(days, 3660)), Duration.ZERO);
            }
            return new Span(0, Duration.between(start.instant(), end.get().instant()));
        }
        Optional<Span> duration = vevent.value("DURATION").flatMap(IcsValues::duration);
        if (duration.isPresent()) {
            if (start.dateOnly()) {
                return new Span(Math.max(1, duration.get().days()), Duration.ZERO);
            }
            return duration.get();
        }
        return start.dateOnly() ? new Span(1, Duration.ZERO) : new Span(0, Duration.ZERO);
    }

    private static String upper(IcsTree.Component vevent, String name) {
        return vevent.value(name).map(v -> v.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT)).orElse("");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Stable across syncs of the same event: a hash of what identifies it when the exporter gave no UID. */
    private static String syntheticUid(IcsTree.Component vevent) {
        StringBuilder identity = new StringBuilder();
        for (String name : List.of("DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION", "RRULE")) {
            vevent.first(name).ifPresent(p -> identity.append(name).append(p.params().getOrDefault("TZID", ""))
                    .append(':').append(p.value()).append('\n'));
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "synthetic-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
