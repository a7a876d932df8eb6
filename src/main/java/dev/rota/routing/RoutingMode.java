package dev.rota.routing;

/** How an inbox channel picks its candidates (SPEC §3). */
public enum RoutingMode {
    /** No automatic assignment; conversations wait in the inbox queue. */
    NONE,
    /** The listed users and the active members of the listed teams. */
    SPECIFIC,
    /** The contact's owner if eligible, else the fallback {@link RoutingRule} (or unassigned). */
    CONTACT_OWNER
}
