/**
 * Calendar sync: parses iCalendar feeds into out-of-office periods (bounded, tolerant of real-world exports),
 * fetches them through the one guarded outbound HTTP client, and reads/writes CalDAV collections.
 */
package dev.rota.calendar;
