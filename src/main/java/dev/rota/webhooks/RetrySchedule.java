package dev.rota.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h and 8 h — ten
 * attempts over about 16 hours, long enough to outlast a receiver's deploy or a night's outage — then it fails.
 */
public final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8));

    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;

    private RetrySchedule() {
    }

    /** The pause after the {@code attempts}-th failed attempt (1 = the first); empty when it was the last. */
    public static Optional<Duration> after(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts);
        }
        return attempts < MAX_ATTEMPTS ? Optional.of(DELAYS.get(attempts - 1)) : Optional.empty();
    }
}
