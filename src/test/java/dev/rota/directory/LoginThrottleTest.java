package dev.rota.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rota.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(5), 2, clock);

    LoginThrottleTest() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void an_attempt_counts_from_its_start_and_a_success_takes_it_back_and_clears_only_its_own_user() {
        LoginThrottle.Attempt first = throttle.begin(List.of("user:a", "user:b"), "10.0.0.1");
        LoginThrottle.Attempt second = throttle.begin(List.of("user:a", "user:b"), "10.0.0.1");
        LoginThrottle.Attempt third = throttle.begin(List.of("user:a", "user:b"), "10.0.0.1");
        // three in flight: the fourth is refused before its password is checked, and counts nowhere
        assertThatThrownBy(() -> throttle.begin(List.of("user:a"), "10.0.0.2"))
                .isInstanceOf(TooManyAttemptsException.class);
        // it opened b: its own count is taken back everywhere, and b's failures go; a's two others stay
        throttle.succeeded(third, "user:b");
        throttle.begin(List.of("user:b"), "10.0.0.1");
        throttle.begin(List.of("user:a"), "10.0.0.3");
        assertThatThrownBy(() -> throttle.begin(List.of("user:a"), "10.0.0.3"))
                .isInstanceOf(TooManyAttemptsException.class)
                .satisfies(e -> assertThat(((TooManyAttemptsException) e).retryAfterSeconds()).isEqualTo(300));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        throttle.begin(List.of("user:a"), "10.0.0.3"); // the window has passed
        assertThat(first).isNotSameAs(second);
    }

    @Test
    void the_address_limit_refuses_whatever_the_users_and_nothing_is_counted_for_a_refusal() {
        for (int i = 0; i < 5; i++) {
            throttle.begin(List.of("user:" + i), "10.0.0.9");
        }
        assertThatThrownBy(() -> throttle.begin(List.of("user:new"), "10.0.0.9"))
                .isInstanceOf(TooManyAttemptsException.class);
        // the refused attempt took nothing of user:new's three
        for (int i = 0; i < 3; i++) {
            throttle.begin(List.of("user:new"), "10.0.0.10");
        }
    }

    @Test
    void sign_ups_are_limited_per_address_within_the_window() {
        throttle.signUp("10.0.0.1");
        throttle.signUp("10.0.0.1");
        assertThatThrownBy(() -> throttle.signUp("10.0.0.1")).isInstanceOf(TooManyAttemptsException.class)
                .hasMessageContaining("sign-ups");
        throttle.signUp("10.0.0.2");
        clock.advance(Duration.ofMinutes(6));
        throttle.signUp("10.0.0.1");
    }
}
