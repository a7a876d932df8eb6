package dev.rota.calendar.service;

import dev.rota.availability.OutOfOfficePeriod;
import dev.rota.availability.PeriodSource;
import dev.rota.availability.service.Availability;
import dev.rota.availability.service.Availability.CalendarOccurrence;
import dev.rota.calendar.CalDavClient;
import dev.rota.calendar.CalendarEvents;
import dev.rota.calendar.CalendarException;
import dev.rota.calendar.CalendarPeriod;
import dev.rota.calendar.Limits;
import dev.rota.calendar.OutOfOfficeEventWriter;
import dev.rota.calendar.OutOfOfficeMatcher;
import dev.rota.calendar.ParseResult;
import dev.rota.calendar.SafeHttpClient;
import dev.rota.calendar.service.CalendarLinkRepository.Key;
import dev.rota.calendar.service.CalendarLinkRepository.Link;
import dev.rota.calendar.service.CalendarLinkRepository.Success;
import dev.rota.calendar.service.CalendarLinkRepository.Written;
import dev.rota.directory.Accounts;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync of one linked calendar. A feed is fetched conditionally (304: nothing changes); a CalDAV calendar is
 * re-read only when its ctag moved or Rota has periods to write back. Either is read in full anyway once a day (the
 * window moves on) and when the user's zone changed. The out-of-office events found in
 * {@code [now − 30 days, now + 365 days)} become the user's CALENDAR periods (through
 * {@link Availability#replaceCalendarPeriods}); Rota's own periods are written to a CalDAV calendar, and events
 * Rota wrote ({@code X-ROTA-PERIOD-ID}, or a UID that is a Rota period id) are never imported back. Any failure
 * leaves the last good periods, records the error and backs off: the sync interval × 2^(failures − 1), at most a day.
 */
@Component
class CalendarSyncing {

    private static final Logger log = LoggerFactory.getLogger(CalendarSyncing.class);
    static final Duration PAST = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(365);
    static final Duration MAX_BACKOFF = Duration.ofHours(24);
    static final Duration REREAD = Duration.ofHours(24);
    static final String CAUSE = "CALENDAR";
    private static final Pattern ROTA_PERIOD_ID = Pattern.compile("(?m)^X-ROTA-PERIOD-ID:([^\\r\\n]+)");

    private final CalendarLinkRepository links;
    private final CalendarSettings settings;
    private final Availability availability;
    private final Users users;
    private final Accounts accounts;
    private final SecretBox secrets;
    private final SafeHttpClient http;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration interval;

    CalendarSyncing(CalendarLinkRepository links, CalendarSettings settings, Availability availability, Users users,
                    Accounts accounts, SecretBox secrets, SafeHttpClient http, TransactionTemplate tx, Clock clock,
                    @Value("${rota.calendar.sync-interval:15m}") Duration interval) {
        this.links = links;
        this.settings = settings;
        this.availability = availability;
        this.users = users;
        this.accounts = accounts;
        this.secrets = secrets;
        this.http = http;
        this.tx = tx;
        this.clock = clock;
        this.interval = interval;
    }

    /** What one run did. */
    record Outcome(boolean ok, String message, int warnings, boolean changed) {
    }

    private record Read(Success success, boolean changed) {
    }

    /** Syncs a link whose lease the caller holds; releases the lease. Empty when the link is gone. */
    Optional<Outcome> run(Key key) {
        Link link = links.find(key.accountId(), key.userId()).orElse(null);
        if (link == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            Read read = read(link, now);
            links.recordSuccess(key, link.generation(), now, read.success(), now.plus(interval));
            return Optional.of(new Outcome(true, read.success().message(), read.success().warnings(),
                    read.changed()));
        } catch (CalendarException e) {
            return Optional.of(fail(key, link, now, e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Calendar sync of user {} failed", key.userId(), e);
            return Optional.of(fail(key, link, now, "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private Outcome fail(Key key, Link link, Instant now, String message) {
        String shortened = message == null ? "failed" : message.length() > 500 ? message.substring(0, 500) : message;
        links.recordFailure(key, link.generation(), now, shortened, now.plus(backoff(interval, link.consecutiveFailures() + 1)));
        return new Outcome(false, shortened, 0, false);
    }

    /** The delay after the {@code failures}-th failure in a row: {@code interval × 2^(failures − 1)}, at most a day. */
    static Duration backoff(Duration interval, int failures) {
        Duration delay = interval;
        for (int i = 1; i < failures && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private Read read(Link link, Instant now) throws CalendarException {
        if (!accounts.find(link.accountId()).plan().allowsOutOfOffice()) {
            throw new CalendarException("calendar sync requires the PROFESSIONAL or ENTERPRISE plan");
        }
        User user = users.find(link.accountId(), link.userId())
                .orElseThrow(() -> new CalendarException("the user no longer exists"));
        Window window = new Window(now.minus(PAST), now.plus(AHEAD), user.timeZone());
        SafeHttpClient.BasicCredentials credentials = credentials(link);
        URI url = URI.create(link.url());
        boolean fresh = link.readAt() != null && link.readAt().plus(REREAD).isAfter(now)
                && user.timeZone().getId().equals(link.readZone());
        return switch (link.type()) {
            case ICS_FEED -> readFeed(link, url, credentials, window, fresh);
            case CALDAV -> readCalDav(link, new CalDavClient(http, url, credentials), window, now, fresh);
        };
    }

    private record Window(Instant from, Instant to, ZoneId zone) {
        boolean overlaps(OutOfOfficePeriod p) {
            return p.endExclusive().isAfter(LocalDateTime.ofInstant(from, zone))
                    && p.start().isBefore(LocalDateTime.ofInstant(to, zone));
        }
    }

    // ---- iCalendar feed

    private Read readFeed(Link link, URI url, SafeHttpClient.BasicCredentials credentials, Window window,
                          boolean fresh) throws CalendarException {
        SafeHttpClient.FetchResult fetched = http.fetch(url, fresh
                ? new SafeHttpClient.Validators(link.etag(), link.lastModified()) : SafeHttpClient.Validators.none(),
                credentials);
        if (fetched instanceof SafeHttpClient.FetchResult.Fetched f) {
            ParseResult parsed = CalendarEvents.parse(f.body(), window.zone(), window.from(), window.to(),
                    settings.matcher(link.accountId()), Limits.defaults());
            List<String> warnings = new ArrayList<>(parsed.warnings());
            boolean changed = apply(link, occurrences(link, parsed.periods(), warnings));
            return new Read(new Success(f.validators().etag(), f.validators().lastModified(), null,
                    summary(warnings), warnings.size(), window.zone().getId()), changed);
        }
        return new Read(new Success(link.etag(), link.lastModified(), null, "not modified", link.lastWarnings(), null),
                false);
    }

    // ---- CalDAV, two-way

    private Read readCalDav(Link link, CalDavClient dav, Window window, Instant now, boolean fresh)
            throws CalendarException {
        String ctag = dav.state().ctag();
        List<OutOfOfficePeriod> entered = availability.enteredPeriods(link.accountId(), link.userId());
        Map<UUID, Written> written = links.written(link.accountId(), link.userId()).stream()
                .collect(Collectors.toMap(Written::periodId, w -> w));
        List<OutOfOfficePeriod> toWrite = entered.stream().filter(window::overlaps).toList();
        Set<UUID> enteredIds = entered.stream().map(p -> UUID.fromString(p.id())).collect(Collectors.toSet());
        boolean pending = toWrite.stream().anyMatch(p -> !matches(written.get(UUID.fromString(p.id())), p))
                || written.keySet().stream().anyMatch(id -> !enteredIds.contains(id));
        if (fresh && ctag != null && ctag.equals(link.ctag()) && !pending) {
            return new Read(new Success(null, null, ctag, "not modified", link.lastWarnings(), null), false);
        }

        List<CalDavClient.RemoteEvent> remote = dav.list(window.from(), window.to());
        if (remote.size() > Limits.defaults().maxEvents()) {
            throw new CalendarException("calendar has more than " + Limits.defaults().maxEvents() + " events");
        }
        Map<UUID, CalDavClient.RemoteEvent> own = new HashMap<>();
        List<CalendarPeriod> found = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
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
        boolean changed = apply(link, occurrences(link, found, warnings));

        boolean wrote = false;
        for (OutOfOfficePeriod p : toWrite) {
            UUID id = UUID.fromString(p.id());
            Written w = written.get(id);
            CalDavClient.RemoteEvent there = own.get(id);
            if (matches(w, p) && there != null && (w.etag() == null || w.etag().equals(there.etag()))) {
                continue;
            }
            String ics = OutOfOfficeEventWriter.write(p.id(), p.id(), null, p.start(), p.endExclusive(), p.wholeDays(),
                    window.zone(), now);
            String etag = dav.put(p.id(), ics, there == null ? null : there.etag());
            URI href = there != null ? there.href() : URI.create(link.url().endsWith("/") ? link.url() : link.url() + "/")
                    .resolve(URLEncoder.encode(p.id(), StandardCharsets.UTF_8) + ".ics");
            links.saveWritten(link.accountId(), link.userId(),
                    new Written(id, href.toString(), etag, p.start(), p.endExclusive(), p.wholeDays()));
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
        String newCtag = wrote ? dav.state().ctag() : ctag;
        return new Read(new Success(null, null, newCtag, summary(warnings), warnings.size(), window.zone().getId()),
                changed || wrote);
    }

    private static boolean matches(Written w, OutOfOfficePeriod p) {
        return w != null && w.start().equals(p.start()) && w.endExclusive().equals(p.endExclusive())
                && w.wholeDays() == p.wholeDays();
    }

    // ---- shared

    /** Valid periods that are not Rota's own; the others are skipped with a warning. */
    private List<CalendarOccurrence> occurrences(Link link, List<CalendarPeriod> periods, List<String> warnings) {
        Set<String> rotaIds = availability.enteredPeriods(link.accountId(), link.userId()).stream()
                .map(OutOfOfficePeriod::id).collect(Collectors.toSet());
        List<CalendarOccurrence> result = new ArrayList<>();
        for (CalendarPeriod p : periods) {
            if (rotaIds.contains(p.uid())) {
                continue;
            }
            try {
                new OutOfOfficePeriod("check", p.start(), p.endExclusive(), p.wholeDays(),
                        PeriodSource.CALENDAR);
                result.add(new CalendarOccurrence(p.uid(), p.recurrenceId(), p.start(), p.endExclusive(),
                        p.wholeDays()));
            } catch (IllegalArgumentException e) {
                warnings.add("event " + p.uid() + " skipped: " + e.getMessage());
            }
        }
        return result;
    }

    /** Replaces the CALENDAR periods, unless the link was removed or replaced while this sync read. */
    private boolean apply(Link link, List<CalendarOccurrence> occurrences) throws CalendarException {
        Boolean changed = tx.execute(status -> {
            if (!links.lockGeneration(new Key(link.accountId(), link.userId()), link.generation())) {
                return null;
            }
            return availability.replaceCalendarPeriods(link.accountId(), link.userId(), occurrences, CAUSE);
        });
        if (changed == null) {
            throw new CalendarException("the calendar was unlinked or replaced during the sync");
        }
        return changed;
    }

    private SafeHttpClient.BasicCredentials credentials(Link link) throws CalendarException {
        if (link.username() == null) {
            return null;
        }
        String password = "";
        if (link.passwordEncrypted() != null) {
            try {
                password = secrets.decrypt(link.passwordEncrypted(), owner(link.accountId(), link.userId()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new CalendarException("the stored password cannot be decrypted (was the calendar secret key "
                        + "changed?); link the calendar again");
            }
        }
        return new SafeHttpClient.BasicCredentials(link.username(), password);
    }

    static String owner(UUID accountId, UUID userId) {
        return accountId + "/" + userId;
    }

    private static String summary(List<String> warnings) {
        return warnings.isEmpty() ? null : Objects.toString(warnings.get(0), null);
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
