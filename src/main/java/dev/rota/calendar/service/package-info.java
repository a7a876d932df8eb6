/**
 * Calendar sync wired into Rota: linked calendars per user, the sync run (feed or CalDAV, with write-back), its
 * schedule across nodes, the account's out-of-office titles, and their REST API. Builds on the plain core in
 * {@code dev.rota.calendar} and changes periods only through {@code Availability}.
 */
package dev.rota.calendar.service;
