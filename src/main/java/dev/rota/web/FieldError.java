package dev.rota.web;

/** One offending input field, as named in a problem detail's {@code errors} list. */
public record FieldError(String field, String message) {
}
