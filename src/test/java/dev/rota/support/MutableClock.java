package dev.rota.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can set and advance; until set it follows real time (in microsecond ticks). */
public final class MutableClock extends Clock {

    private volatile Instant fixed;

    public void set(Instant instant) {
        this.fixed = instant;
    }

    public void advance(Duration duration) {
        this.fixed = instant().plus(duration);
    }

    public void followRealTime() {
        this.fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Rota passes zones explicitly");
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)).instant();
    }
}
