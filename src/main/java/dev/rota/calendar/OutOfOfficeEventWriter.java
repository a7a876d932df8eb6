package dev.rota.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * Writes a Rota out-of-office period as an iCalendar object for CalDAV write-back: SUMMARY "Out of office",
 * {@code X-MICROSOFT-CDO-BUSYSTATUS:OOF}, {@code TRANSP:OPAQUE}, and {@code X-ROTA-PERIOD-ID} so a later sync
 * recognises its own events. Whole-day periods are written as dates (DTEND exclusive); timed periods are
 * converted from local time in {@code zone} to UTC, so no VTIMEZONE is needed. Lines are folded at 75 octets.
 */
public final class OutOfOfficeEventWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private OutOfOfficeEventWriter() {
    }

    /**
     * @param uid          the event UID (also the resource name); the Rota period id is a good choice
     * @param periodId     the Rota period id, written as X-ROTA-PERIOD-ID
     * @param note         free text for DESCRIPTION, may be null
     * @param start        local start in {@code zone} (a date at 00:00 when {@code wholeDays})
     * @param endExclusive local end in {@code zone}, exclusive
     * @param dtstamp      when the object is written (time is passed in)
     */
    public static String write(String uid, String periodId, String note, LocalDateTime start,
                               LocalDateTime endExclusive, boolean wholeDays, ZoneId zone, Instant dtstamp) {
        requireNonNull(uid, "uid");
        requireNonNull(periodId, "periodId");
        requireNonNull(start, "start");
        requireNonNull(endExclusive, "endExclusive");
        requireNonNull(zone, "zone");
        requireNonNull(dtstamp, "dtstamp");
        if (!endExclusive.isAfter(start)) {
            throw new IllegalArgumentException("endExclusive " + endExclusive + " is not after start " + start);
        }
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Rota//Calendar sync//EN");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + escape(uid));
        line(ics, "DTSTAMP:" + UTC.format(dtstamp));
        if (wholeDays) {
            line(ics, "DTSTART;VALUE=DATE:" + DATE.format(start.toLocalDate()));
            LocalDateTime end = endExclusive.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? endExclusive
                    : endExclusive.toLocalDate().plusDays(1).atStartOfDay();
            line(ics, "DTEND;VALUE=DATE:" + DATE.format(end.toLocalDate()));
            line(ics, "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE");
        } else {
            line(ics, "DTSTART:" + UTC.format(start.atZone(zone).toInstant()));
            line(ics, "DTEND:" + UTC.format(endExclusive.atZone(zone).toInstant()));
        }
        line(ics, "SUMMARY:Out of office");
        if (note != null && !note.isBlank()) {
            line(ics, "DESCRIPTION:" + escape(note));
        }
        line(ics, "TRANSP:OPAQUE");
        line(ics, "X-MICROSOFT-CDO-BUSYSTATUS:OOF");
        line(ics, "X-MICROSOFT-CDO-INTENDEDSTATUS:OOF");
        line(ics, "X-ROTA-PERIOD-ID:" + escape(periodId));
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Folds at 75 octets without splitting a UTF-8 sequence. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
