package dev.rota.calendar.service;

import dev.rota.platform.SecretBox;
import dev.rota.availability.service.Availability;
import dev.rota.calendar.BlockedAddressException;
import dev.rota.calendar.SafeHttpClient;
import dev.rota.calendar.service.CalendarLinkRepository.Key;
import dev.rota.calendar.service.CalendarLinkRepository.Link;
import dev.rota.directory.Accounts;
import dev.rota.directory.CurrentUser;
import dev.rota.directory.Users;
import dev.rota.web.ConflictException;
import dev.rota.web.FieldError;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import dev.rota.web.NotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use cases of calendar sync for one user: link a calendar (which syncs it at once), show the link and its last
 * outcome, sync now, unlink. Allowed to the user themself and super admins, on the PROFESSIONAL and ENTERPRISE
 * plans (as out of office); a user of another account is not found. Passwords are stored encrypted and never shown.
 */
@Service
public class CalendarSync {

    static final int MAX_URL_LENGTH = 2000;
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration WAIT_FOR_RUNNING_SYNC = Duration.ofSeconds(30);

    /** What a caller links; {@code password} may be null to keep the stored one of the same calendar. */
    public record LinkRequest(LinkType type, String url, String username, String password) {
        @Override
        public String toString() {
            return "LinkRequest[type=" + type + ", url=" + url + ", username=" + username + ", password=***]";
        }
    }

    /**
     * A link as shown: never the password. A feed's URL is shown only up to its host, because a published feed's
     * address is itself the secret ({@code https://calendar.google.com/…}).
     *
     * @param lastOutcome {@code OK}, {@code ERROR}, or null before the first sync
     * @param lastMessage the error, or the first warning, of the last sync
     * @param warnings    how many events the last sync skipped or cut
     */
    public record LinkView(UUID userId, LinkType type, String url, String username, boolean hasPassword,
                           Instant linkedAt, Instant lastSyncAt, String lastOutcome, String lastMessage, int warnings,
                           int consecutiveFailures, Instant nextSyncAt) {
    }

    private final CalendarLinkRepository links;
    private final CalendarSyncing syncing;
    private final Availability availability;
    private final Users users;
    private final Accounts accounts;
    private final SecretBox secrets;
    private final SafeHttpClient http;
    private final TransactionTemplate tx;
    private final Clock clock;

    CalendarSync(CalendarLinkRepository links, CalendarSyncing syncing, Availability availability, Users users,
                 Accounts accounts, SecretBox secrets, SafeHttpClient http, TransactionTemplate tx, Clock clock) {
        this.links = links;
        this.syncing = syncing;
        this.availability = availability;
        this.users = users;
        this.accounts = accounts;
        this.secrets = secrets;
        this.http = http;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Links (or replaces) the user's calendar and syncs it once; the outcome of that sync is in the answer.
     *
     * @throws InvalidInputException naming {@code type}, {@code url}, {@code username} or {@code password}; a URL
     *                               that is not http(s) or points at a private, loopback or metadata address is refused
     */
    public LinkView link(CurrentUser me, UUID userId, LinkRequest request) {
        requireRights(me, userId, true);
        List<FieldError> errors = new ArrayList<>();
        URI url = null;
        if (request.type() == null) {
            errors.add(new FieldError("type", "is required: ICS_FEED or CALDAV"));
        }
        try {
            url = checkedUrl(http, withoutWebcal(request.url()));
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        Link existing = links.find(me.accountId(), userId).orElse(null);
        boolean keepPassword = request.password() == null && existing != null && existing.passwordEncrypted() != null
                && existing.type() == request.type() && url != null && existing.url().equals(url.toString())
                && Objects.equals(existing.username(), request.username());
        if (request.type() == LinkType.CALDAV) {
            if (request.username() == null) {
                errors.add(new FieldError("username", "is required for a CALDAV calendar"));
            }
            if (request.password() == null && !keepPassword) {
                errors.add(new FieldError("password", "is required for a CALDAV calendar"));
            }
        }
        if (request.password() != null && request.username() == null && request.type() != LinkType.CALDAV) {
            errors.add(new FieldError("username", "is required with a password"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String sealed = keepPassword ? existing.passwordEncrypted() : request.password() == null ? null
                : secrets.encrypt(request.password(), CalendarSyncing.owner(me.accountId(), userId));
        String urlText = url.toString();
        boolean otherCalendar = existing != null && (existing.type() != request.type()
                || !existing.url().equals(urlText));
        tx.executeWithoutResult(status -> {
            links.save(me.accountId(), userId, request.type(), urlText, request.username(), sealed, clock.instant());
            if (otherCalendar) {
                // the periods of the calendar linked before are not this one's, even while this one cannot be read
                availability.replaceCalendarPeriods(me.accountId(), userId, List.of(), CalendarPeriodImport.CAUSE);
            }
        });
        return sync(me.accountId(), userId);
    }

    public LinkView get(CurrentUser me, UUID userId) {
        // reading and unlinking stay allowed on every plan: an account that left a paid plan can still
        // see and remove its link (and the password stored with it)
        requireRights(me, userId, false);
        return view(requireLink(me.accountId(), userId));
    }

    /** Syncs now (waiting for a sync already running on any node) and answers the link with its new outcome. */
    public LinkView runNow(CurrentUser me, UUID userId) {
        requireRights(me, userId, true);
        requireLink(me.accountId(), userId);
        return sync(me.accountId(), userId);
    }

    /** Removes the link and the periods that came from it; events already written to a CalDAV calendar stay there. */
    public void unlink(CurrentUser me, UUID userId) {
        // reading and unlinking stay allowed on every plan: an account that left a paid plan can still
        // see and remove its link (and the password stored with it)
        requireRights(me, userId, false);
        tx.executeWithoutResult(status -> {
            if (!links.delete(me.accountId(), userId)) {
                throw new NotFoundException("calendar link of user", userId);
            }
            availability.replaceCalendarPeriods(me.accountId(), userId, List.of(), CalendarPeriodImport.CAUSE);
        });
    }

    private LinkView sync(UUID accountId, UUID userId) {
        Key key = new Key(accountId, userId);
        long deadline = System.nanoTime() + WAIT_FOR_RUNNING_SYNC.toNanos();
        while (!links.tryLease(key, clock.instant(), clock.instant().plus(LEASE))) {
            if (links.find(accountId, userId).isEmpty()) {
                throw new NotFoundException("calendar link of user", userId);
            }
            if (System.nanoTime() > deadline) {
                throw new ConflictException("calendar-sync", "a sync of this calendar is still running");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException("calendar-sync", "interrupted while waiting for a running sync");
            }
        }
        try {
            syncing.run(key);
        } finally {
            links.releaseLease(key);
        }
        return view(requireLink(accountId, userId));
    }

    private Link requireLink(UUID accountId, UUID userId) {
        return links.find(accountId, userId).orElseThrow(() -> new NotFoundException("calendar link of user", userId));
    }

    private void requireRights(CurrentUser me, UUID userId, boolean syncing) {
        users.find(me.accountId(), userId).orElseThrow(() -> new NotFoundException("user", userId));
        if (!me.isSuperAdmin() && !me.is(userId)) {
            throw new ForbiddenException("only a super admin or the user themself may link a user's calendar");
        }
        if (syncing && !accounts.find(me.accountId()).plan().allowsOutOfOffice()) {
            throw new ForbiddenException("plan", "calendar sync requires the PROFESSIONAL or ENTERPRISE plan",
                    "plan-required");
        }
    }

    /** {@code webcal://} (how Outlook and Apple publish feeds) is https. */
    static String withoutWebcal(String text) {
        return text != null && text.strip().regionMatches(true, 0, "webcal://", 0, 9)
                ? "https://" + text.strip().substring(9) : text;
    }

    /**
     * A URL a user gives (a calendar's, a webhook's) as it will be stored: absolute http(s) with a host, no
     * credentials inside, and not pointing at an address the client refuses.
     *
     * @throws InvalidInputException naming {@code url}
     */
    public static URI checkedUrl(SafeHttpClient http, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("url", "is required");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new InvalidInputException("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not a valid URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new InvalidInputException("url", "must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "must not contain credentials");
        }
        try {
            http.checkUrl(url);
        } catch (BlockedAddressException e) {
            throw new InvalidInputException("url", "is refused: " + e.getMessage());
        }
        return url;
    }

    private static LinkView view(Link link) {
        return new LinkView(link.userId(), link.type(), shown(link), link.username(), link.passwordEncrypted() != null,
                link.generation(), link.lastSyncAt(), link.lastOutcome(), link.lastMessage(), link.lastWarnings(),
                link.consecutiveFailures(), link.nextSyncAt());
    }

    private static String shown(Link link) {
        if (link.type() == LinkType.CALDAV) {
            return link.url();
        }
        URI url = URI.create(link.url());
        return url.getScheme() + "://" + url.getRawAuthority() + "/…";
    }
}
