package dev.rota.web;

/** The caller is known but may not do this: answered {@code 403}, naming the rule and the field. */
public class ForbiddenException extends RuntimeException {

    private final String field;
    private final String type;

    public ForbiddenException(String message) {
        this(null, message, "forbidden");
    }

    public ForbiddenException(String field, String message, String type) {
        super(message);
        this.field = field;
        this.type = type;
    }

    public String field() {
        return field;
    }

    public String type() {
        return type;
    }
}
