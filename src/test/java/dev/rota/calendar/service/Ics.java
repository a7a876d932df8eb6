package dev.rota.calendar.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small iCalendar texts for sync tests. */
public final class Ics {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Ics() {
    }

    public static String calendar(String... events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rota tests//EN\r\n" + String.join("", events)
                + "END:VCALENDAR\r\n";
    }

    public static String allDay(String uid, String title, LocalDate start, LocalDate endExclusive) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:"
                + DateTimeFormatter.BASIC_ISO_DATE.format(start) + "\r\nDTEND;VALUE=DATE:"
                + DateTimeFormatter.BASIC_ISO_DATE.format(endExclusive) + "\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\n";
    }

    public static String timed(String uid, String title, Instant start, Instant end) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + UTC.format(start)
                + "\r\nDTEND:" + UTC.format(end) + "\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\n";
    }
}
