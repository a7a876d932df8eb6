package dev.rota.calendar.service;

import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.service.Availability;
import dev.rota.calendar.CalDavClient;
import dev.rota.calendar.CalendarEvents;
import dev.rota.calendar.CalendarException;
import dev.rota.calendar.CalendarPeriod;
import dev.rota.calendar.Limits;
import dev.rota.calendar.OutOfOfficeEventWriter;
import dev.rota.calendar.OutOfOfficeMatcher;
import dev.rota.calendar.ParseResult;
import dev.rota.calendar.service.CalendarLinkRepository.Link;
import dev.rota.calendar.service.CalendarLinkRepository.Success;
import dev.rota.calendar.service.CalendarLinkRepository.Written;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Two-way sync with a CalDAV calendar. Reads the calendar's out-of-office events into CALENDAR periods, skipping
 * the events Rota wrote ({@code X-ROTA-PERIOD-ID}); then writes each Rota period in the window as an
 * out-of-office event (resource {@code <period id>.ics}), writes it again when the period changed or someone edited
 * the event (Rota's period is the truth), and deletes the events of periods deleted in Rota. What was written is
 * kept per period, so a failed write is simply pending at the next sync.
 */
@Component
class CalDavTwoWay {

    private static final Pattern ROTA_PERIOD_ID = Pattern.compile("(?m)^X-ROTA-PERIOD-ID:([^\\r\\n]+)");

    private final CalendarLinkRepository links;
    private final CalendarSettings settings;
    private final Availability availability;
    private final CalendarPeriodImport periods;

    CalDavTwoWay(CalendarLinkRepository links, CalendarSettings settings, Availability availability,
                 CalendarPeriodImport periods) {
        this.links = links;
        this.settings = settings;
        this.availability = availability;
        this.periods = periods;
    }

    /**
     * Reads and writes one calendar. With {@code fresh}, an unchanged ctag and nothing to write means "not modified"
     * and no further request.
     *
     * @throws CalendarException when the server cannot be read or a write fails (the rest is retried next time)
     */
    SyncRead read(Link link, CalDavClient dav, SyncWindow window, Instant now, boolean fresh)
            throws CalendarException {
        String ctag = dav.state().ctag();
        List<OutOfOfficePeriod> entered = availability.enteredPeriods(link.accountId(), link.userId());
        Map<UUID, Written> written = links.written(link.accountId(), link.userId()).stream()
                .collect(Collectors.toMap(Written::periodId, w -> w));
        List<OutOfOfficePeriod> toWrite = entered.stream().filter(window::overlaps).toList();
        Set<UUID> enteredIds = entered.stream().map(p -> UUID.fromString(p.id())).collect(Collectors.toSet());
        boolean pending = toWrite.stream().anyMatch(p -> !matches(written.get(UUID.fromString(p.id())), p, window))
                || written.keySet().stream().anyMatch(id -> !enteredIds.contains(id));
        if (fresh && ctag != null && ctag.equals(link.ctag()) && !pending) {
            return new SyncRead(new Success(null, null, ctag, "not modified", link.lastWarnings(), null), false);
        }

        List<CalDavClient.RemoteEvent> remote = dav.list(window.from(), window.to());
        if (remote.size() > Limits.defaults().maxEvents()) {
            throw new CalendarException("calendar has more than " + Limits.defaults().maxEvents() + " events");
        }
        Map<UUID, CalDavClient.RemoteEvent> own = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        List<CalendarPeriod> found = foreignPeriods(link, remote, window, own, warnings);
        boolean changed = periods.apply(link, periods.occurrences(link, found, warnings));
        boolean wrote = writeBack(link, dav, window, now, toWrite, enteredIds, written, own);
        String newCtag = wrote ? dav.state().ctag() : ctag;
        return new SyncRead(new Success(null, null, newCtag, SyncRead.summary(warnings), warnings.size(),
                window.zone().getId()), changed || wrote);
    }

    /** The out-of-office periods of events Rota did not write; Rota's own events go to {@code own} by period id. */
    private List<CalendarPeriod> foreignPeriods(Link link, List<CalDavClient.RemoteEvent> remote, SyncWindow window,
                                                Map<UUID, CalDavClient.RemoteEvent> own, List<String> warnings) {
        List<CalendarPeriod> found = new ArrayList<>();
        OutOfOfficeMatcher matcher = settings.matcher(link.accountId());
        for (CalDavClient.RemoteEvent event : remote) {
            Matcher rota = ROTA_PERIOD_ID.matcher(event.ics());
            if (rota.find()) {
                UUID periodId = parseId(rota.group(1).strip());
                if (periodId != null) {
                    own.put(periodId, event);
                }
                continue;
            }
            try {
                ParseResult parsed = CalendarEvents.parse(event.ics().getBytes(StandardCharsets.UTF_8), window.zone(),
                        window.from(), window.to(), matcher, Limits.defaults());
                found.addAll(parsed.periods());
                warnings.addAll(parsed.warnings());
            } catch (CalendarException e) {
                warnings.add(event.href().getPath() + " skipped: " + e.getMessage());
            }
        }
        return found;
    }

    /** Writes new and changed periods, deletes the events of deleted ones; returns whether it wrote anything. */
    private boolean writeBack(Link link, CalDavClient dav, SyncWindow window, Instant now,
                              List<OutOfOfficePeriod> toWrite, Set<UUID> enteredIds, Map<UUID, Written> written,
                              Map<UUID, CalDavClient.RemoteEvent> own) throws CalendarException {
        boolean wrote = false;
        for (OutOfOfficePeriod p : toWrite) {
            UUID id = UUID.fromString(p.id());
            Written w = written.get(id);
            CalDavClient.RemoteEvent there = own.get(id);
            if (matches(w, p, window) && there != null && (w.etag() == null || w.etag().equals(there.etag()))) {
                continue;
            }
            String ics = OutOfOfficeEventWriter.write(p.id(), p.id(), null, p.start(), p.endExclusive(), p.wholeDays(),
                    window.zone(), now);
            String etag = dav.put(p.id(), ics, there == null ? null : there.etag());
            URI href = there != null ? there.href()
                    : URI.create(link.url().endsWith("/") ? link.url() : link.url() + "/")
                    .resolve(URLEncoder.encode(p.id(), StandardCharsets.UTF_8) + ".ics");
            links.saveWritten(link.accountId(), link.userId(),
                    new Written(id, href.toString(), etag, p.start(), p.endExclusive(), p.wholeDays(),
                            window.zone().getId()));
            wrote = true;
        }
        for (Written w : written.values()) {
            if (!enteredIds.contains(w.periodId())) {
                CalDavClient.RemoteEvent there = own.get(w.periodId());
                dav.delete(there != null ? there.href() : URI.create(w.href()), there != null ? there.etag() : null);
                links.deleteWritten(link.accountId(), w.periodId());
                wrote = true;
            }
        }
        return wrote;
    }

    /** Whether the event written is still the period: the same local times and, unless whole days, zone. */
    private static boolean matches(Written w, OutOfOfficePeriod p, SyncWindow window) {
        return w != null && w.start().equals(p.start()) && w.endExclusive().equals(p.endExclusive())
                && w.wholeDays() == p.wholeDays() && (p.wholeDays() || window.zone().getId().equals(w.zone()));
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
