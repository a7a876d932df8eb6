package dev.rota.directory;

/** Sign-in (or sign-up) refused for a while after too many: answered {@code 429} with Retry-After. */
public class TooManyAttemptsException extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyAttemptsException(long retryAfterSeconds, String what) {
        super(what + "; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
