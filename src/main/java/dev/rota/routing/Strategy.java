package dev.rota.routing;

/**
 * How a rule distributes among eligible candidates. Both orders are total, so a decision is
 * deterministic: the last tie-breaker is the user id (natural {@code String} order).
 * "Longest since last assigned" puts never-assigned candidates first, then the oldest
 * {@code lastAssignedAt}; during a backlog drain, an assignment made by the drain counts as more
 * recent than any real {@code lastAssignedAt}.
 */
public enum Strategy {
    /** Longest since last assigned in this inbox, then user id. */
    ROUND_ROBIN,
    /** Fewest open conversations, then longest since last assigned, then user id. */
    BALANCED
}
