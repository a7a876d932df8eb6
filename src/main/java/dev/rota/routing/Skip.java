package dev.rota.routing;

import static java.util.Objects.requireNonNull;

/**
 * One reason a candidate was skipped.
 *
 * @param reason never null
 * @param detail free text for people (availability reason, ordering key); {@code null} becomes ""
 */
public record Skip(SkipReason reason, String detail) {

    public Skip {
        requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail.strip();
    }

    public static Skip of(SkipReason reason) {
        return new Skip(reason, "");
    }

    /** {@code AWAY (OUT_OF_OFFICE)}, or just {@code AT_LIMIT} without a detail. */
    @Override
    public String toString() {
        return detail.isEmpty() ? reason.name() : reason + " (" + detail + ")";
    }
}
