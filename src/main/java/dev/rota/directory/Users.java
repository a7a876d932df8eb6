package dev.rota.directory;

import dev.rota.platform.Ids;
import dev.rota.web.ConflictException;
import dev.rota.web.ForbiddenException;
import dev.rota.web.NotFoundException;
import dev.rota.web.PageRequest;
import dev.rota.web.PageResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use cases on users. Super admins manage the directory; everyone in the account may read it. */
@Service
public class Users {

    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    Users(UserRepository users, TokenRepository tokens, PasswordEncoder passwords, LoginThrottle throttle, Clock clock,
          ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Published in the transaction that created a user. */
    public record UserCreated(UUID accountId, UUID userId) {
    }

    /**
     * Published in the transaction that changed a user (zone, seat, active...); {@code joined}: the change let them
     * take conversations they could not before (a paid seat given, reactivated, a higher limit or none), as becoming
     * Available does.
     */
    public record UserChanged(UUID accountId, UUID userId, UUID actorId, boolean joined) {
    }

    /** A new user's fields; null seat/role/zone take defaults (USER, NONE, the account's zone). */
    public record NewUser(String email, String name, String password, Role role, Set<Permission> permissions,
                          Seat seat, ZoneId timeZone, Integer maxOpenConversations) {
    }

    /**
     * Changes to a user; null = unchanged, except {@code maxOpenConversations} which has its own flag.
     * {@code currentPassword} is needed, and checked, only when users set their own password.
     */
    public record UserChanges(String email, String name, String password, String currentPassword, Role role,
                              Set<Permission> permissions, Seat seat, ZoneId timeZone, boolean setMaxOpenConversations,
                              Integer maxOpenConversations, Boolean active) {

        boolean onlySelfServiceFields() {
            return email == null && role == null && permissions == null && seat == null
                    && !setMaxOpenConversations && active == null;
        }
    }

    /**
     * One's own new password needs the current one: a token someone else got hold of must not be enough to take the
     * account over. Wrong guesses count against the sign-in limit of the user.
     */
    private void checkCurrentPassword(CurrentUser me, String currentPassword) {
        String hash = users.passwordHash(me.accountId(), me.userId()).orElse(null);
        if (hash == null) {
            return; // nothing to know yet
        }
        if (currentPassword == null) {
            throw new dev.rota.web.InvalidInputException("currentPassword", "is required to set your own password");
        }
        LoginThrottle.Attempt attempt = throttle.begin(List.of("user:" + me.userId()), "self:" + me.userId());
        if (!passwords.matches(currentPassword, hash)) {
            throw new dev.rota.web.InvalidInputException("currentPassword", "is not your current password");
        }
        LoginThrottle.takeBack(attempt);
    }

    @Transactional(readOnly = true)
    public PageResponse<User> list(CurrentUser me, String q, PageRequest page) {
        String query = dev.rota.web.Params.search("q", q);
        return page.respond(users.list(me.accountId(), query, page.size(), page.offset()), users.count(me.accountId(), query));
    }

    @Transactional(readOnly = true)
    public User get(CurrentUser me, UUID id) {
        return users.find(me.accountId(), id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** For other features acting inside an account they already checked; no permission check. */
    @Transactional(readOnly = true)
    public java.util.Optional<User> find(UUID accountId, UUID id) {
        return users.find(accountId, id);
    }

    /**
     * A user with a stamp of their password that changes whenever a password is set (a web session remembers the
     * stamp it signed in with, and ends when it no longer matches).
     */
    public record Stamped(User user, String credentialsStamp) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Stamped> findStamped(UUID accountId, UUID id) {
        return users.findStamped(accountId, id);
    }

    /** Users by id, within one account, in no particular order; unknown ids are left out. */
    @Transactional(readOnly = true)
    public List<User> findAll(UUID accountId, java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : users.findAll(accountId, ids);
    }

    @Transactional
    public User create(CurrentUser me, NewUser n, ZoneId accountZone) {
        requireSuperAdmin(me);
        return insert(me.accountId(), n, accountZone);
    }

    /** Also used by sign-up and bootstrap, where there is no caller yet. */
    User insert(UUID accountId, NewUser n, ZoneId accountZone) {
        if (users.emailTaken(accountId, n.email(), null)) {
            throw new ConflictException("email", "a user with email " + n.email() + " already exists");
        }
        var now = clock.instant();
        User user = new User(accountId, Ids.newId(), n.email(), n.name(),
                n.role() == null ? Role.USER : n.role(),
                n.permissions() == null ? EnumSet.noneOf(Permission.class) : n.permissions(),
                n.seat() == null ? Seat.NONE : n.seat(),
                n.timeZone() == null ? accountZone : n.timeZone(),
                n.maxOpenConversations(), true, now, now);
        users.insert(user, n.password() == null ? null : passwords.encode(n.password()));
        events.publishEvent(new UserCreated(accountId, user.id()));
        return user;
    }

    @Transactional
    public User update(CurrentUser me, UUID id, UserChanges c) {
        User current = users.findForUpdate(me.accountId(), id).orElseThrow(() -> new NotFoundException("user", id));
        boolean self = me.is(id);
        if (!me.isSuperAdmin() && !(self && c.onlySelfServiceFields())) {
            throw new ForbiddenException(self
                    ? "only a super admin may change email, role, permissions, seat, limit or active"
                    : "only a super admin may change other users");
        }
        if (self && c.password() != null) {
            checkCurrentPassword(me, c.currentPassword());
        }
        if (c.email() != null && users.emailTaken(me.accountId(), c.email(), id)) {
            throw new ConflictException("email", "a user with email " + c.email() + " already exists");
        }
        User updated = new User(current.accountId(), current.id(),
                c.email() == null ? current.email() : c.email(),
                c.name() == null ? current.name() : c.name(),
                c.role() == null ? current.role() : c.role(),
                c.permissions() == null ? current.permissions() : c.permissions(),
                c.seat() == null ? current.seat() : c.seat(),
                c.timeZone() == null ? current.timeZone() : c.timeZone(),
                c.setMaxOpenConversations() ? c.maxOpenConversations() : current.maxOpenConversations(),
                c.active() == null ? current.active() : c.active(),
                current.createdAt(), clock.instant());
        keepOneSuperAdmin(current, updated);
        users.update(updated);
        if (c.password() != null) {
            users.updatePassword(me.accountId(), id, passwords.encode(c.password()));
        }
        if (!updated.active() || c.password() != null) {
            // a new password cuts off every token made with the old one (a leaked token is not kept alive)
            tokens.deleteAllOf(me.accountId(), id);
        }
        boolean joined = (updated.seat().isPaid() && !current.seat().isPaid()) || (updated.active() && !current.active())
                || raised(current.maxOpenConversations(), updated.maxOpenConversations());
        events.publishEvent(new UserChanged(me.accountId(), id, me.userId(), joined));
        return updated;
    }

    /** Deactivates: the user can no longer sign in, and keeps all history. */
    @Transactional
    public User deactivate(CurrentUser me, UUID id) {
        return update(me, id, new UserChanges(null, null, null, null, null, null, null, null, false, null, false));
    }

    private void keepOneSuperAdmin(User before, User after) {
        boolean wasAdmin = before.role() == Role.SUPER_ADMIN && before.active();
        boolean isAdmin = after.role() == Role.SUPER_ADMIN && after.active();
        if (wasAdmin && !isAdmin && users.countActiveSuperAdmins(before.accountId()) <= 1) {
            throw new ConflictException(after.active() ? "role" : "active",
                    "the account's last active super admin cannot be demoted or deactivated");
        }
    }

    @Transactional(readOnly = true)
    public List<UUID> missingUsers(UUID accountId, List<UUID> ids) {
        return users.missing(accountId, ids);
    }

    static void requireSuperAdmin(CurrentUser me) {
        if (!me.isSuperAdmin()) {
            throw new ForbiddenException("only a super admin may manage the directory");
        }
    }

    /** A user's own limit went up, or away (null: the account's default, which may be higher: drained for alike). */
    private static boolean raised(Integer before, Integer after) {
        return before != null && (after == null || after > before);
    }
}
