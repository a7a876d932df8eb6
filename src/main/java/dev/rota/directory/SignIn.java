package dev.rota.directory;

import dev.rota.platform.Ids;
import dev.rota.web.ForbiddenException;
import dev.rota.web.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How callers prove who they are: passwords, API tokens (stored hashed) and self-service sign-up. */
@Service
public class SignIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when no user matches, so timing does not reveal which emails exist. */
    private final String dummyHash;

    private final UserRepository users;
    private final TokenRepository tokens;
    private final AccountRepository accounts;
    private final Users userAdmin;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final TokenCache cache;
    private final Clock clock;
    private final boolean signupEnabled;

    SignIn(UserRepository users, TokenRepository tokens, AccountRepository accounts, Users userAdmin,
           PasswordEncoder passwords, LoginThrottle throttle, TokenCache cache, Clock clock,
           @Value("${rota.signup.enabled}") boolean signupEnabled) {
        this.users = users;
        this.tokens = tokens;
        this.accounts = accounts;
        this.userAdmin = userAdmin;
        this.passwords = passwords;
        this.throttle = throttle;
        this.cache = cache;
        this.clock = clock;
        this.signupEnabled = signupEnabled;
        this.dummyHash = passwords.encode("not-a-real-password");
    }

    public record IssuedToken(String token, UUID accountId, UUID userId) {
    }

    /** An account the email and password open. */
    public record AccountChoice(UUID accountId, String name) implements java.io.Serializable {
    }

    /** The email and password open several accounts: the caller must name one ({@code accountId}). */
    public static final class SeveralAccounts extends InvalidInputException {
        private final List<AccountChoice> choices;

        SeveralAccounts(List<AccountChoice> choices) {
            super("accountId", "this email belongs to several accounts; name the account");
            this.choices = List.copyOf(choices);
        }

        public List<AccountChoice> choices() {
            return choices;
        }
    }

    /**
     * Checks email and password. An email may exist in several accounts: {@code accountId} picks one;
     * without it, the password must match in exactly one. Failures are limited per user the email names (found the
     * way the database compares emails, so another spelling of the same address counts against the same user),
     * else per email; one password check is made per user named, and one when the email names nobody, so an
     * unknown email takes as long as a known one.
     */
    @Transactional(readOnly = true)
    public CurrentUser verify(String email, String password, UUID accountId, String clientAddress) {
        List<UserRepository.Credentials> candidates = users.findCredentials(email).stream()
                .filter(c -> accountId == null || c.user().accountId().equals(accountId))
                .toList();
        List<String> subjects = candidates.isEmpty() ? List.of("email:" + users.emailKey(email))
                : candidates.stream().map(c -> "user:" + c.user().id()).toList();
        LoginThrottle.Attempt attempt = throttle.begin(subjects, clientAddress);
        if (candidates.isEmpty()) {
            passwords.matches(password, dummyHash);
        }
        List<User> matches = candidates.stream()
                // a user without a password costs a check too (against the dummy), and never matches
                .filter(c -> passwords.matches(password, c.passwordHash() == null ? dummyHash : c.passwordHash())
                        && c.passwordHash() != null)
                .map(UserRepository.Credentials::user)
                .toList();
        if (matches.isEmpty()) {
            throw new BadCredentialsException("wrong email or password"); // the attempt stays counted
        }
        if (matches.size() > 1) {
            // the password matched in each of them, so naming them tells the caller nothing they could not sign in to
            LoginThrottle.takeBack(attempt);
            throw new SeveralAccounts(matches.stream().map(u -> new AccountChoice(u.accountId(),
                    accounts.find(u.accountId()).map(Account::name).orElse(u.accountId().toString()))).toList());
        }
        throttle.succeeded(attempt, "user:" + matches.get(0).id());
        return matches.get(0).asCurrentUser();
    }

    @Transactional
    public IssuedToken issueToken(String email, String password, UUID accountId, String clientAddress) {
        CurrentUser user = verify(email, password, accountId, clientAddress);
        return issue(user.accountId(), user.userId());
    }

    private IssuedToken issue(UUID accountId, UUID userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "rota_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.insert(accountId, userId, hash(token), clock.instant());
        return new IssuedToken(token, accountId, userId);
    }

    /** Runs on every API request: one query outside any transaction, or none while the token is cached. */
    public Optional<CurrentUser> authenticate(String token) {
        return cache.get(hash(token), h -> tokens.findUser(h).map(User::asCurrentUser));
    }

    /** The caller of an {@code Authorization: Bearer <token>} header; empty without one or with a bad token. */
    public Optional<CurrentUser> authenticateHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return authenticate(authorization.substring(7).trim());
    }

    @Transactional
    public void revoke(String token) {
        String hash = hash(token);
        tokens.delete(hash);
        cache.forgetToken(hash);
    }

    /** A user's tokens are read again on their next use: their user was changed on this node. */
    @org.springframework.context.event.EventListener
    void on(Users.UserChanged changed) {
        cache.forgetUser(changed.accountId(), changed.userId());
    }

    /** Creates an account (plan FREE) with its first super admin, and signs them in. */
    @Transactional
    public IssuedToken signUp(String accountName, String name, String email, String password, ZoneId zone,
                              String clientAddress) {
        if (!signupEnabled) {
            throw new ForbiddenException(null, "sign-up is switched off on this server", "signup-disabled");
        }
        throttle.signUp(clientAddress);
        Account account = createAccount(accountName, Plan.FREE, zone);
        User admin = userAdmin.insert(account.id(), new Users.NewUser(email, name, password, Role.SUPER_ADMIN,
                EnumSet.of(Permission.AVAILABILITY_MANAGEMENT), Seat.SERVICE, zone, null), zone);
        return issue(account.id(), admin.id());
    }

    Account createAccount(String name, Plan plan, ZoneId zone) {
        var now = clock.instant();
        Account account = new Account(Ids.newId(), name, plan, zone, false, null, now, now);
        accounts.insert(account);
        return account;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
