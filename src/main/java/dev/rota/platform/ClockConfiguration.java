package dev.rota.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock. Tests replace it with a controllable one. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // Microsecond ticks: PostgreSQL keeps microseconds, so what we return equals what we stored.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
