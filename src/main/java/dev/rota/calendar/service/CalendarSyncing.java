package dev.rota.calendar.service;

import dev.rota.platform.SecretBox;
import dev.rota.calendar.CalDavClient;
import dev.rota.calendar.CalendarEvents;
import dev.rota.calendar.CalendarException;
import dev.rota.calendar.Limits;
import dev.rota.calendar.ParseResult;
import dev.rota.calendar.SafeHttpClient;
import dev.rota.calendar.service.CalendarLinkRepository.Key;
import dev.rota.calendar.service.CalendarLinkRepository.Link;
import dev.rota.calendar.service.CalendarLinkRepository.Success;
import dev.rota.directory.Accounts;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One sync of one linked calendar. A feed is fetched conditionally (304: nothing changes); a CalDAV calendar is
 * re-read only when its ctag moved or Rota has periods to write back. Either is read in full anyway once a day (the
 * window moves on) and when the user's zone changed. The out-of-office events found in
 * {@code [now − 30 days, now + 365 days)} become the user's CALENDAR periods ({@link CalendarPeriodImport}); a
 * CalDAV calendar also gets Rota's own periods ({@link CalDavTwoWay}). Any failure
 * leaves the last good periods, records the error and backs off: the sync interval × 2^(failures − 1), at most a day.
 */
@Component
class CalendarSyncing {

    private static final Logger log = LoggerFactory.getLogger(CalendarSyncing.class);
    static final Duration PAST = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(365);
    static final Duration MAX_BACKOFF = Duration.ofHours(24);
    static final Duration REREAD = Duration.ofHours(24);

    private final CalendarLinkRepository links;
    private final CalendarSettings settings;
    private final CalendarPeriodImport periods;
    private final CalDavTwoWay calDav;
    private final Users users;
    private final Accounts accounts;
    private final SecretBox secrets;
    private final SafeHttpClient http;
    private final Clock clock;
    private final Duration interval;

    CalendarSyncing(CalendarLinkRepository links, CalendarSettings settings, CalendarPeriodImport periods,
                    CalDavTwoWay calDav, Users users, Accounts accounts, SecretBox secrets, SafeHttpClient http,
                    Clock clock, @Value("${rota.calendar.sync-interval:15m}") Duration interval) {
        this.links = links;
        this.settings = settings;
        this.periods = periods;
        this.calDav = calDav;
        this.users = users;
        this.accounts = accounts;
        this.secrets = secrets;
        this.http = http;
        this.clock = clock;
        this.interval = interval;
    }

    /** What one run did. */
    record Outcome(boolean ok, String message, int warnings, boolean changed) {
    }

    /** Syncs a link whose lease the caller holds; releases the lease. Empty when the link is gone. */
    Optional<Outcome> run(Key key) {
        Link link = links.find(key.accountId(), key.userId()).orElse(null);
        if (link == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            SyncRead read = read(link, now);
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

    private SyncRead read(Link link, Instant now) throws CalendarException {
        if (!accounts.find(link.accountId()).plan().allowsOutOfOffice()) {
            throw new CalendarException("calendar sync requires the PROFESSIONAL or ENTERPRISE plan");
        }
        User user = users.find(link.accountId(), link.userId())
                .orElseThrow(() -> new CalendarException("the user no longer exists"));
        SyncWindow window = new SyncWindow(now.minus(PAST), now.plus(AHEAD), user.timeZone());
        SafeHttpClient.BasicCredentials credentials = credentials(link);
        URI url = URI.create(link.url());
        boolean fresh = link.readAt() != null && link.readAt().plus(REREAD).isAfter(now)
                && user.timeZone().getId().equals(link.readZone());
        return switch (link.type()) {
            case ICS_FEED -> readFeed(link, url, credentials, window, fresh);
            case CALDAV -> calDav.read(link, new CalDavClient(http, url, credentials), window, now, fresh);
        };
    }

    // ---- iCalendar feed

    private SyncRead readFeed(Link link, URI url, SafeHttpClient.BasicCredentials credentials, SyncWindow window,
                              boolean fresh) throws CalendarException {
        SafeHttpClient.FetchResult fetched = http.fetch(url, fresh
                ? new SafeHttpClient.Validators(link.etag(), link.lastModified()) : SafeHttpClient.Validators.none(),
                credentials);
        if (fetched instanceof SafeHttpClient.FetchResult.Fetched f) {
            ParseResult parsed = CalendarEvents.parse(f.body(), window.zone(), window.from(), window.to(),
                    settings.matcher(link.accountId()), Limits.defaults());
            List<String> warnings = new ArrayList<>(parsed.warnings());
            boolean changed = periods.apply(link, periods.occurrences(link, parsed.periods(), warnings));
            return new SyncRead(new Success(f.validators().etag(), f.validators().lastModified(), null,
                    SyncRead.summary(warnings), warnings.size(), window.zone().getId()), changed);
        }
        return new SyncRead(new Success(link.etag(), link.lastModified(), null, "not modified", link.lastWarnings(), null),
                false);
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
}
