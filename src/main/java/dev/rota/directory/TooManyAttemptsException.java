package dev.rota.directory;

/** Sign-in refused for a while after too many failures: answered {@code 429} with Retry-After. */
public class TooManyAttemptsException extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyAttemptsException(long retryAfterSeconds) {
        super("too many failed sign-in attempts; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
