package dev.rota.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per subject — each user the email names, or the email itself when it names nobody — and
 * (more loosely, since offices share one address) per client address, within a sliding window. Kept per node:
 * with n nodes an attacker gets at most n times the limit, which still stops guessing.
 * <p>
 * An attempt counts as failed from before its password is checked ({@link #begin}), so attempts sent in parallel
 * cannot all pass the check while none has failed yet; a success takes its count back ({@link #succeeded}) and
 * clears the failures of the user it signed in as — only theirs, not those of others with the same email.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final int maxSignupsPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(@Value("${rota.login.max-attempts}") int maxFailures,
                  @Value("${rota.login.max-attempts-per-address}") int maxFailuresPerAddress,
                  @Value("${rota.login.window}") Duration window,
                  @Value("${rota.signup.max-per-address}") int maxSignupsPerAddress, Clock clock) {
        this.maxSignupsPerAddress = maxSignupsPerAddress;
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** An attempt's counts, taken by {@link #begin} at one instant. */
    static final class Attempt {
        private final Instant at;
        private final List<Deque<Instant>> counted = new ArrayList<>();

        private Attempt(Instant at) {
            this.at = at;
        }
    }

    /**
     * Counts an attempt against each subject and the address, before its password is checked.
     *
     * @throws TooManyAttemptsException when any of them has no attempt left (then nothing is counted)
     */
    Attempt begin(Collection<String> subjects, String address) {
        Attempt attempt = new Attempt(clock.instant());
        if (failures.size() > SWEEP_ABOVE) {
            sweep(attempt.at); // emails sprayed at random leave a key each
        }
        String refusal = "too many failed sign-in attempts";
        try {
            for (String subject : subjects) {
                attempt.counted.add(count("subject:" + subject, maxFailures, attempt.at, refusal));
            }
            attempt.counted.add(count("ip:" + address, maxFailuresPerAddress, attempt.at, refusal));
        } catch (TooManyAttemptsException e) {
            takeBack(attempt);
            throw e;
        }
        return attempt;
    }

    /**
     * Counts a sign-up from the address (each costs a password hash and makes an account): at most
     * {@code rota.signup.max-per-address} within the window.
     *
     * @throws TooManyAttemptsException when the address has none left
     */
    void signUp(String address) {
        count("signup:" + address, maxSignupsPerAddress, clock.instant(), "too many sign-ups from this address");
    }

    /** Adds {@code now} to the key's times, or refuses when the window already holds {@code limit} of them. */
    private Deque<Instant> count(String key, int limit, Instant now, String refusal) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            if (times.size() >= limit) {
                throw new TooManyAttemptsException(Math.max(1, Duration.between(now, times.peekFirst().plus(window))
                        .toSeconds()), refusal);
            }
            times.addLast(now);
        }
        return times;
    }

    /** The attempt signed in as {@code subject}: its counts are taken back and that subject's failures cleared. */
    void succeeded(Attempt attempt, String subject) {
        takeBack(attempt);
        failures.remove("subject:" + subject);
    }

    /** The attempt's password was right (though it did not sign in yet): its counts are taken back. */
    static void takeBack(Attempt attempt) {
        for (Deque<Instant> times : attempt.counted) {
            synchronized (times) {
                times.removeLastOccurrence(attempt.at);
            }
        }
    }

    private static final int SWEEP_ABOVE = 10_000;

    private void sweep(Instant now) {
        failures.values().removeIf(times -> {
            synchronized (times) {
                prune(times, now);
                return times.isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.pollFirst();
        }
    }
}
