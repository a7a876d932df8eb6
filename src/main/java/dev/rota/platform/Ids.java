package dev.rota.platform;

import java.util.UUID;

/** Opaque identifiers: random UUIDs, parsed leniently so a malformed id is simply "not found". */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }

    /** @return the UUID, or null when {@code text} is not one (callers answer 404). */
    public static UUID parseOrNull(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
