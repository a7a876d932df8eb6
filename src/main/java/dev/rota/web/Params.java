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
            throw new InvalidInputException(field, "'" + text + "' is not a valid id");
        }
        return id;
    }

    public static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "'" + text + "' is not an instant like 2026-12-24T09:00:00Z");
        }
    }
}
