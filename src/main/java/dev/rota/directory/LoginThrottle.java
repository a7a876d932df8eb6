package dev.rota.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per email, and (more loosely, since offices share one address) per client
 * address, within a sliding window. Kept per node:
 * with n nodes an attacker gets at most n times the limit, which still stops guessing.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(@Value("${rota.login.max-attempts}") int maxFailures,
                  @Value("${rota.login.max-attempts-per-address}") int maxFailuresPerAddress,
                  @Value("${rota.login.window}") Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** @return seconds to wait, or 0 when another attempt is allowed now */
    long retryAfterSeconds(String email, String address) {
        return Math.max(retryAfter("email:" + email.toLowerCase(), maxFailures),
                retryAfter("ip:" + address, maxFailuresPerAddress));
    }

    void failed(String email, String address) {
        record("email:" + email.toLowerCase());
        record("ip:" + address);
    }

    void succeeded(String email) {
        failures.remove("email:" + email.toLowerCase());
    }

    private long retryAfter(String key, int limit) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(clock.instant(), times.peekFirst().plus(window)).toSeconds());
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.pollFirst();
        }
    }
}
