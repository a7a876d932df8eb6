package dev.rota.web;

/** The request clashes with stored state (a duplicate email, a stale version): answered {@code 409}. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
