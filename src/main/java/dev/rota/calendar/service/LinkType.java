package dev.rota.calendar.service;

/** What a user links: a read-only iCalendar feed URL, or a CalDAV calendar collection (read and write). */
public enum LinkType {
    ICS_FEED, CALDAV
}
