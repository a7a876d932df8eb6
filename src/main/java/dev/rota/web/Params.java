package dev.rota.web;

import dev.rota.platform.Ids;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/** Path and query parameters: the one way ids and instants are read from a URL. */
public final class Params {

    private Params() {
    }

    /** A path id; one that is not even an id names nothing, so it is "not found" like an unknown one. */
    public static UUID pathId(String text, String what) {
        UUID id = Ids.parseOrNull(text);
        if (id == null) {
            throw new NotFoundException(what, text);
        }
        return id;
    }

    /** An optional id in a query parameter; a malformed one is a {@code 400} naming the parameter. */
    public static UUID optionalId(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        UUID id = Ids.parseOrNull(text);
        if (id == null) {
            throw new InvalidInputException(field, Body.quote(text) + " is not a valid id");
        }
        return id;
    }

    /** An optional enum constant in a query parameter (blank: none); another value is a {@code 400} naming it. */
    public static <E extends Enum<E>> E optionalEnum(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, "unknown value " + Body.quote(text) + "; accepted: "
                + java.util.List.of(type.getEnumConstants()));
    }

    /** The earliest and the latest instant Rota takes: far enough for any schedule, near enough for every zone's rules. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    public static Instant instant(String field, String text) {
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, Body.quote(text) + " is not an instant like 2026-12-24T09:00:00Z");
        }
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new InvalidInputException(field, "must be from " + EARLIEST + " and before " + LATEST + ", was " + text);
        }
        return at;
    }

    /** Whether a local date lies in the years Rota takes (see {@link #EARLIEST}, {@link #LATEST}), in any zone. */
    public static boolean inRange(java.time.LocalDate date) {
        return date.getYear() >= 1900 && date.getYear() <= 9997;
    }

    /**
     * A search text ({@code q}): trimmed, "" when absent, at most 200 characters. It is matched literally:
     * see {@link #likeContains}.
     */
    public static String search(String field, String text) {
        if (text == null) {
            return "";
        }
        String q = text.trim(); // a NUL never gets here: NulParameterFilter refuses it for every parameter
        if (q.length() > 200) {
            throw new InvalidInputException(field, "must be at most 200 characters");
        }
        return q;
    }

    /** A {@code LIKE} pattern matching values that contain {@code text} as it is ({@code %} and {@code _} too). */
    public static String likeContains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
