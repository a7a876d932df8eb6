package dev.rota.routing;

/** Why a candidate did not get a conversation. */
public enum SkipReason {
    /** Not available now; the detail holds the availability reason, e.g. {@code OUT_OF_OFFICE}. */
    AWAY,
    INACTIVE,
    NO_SEAT,
    NOT_MEMBER,
    /** Open conversations have reached the limit; the detail shows both. */
    AT_LIMIT,
    /** Eligible, but a concurrent request was assigning them a conversation at that moment. */
    BUSY,
    /** Eligible, but the strategy ranked someone else first; the detail holds the ordering key. */
    NOT_CHOSEN
}
